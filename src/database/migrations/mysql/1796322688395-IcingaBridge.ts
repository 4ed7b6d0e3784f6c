import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A target's link to an Icinga object (`icinga_*`) and the bridge's record of its submissions. */
export class IcingaBridge1796322688395 implements MigrationInterface {
  name = 'IcingaBridge1796322688395';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`icinga_bridge_states\` (\`target_id\` int NOT NULL, \`last_attempt_at\` datetime(3) NOT NULL, \`last_submitted_at\` datetime(3) NULL, \`last_error\` varchar(1024) NULL, PRIMARY KEY (\`target_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`targets\` ADD \`icinga_site\` varchar(100) NULL`);
    await queryRunner.query(`ALTER TABLE \`targets\` ADD \`icinga_host\` varchar(255) NULL`);
    await queryRunner.query(`ALTER TABLE \`targets\` ADD \`icinga_service\` varchar(255) NULL`);
    await queryRunner.query(
      `ALTER TABLE \`icinga_bridge_states\` ADD CONSTRAINT \`FK_icinga_bridge_states_target\` FOREIGN KEY (\`target_id\`) REFERENCES \`targets\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`icinga_bridge_states\` DROP FOREIGN KEY \`FK_icinga_bridge_states_target\``,
    );
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`icinga_service\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`icinga_host\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`icinga_site\``);
    await queryRunner.query(`DROP TABLE \`icinga_bridge_states\``);
  }
}
