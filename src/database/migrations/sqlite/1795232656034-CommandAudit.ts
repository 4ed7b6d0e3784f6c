import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CommandAudit1795232656034 implements MigrationInterface {
  name = 'CommandAudit1795232656034';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "command_audit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_name" varchar(64) NOT NULL, "sent_at" datetime(3) NOT NULL, "site" varchar(100), "transport" varchar(16) NOT NULL, "command" varchar(64) NOT NULL, "line" text NOT NULL, "outcome" varchar(8) NOT NULL, "error" text)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_command_audit_user_name" ON "command_audit" ("user_name", "id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_command_audit_user_name"`);
    await queryRunner.query(`DROP TABLE "command_audit"`);
  }
}
