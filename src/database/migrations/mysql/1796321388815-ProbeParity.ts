import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProbeParity1796321388815 implements MigrationInterface {
  name = 'ProbeParity1796321388815';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`targets\` ADD \`follow_redirects\` tinyint NOT NULL DEFAULT 1`,
    );
    await queryRunner.query(`ALTER TABLE \`targets\` ADD \`body_not_contains\` text NULL`);
    await queryRunner.query(`ALTER TABLE \`targets\` ADD \`tls_ca_certificate\` text NULL`);
    await queryRunner.query(
      `ALTER TABLE \`targets\` ADD \`tls_insecure_skip_verify\` tinyint NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(`ALTER TABLE \`targets\` ADD \`tls_server_name\` varchar(253) NULL`);
    await queryRunner.query(`ALTER TABLE \`targets\` ADD \`certificate_expiry_days\` int NULL`);
    await queryRunner.query(
      `ALTER TABLE \`probe_results\` ADD \`redirects\` int NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(`ALTER TABLE \`probe_results\` ADD \`final_url\` varchar(2048) NULL`);
    await queryRunner.query(
      `ALTER TABLE \`probe_results\` ADD \`certificate_expires_at\` datetime NULL`,
    );
    // the stored codes become their canonical text ('200'); a target expecting a redirect keeps
    // evaluating the first answer
    await queryRunner.query(
      `ALTER TABLE \`targets\` MODIFY \`expected_status\` varchar(128) NOT NULL`,
    );
    await queryRunner.query(
      `UPDATE \`targets\` SET \`follow_redirects\` = 0 WHERE \`expected_status\` LIKE '3%'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // a list or class goes back to one code: its first, or the class's x00
    await queryRunner.query(
      `UPDATE \`targets\` SET \`expected_status\` = CASE WHEN SUBSTRING(\`expected_status\`, 2, 2) = 'xx' THEN CONCAT(LEFT(\`expected_status\`, 1), '00') ELSE LEFT(\`expected_status\`, 3) END`,
    );
    await queryRunner.query(`ALTER TABLE \`targets\` MODIFY \`expected_status\` int NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`probe_results\` DROP COLUMN \`certificate_expires_at\``);
    await queryRunner.query(`ALTER TABLE \`probe_results\` DROP COLUMN \`final_url\``);
    await queryRunner.query(`ALTER TABLE \`probe_results\` DROP COLUMN \`redirects\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`certificate_expiry_days\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`tls_server_name\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`tls_insecure_skip_verify\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`tls_ca_certificate\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`body_not_contains\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`follow_redirects\``);
  }
}
