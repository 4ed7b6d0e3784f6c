import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795233188546 implements MigrationInterface {
  name = 'Notifications1795233188546';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "notifier_id" integer NOT NULL, "target_id" integer NOT NULL, "target_name" varchar(100) NOT NULL, "kind" varchar(16) NOT NULL, "subject" varchar(400) NOT NULL, "text" text NOT NULL, "html" text NOT NULL, "state" varchar(16) NOT NULL, "attempts" integer NOT NULL, "next_attempt_at" datetime(3) NOT NULL, "last_error" text, "created_at" datetime(3) NOT NULL, "sent_at" datetime(3))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_notifier_state" ON "notifications" ("notifier_id", "state") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_created" ON "notifications" ("created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_state_due" ON "notifications" ("state", "next_attempt_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_notifications_state_due"`);
    await queryRunner.query(`DROP INDEX "IDX_notifications_created"`);
    await queryRunner.query(`DROP INDEX "IDX_notifications_notifier_state"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
  }
}
