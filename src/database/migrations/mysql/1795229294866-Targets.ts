import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Targets1795229294866 implements MigrationInterface {
  name = 'Targets1795229294866';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`notifiers\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(100) NOT NULL, \`type\` varchar(16) NOT NULL, \`address\` text NOT NULL, \`smtp_host\` varchar(255) NULL, \`smtp_port\` int NULL, \`smtp_security\` varchar(16) NULL, \`smtp_username\` varchar(255) NULL, \`smtp_password\` text NULL, \`smtp_from\` varchar(320) NULL, \`enabled\` tinyint NOT NULL, \`sent_count\` int NOT NULL, \`failed_count\` int NOT NULL, \`last_error\` text NULL, \`last_sent_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_16af8a890ae3e6c71e4c04da6d\` (\`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`targets\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(100) NOT NULL, \`url\` varchar(2048) NOT NULL, \`method\` varchar(8) NOT NULL, \`headers\` text NOT NULL, \`body\` text NULL, \`auth_type\` varchar(16) NOT NULL, \`auth_username\` varchar(255) NULL, \`auth_password\` text NULL, \`auth_url\` varchar(2048) NULL, \`keystone_version\` varchar(8) NULL, \`project_name\` varchar(255) NULL, \`project_id\` varchar(255) NULL, \`tenant_id\` varchar(255) NULL, \`tenant_name\` varchar(255) NULL, \`user_domain\` varchar(255) NULL, \`project_domain\` varchar(255) NULL, \`frequency_seconds\` int NOT NULL, \`timeout_seconds\` int NOT NULL, \`expected_status\` int NOT NULL, \`body_contains\` text NULL, \`body_regex\` varchar(1024) NULL, \`json_path\` varchar(512) NULL, \`json_equals\` text NULL, \`max_response_time_ms\` int NULL, \`failure_threshold\` int NOT NULL, \`recovery_threshold\` int NOT NULL, \`enabled\` tinyint NOT NULL, \`notifier_ids\` text NOT NULL, \`status\` varchar(8) NOT NULL, \`status_description\` varchar(1024) NULL, \`previous_status\` varchar(8) NULL, \`last_updated\` datetime(3) NOT NULL, \`last_probe_at\` datetime(3) NULL, \`last_response_time_ms\` int NULL, \`pass_count\` int NOT NULL, \`fail_count\` int NOT NULL, \`status_2xx_count\` int NOT NULL, \`status_3xx_count\` int NOT NULL, \`status_4xx_count\` int NOT NULL, \`status_5xx_count\` int NOT NULL, \`network_fail_count\` int NOT NULL, \`repeated_fail_count\` int NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_0027e2dfa88fd4d85a382976ec\` (\`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_0027e2dfa88fd4d85a382976ec\` ON \`targets\``);
    await queryRunner.query(`DROP TABLE \`targets\``);
    await queryRunner.query(`DROP INDEX \`IDX_16af8a890ae3e6c71e4c04da6d\` ON \`notifiers\``);
    await queryRunner.query(`DROP TABLE \`notifiers\``);
  }
}
