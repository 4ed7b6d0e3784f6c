import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Names of targets and notifiers (and the target name kept with a notification) up to 128
 * characters, as skypunch allowed. MODIFY keeps the rows and the unique indexes (a generated
 * DROP COLUMN + ADD would lose every name).
 */
export class NameLength1281796299977241 implements MigrationInterface {
  name = 'NameLength1281796299977241';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`notifications\` MODIFY \`target_name\` varchar(128) NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE \`notifiers\` MODIFY \`name\` varchar(128) NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`targets\` MODIFY \`name\` varchar(128) NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`targets\` MODIFY \`name\` varchar(100) NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`notifiers\` MODIFY \`name\` varchar(100) NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE \`notifications\` MODIFY \`target_name\` varchar(100) NOT NULL`,
    );
  }
}
