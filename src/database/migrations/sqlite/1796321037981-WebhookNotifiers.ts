import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhookNotifiers1796321037981 implements MigrationInterface {
  name = 'WebhookNotifiers1796321037981';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifiers" ADD COLUMN "webhook_url" text`);
    await queryRunner.query(`ALTER TABLE "notifiers" ADD COLUMN "webhook_headers" text`);
    await queryRunner.query(`ALTER TABLE "notifiers" ADD COLUMN "webhook_header_names" text`);
    await queryRunner.query(`ALTER TABLE "notifiers" ADD COLUMN "webhook_format" varchar(16)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifiers" DROP COLUMN "webhook_format"`);
    await queryRunner.query(`ALTER TABLE "notifiers" DROP COLUMN "webhook_header_names"`);
    await queryRunner.query(`ALTER TABLE "notifiers" DROP COLUMN "webhook_headers"`);
    await queryRunner.query(`ALTER TABLE "notifiers" DROP COLUMN "webhook_url"`);
  }
}
