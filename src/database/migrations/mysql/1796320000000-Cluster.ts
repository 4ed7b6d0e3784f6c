import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Instances on one database and the leases of the targets' shards. `targets.updated_at` already
 * follows every change of a row (ON UPDATE CURRENT_TIMESTAMP(6)), which the owners poll.
 */
export class Cluster1796320000000 implements MigrationInterface {
  name = 'Cluster1796320000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`cluster_members\` (\`id\` varchar(64) NOT NULL, \`host\` varchar(255) NOT NULL, \`pid\` int NOT NULL, \`version\` varchar(64) NOT NULL, \`started_at\` datetime(3) NOT NULL, \`heartbeat_at\` datetime(3) NOT NULL, \`targets\` int NOT NULL DEFAULT 0, \`probing\` tinyint NOT NULL DEFAULT 0, \`probes_per_second\` double NOT NULL DEFAULT 0, PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`shard_leases\` (\`shard\` int NOT NULL, \`owner\` varchar(64) NULL, \`epoch\` int NOT NULL, \`expires_at\` datetime(3) NOT NULL, PRIMARY KEY (\`shard\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`shard_leases\``);
    await queryRunner.query(`DROP TABLE \`cluster_members\``);
  }
}
