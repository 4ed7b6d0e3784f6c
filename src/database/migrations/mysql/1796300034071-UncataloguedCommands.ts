import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UncataloguedCommands1796300034071 implements MigrationInterface {
  name = 'UncataloguedCommands1796300034071';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`command_audit\` ADD \`catalogued\` tinyint NOT NULL DEFAULT 1`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`command_audit\` DROP COLUMN \`catalogued\``);
  }
}
