import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UncataloguedCommands1796300034071 implements MigrationInterface {
  name = 'UncataloguedCommands1796300034071';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_command_audit_user_name"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_command_audit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_name" varchar(64) NOT NULL, "sent_at" datetime(3) NOT NULL, "site" varchar(100), "transport" varchar(16) NOT NULL, "command" varchar(64) NOT NULL, "line" text NOT NULL, "outcome" varchar(8) NOT NULL, "error" text, "catalogued" boolean NOT NULL DEFAULT (1))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_command_audit"("id", "user_name", "sent_at", "site", "transport", "command", "line", "outcome", "error") SELECT "id", "user_name", "sent_at", "site", "transport", "command", "line", "outcome", "error" FROM "command_audit"`,
    );
    await queryRunner.query(`DROP TABLE "command_audit"`);
    await queryRunner.query(`ALTER TABLE "temporary_command_audit" RENAME TO "command_audit"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_command_audit_user_name" ON "command_audit" ("user_name", "id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_command_audit_user_name"`);
    await queryRunner.query(`ALTER TABLE "command_audit" RENAME TO "temporary_command_audit"`);
    await queryRunner.query(
      `CREATE TABLE "command_audit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_name" varchar(64) NOT NULL, "sent_at" datetime(3) NOT NULL, "site" varchar(100), "transport" varchar(16) NOT NULL, "command" varchar(64) NOT NULL, "line" text NOT NULL, "outcome" varchar(8) NOT NULL, "error" text)`,
    );
    await queryRunner.query(
      `INSERT INTO "command_audit"("id", "user_name", "sent_at", "site", "transport", "command", "line", "outcome", "error") SELECT "id", "user_name", "sent_at", "site", "transport", "command", "line", "outcome", "error" FROM "temporary_command_audit"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_command_audit"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_command_audit_user_name" ON "command_audit" ("user_name", "id") `,
    );
  }
}
