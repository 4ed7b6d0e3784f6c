import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A target's state and counters move from `targets` to `target_states` (one row per target, deleted
 * with it), with every value carried over; the columns are dropped only after the copy.
 */
export class TargetStates1796310644176 implements MigrationInterface {
  name = 'TargetStates1796310644176';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`target_states\` (\`target_id\` int NOT NULL, \`status\` varchar(8) NOT NULL, \`status_description\` varchar(1024) NULL, \`previous_status\` varchar(8) NULL, \`last_updated\` datetime(3) NOT NULL, \`last_probe_at\` datetime(3) NULL, \`last_response_time_ms\` int NULL, \`pass_count\` int NOT NULL, \`fail_count\` int NOT NULL, \`status_2xx_count\` int NOT NULL, \`status_3xx_count\` int NOT NULL, \`status_4xx_count\` int NOT NULL, \`status_5xx_count\` int NOT NULL, \`network_fail_count\` int NOT NULL, \`repeated_fail_count\` int NOT NULL, \`repeated_pass_count\` int NOT NULL, PRIMARY KEY (\`target_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `INSERT INTO \`target_states\` (\`target_id\`, \`status\`, \`status_description\`, \`previous_status\`, \`last_updated\`, \`last_probe_at\`, \`last_response_time_ms\`, \`pass_count\`, \`fail_count\`, \`status_2xx_count\`, \`status_3xx_count\`, \`status_4xx_count\`, \`status_5xx_count\`, \`network_fail_count\`, \`repeated_fail_count\`, \`repeated_pass_count\`) SELECT \`id\`, \`status\`, \`status_description\`, \`previous_status\`, \`last_updated\`, \`last_probe_at\`, \`last_response_time_ms\`, \`pass_count\`, \`fail_count\`, \`status_2xx_count\`, \`status_3xx_count\`, \`status_4xx_count\`, \`status_5xx_count\`, \`network_fail_count\`, \`repeated_fail_count\`, \`repeated_pass_count\` FROM \`targets\``,
    );
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`status\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`status_description\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`previous_status\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`last_updated\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`last_probe_at\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`last_response_time_ms\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`pass_count\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`fail_count\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`status_2xx_count\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`status_3xx_count\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`status_4xx_count\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`status_5xx_count\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`network_fail_count\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`repeated_fail_count\``);
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`repeated_pass_count\``);
    await queryRunner.query(
      `ALTER TABLE \`target_states\` ADD CONSTRAINT \`FK_target_states_target\` FOREIGN KEY (\`target_id\`) REFERENCES \`targets\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`target_states\` DROP FOREIGN KEY \`FK_target_states_target\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`targets\` ADD \`repeated_pass_count\` int NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(`ALTER TABLE \`targets\` ADD \`repeated_fail_count\` int NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`targets\` ADD \`network_fail_count\` int NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`targets\` ADD \`status_5xx_count\` int NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`targets\` ADD \`status_4xx_count\` int NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`targets\` ADD \`status_3xx_count\` int NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`targets\` ADD \`status_2xx_count\` int NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`targets\` ADD \`fail_count\` int NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`targets\` ADD \`pass_count\` int NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`targets\` ADD \`last_response_time_ms\` int NULL`);
    await queryRunner.query(`ALTER TABLE \`targets\` ADD \`last_probe_at\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`targets\` ADD \`last_updated\` datetime(3) NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`targets\` ADD \`previous_status\` varchar(8) NULL`);
    await queryRunner.query(
      `ALTER TABLE \`targets\` ADD \`status_description\` varchar(1024) NULL`,
    );
    await queryRunner.query(`ALTER TABLE \`targets\` ADD \`status\` varchar(8) NOT NULL`);
    await queryRunner.query(
      `UPDATE \`targets\` \`t\` JOIN \`target_states\` \`s\` ON \`s\`.\`target_id\` = \`t\`.\`id\` SET \`t\`.\`status\` = \`s\`.\`status\`, \`t\`.\`status_description\` = \`s\`.\`status_description\`, \`t\`.\`previous_status\` = \`s\`.\`previous_status\`, \`t\`.\`last_updated\` = \`s\`.\`last_updated\`, \`t\`.\`last_probe_at\` = \`s\`.\`last_probe_at\`, \`t\`.\`last_response_time_ms\` = \`s\`.\`last_response_time_ms\`, \`t\`.\`pass_count\` = \`s\`.\`pass_count\`, \`t\`.\`fail_count\` = \`s\`.\`fail_count\`, \`t\`.\`status_2xx_count\` = \`s\`.\`status_2xx_count\`, \`t\`.\`status_3xx_count\` = \`s\`.\`status_3xx_count\`, \`t\`.\`status_4xx_count\` = \`s\`.\`status_4xx_count\`, \`t\`.\`status_5xx_count\` = \`s\`.\`status_5xx_count\`, \`t\`.\`network_fail_count\` = \`s\`.\`network_fail_count\`, \`t\`.\`repeated_fail_count\` = \`s\`.\`repeated_fail_count\`, \`t\`.\`repeated_pass_count\` = \`s\`.\`repeated_pass_count\``,
    );
    await queryRunner.query(`DROP TABLE \`target_states\``);
  }
}
