import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Probing1795232592090 implements MigrationInterface {
  name = 'Probing1795232592090';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`probe_results\` (\`id\` int NOT NULL AUTO_INCREMENT, \`target_id\` int NOT NULL, \`probed_at\` datetime(3) NOT NULL, \`status\` varchar(4) NOT NULL, \`http_status\` int NULL, \`response_time_ms\` int NOT NULL, \`description\` varchar(1024) NOT NULL, INDEX \`IDX_probe_results_time\` (\`probed_at\`), INDEX \`IDX_probe_results_target_time\` (\`target_id\`, \`probed_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`targets\` ADD \`repeated_pass_count\` int NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE \`targets\` ADD \`fresh_connection\` tinyint NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(
      `ALTER TABLE \`probe_results\` ADD CONSTRAINT \`FK_ee3e5de99d54af51eda93998a62\` FOREIGN KEY (\`target_id\`) REFERENCES \`targets\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`probe_results\` DROP FOREIGN KEY \`FK_ee3e5de99d54af51eda93998a62\``,
    );
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`fresh_connection\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`repeated_pass_count\``);
    await queryRunner.query(`DROP INDEX \`IDX_probe_results_target_time\` ON \`probe_results\``);
    await queryRunner.query(`DROP INDEX \`IDX_probe_results_time\` ON \`probe_results\``);
    await queryRunner.query(`DROP TABLE \`probe_results\``);
  }
}
