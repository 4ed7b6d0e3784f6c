import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SecretHeaders1796290770455 implements MigrationInterface {
  name = 'SecretHeaders1796290770455';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`targets\` ADD \`secret_headers\` text NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`targets\` DROP COLUMN \`secret_headers\``);
  }
}
