import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795233188546 implements MigrationInterface {
  name = 'Notifications1795233188546';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`notifications\` (\`id\` int NOT NULL AUTO_INCREMENT, \`notifier_id\` int NOT NULL, \`target_id\` int NOT NULL, \`target_name\` varchar(100) NOT NULL, \`kind\` varchar(16) NOT NULL, \`subject\` varchar(400) NOT NULL, \`text\` text NOT NULL, \`html\` text NOT NULL, \`state\` varchar(16) NOT NULL, \`attempts\` int NOT NULL, \`next_attempt_at\` datetime(3) NOT NULL, \`last_error\` text NULL, \`created_at\` datetime(3) NOT NULL, \`sent_at\` datetime(3) NULL, INDEX \`IDX_notifications_notifier_state\` (\`notifier_id\`, \`state\`), INDEX \`IDX_notifications_created\` (\`created_at\`), INDEX \`IDX_notifications_state_due\` (\`state\`, \`next_attempt_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_notifications_state_due\` ON \`notifications\``);
    await queryRunner.query(`DROP INDEX \`IDX_notifications_created\` ON \`notifications\``);
    await queryRunner.query(`DROP INDEX \`IDX_notifications_notifier_state\` ON \`notifications\``);
    await queryRunner.query(`DROP TABLE \`notifications\``);
  }
}
