import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhookNotifiers1796321037981 implements MigrationInterface {
  name = 'WebhookNotifiers1796321037981';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`notifiers\` ADD \`webhook_url\` text NULL`);
    await queryRunner.query(`ALTER TABLE \`notifiers\` ADD \`webhook_headers\` text NULL`);
    await queryRunner.query(`ALTER TABLE \`notifiers\` ADD \`webhook_header_names\` text NULL`);
    await queryRunner.query(`ALTER TABLE \`notifiers\` ADD \`webhook_format\` varchar(16) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`notifiers\` DROP COLUMN \`webhook_format\``);
    await queryRunner.query(`ALTER TABLE \`notifiers\` DROP COLUMN \`webhook_header_names\``);
    await queryRunner.query(`ALTER TABLE \`notifiers\` DROP COLUMN \`webhook_headers\``);
    await queryRunner.query(`ALTER TABLE \`notifiers\` DROP COLUMN \`webhook_url\``);
  }
}
