import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhookEvents1796321037982 implements MigrationInterface {
  name = 'WebhookEvents1796321037982';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`notifications\` ADD \`event\` text NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`notifications\` DROP COLUMN \`event\``);
  }
}
