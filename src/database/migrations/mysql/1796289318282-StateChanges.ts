import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StateChanges1796289318282 implements MigrationInterface {
  name = 'StateChanges1796289318282';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`notification_cursor\` (\`id\` int NOT NULL, \`last_change_id\` int NOT NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`state_changes\` (\`id\` int NOT NULL AUTO_INCREMENT, \`target_id\` int NOT NULL, \`from_status\` varchar(4) NOT NULL, \`to_status\` varchar(4) NOT NULL, \`changed_at\` datetime(3) NOT NULL, \`notify\` tinyint NOT NULL, \`details\` text NOT NULL, INDEX \`IDX_state_changes_target\` (\`target_id\`, \`changed_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE INDEX \`IDX_notifications_target_notifier\` ON \`notifications\` (\`target_id\`, \`notifier_id\`, \`state\`)`,
    );
    // the notifications start with the first change stored
    await queryRunner.query(
      `INSERT INTO \`notification_cursor\` (\`id\`, \`last_change_id\`) VALUES (1, 0)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP INDEX \`IDX_notifications_target_notifier\` ON \`notifications\``,
    );
    await queryRunner.query(`DROP INDEX \`IDX_state_changes_target\` ON \`state_changes\``);
    await queryRunner.query(`DROP TABLE \`state_changes\``);
    await queryRunner.query(`DROP TABLE \`notification_cursor\``);
  }
}
