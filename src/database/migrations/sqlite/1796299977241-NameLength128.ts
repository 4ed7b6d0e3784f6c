import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NameLength1281796299977241 implements MigrationInterface {
  name = 'NameLength1281796299977241';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_notifications_target_notifier"`);
    await queryRunner.query(`DROP INDEX "IDX_notifications_state_due"`);
    await queryRunner.query(`DROP INDEX "IDX_notifications_created"`);
    await queryRunner.query(`DROP INDEX "IDX_notifications_notifier_state"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_notifications" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "notifier_id" integer NOT NULL, "target_id" integer NOT NULL, "target_name" varchar(128) NOT NULL, "kind" varchar(16) NOT NULL, "subject" varchar(400) NOT NULL, "text" text NOT NULL, "html" text NOT NULL, "state" varchar(16) NOT NULL, "attempts" integer NOT NULL, "next_attempt_at" datetime(3) NOT NULL, "last_error" text, "created_at" datetime(3) NOT NULL, "sent_at" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_notifications"("id", "notifier_id", "target_id", "target_name", "kind", "subject", "text", "html", "state", "attempts", "next_attempt_at", "last_error", "created_at", "sent_at") SELECT "id", "notifier_id", "target_id", "target_name", "kind", "subject", "text", "html", "state", "attempts", "next_attempt_at", "last_error", "created_at", "sent_at" FROM "notifications"`,
    );
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`ALTER TABLE "temporary_notifications" RENAME TO "notifications"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_target_notifier" ON "notifications" ("target_id", "notifier_id", "state") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_state_due" ON "notifications" ("state", "next_attempt_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_created" ON "notifications" ("created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_notifier_state" ON "notifications" ("notifier_id", "state") `,
    );
    await queryRunner.query(
      `CREATE TABLE "temporary_notifiers" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(128) NOT NULL, "type" varchar(16) NOT NULL, "address" text NOT NULL, "smtp_host" varchar(255), "smtp_port" integer, "smtp_security" varchar(16), "smtp_username" varchar(255), "smtp_password" text, "smtp_from" varchar(320), "enabled" boolean NOT NULL, "sent_count" integer NOT NULL, "failed_count" integer NOT NULL, "last_error" text, "last_sent_at" datetime(3), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_16af8a890ae3e6c71e4c04da6d5" UNIQUE ("name"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_notifiers"("id", "name", "type", "address", "smtp_host", "smtp_port", "smtp_security", "smtp_username", "smtp_password", "smtp_from", "enabled", "sent_count", "failed_count", "last_error", "last_sent_at", "created_at", "updated_at") SELECT "id", "name", "type", "address", "smtp_host", "smtp_port", "smtp_security", "smtp_username", "smtp_password", "smtp_from", "enabled", "sent_count", "failed_count", "last_error", "last_sent_at", "created_at", "updated_at" FROM "notifiers"`,
    );
    await queryRunner.query(`DROP TABLE "notifiers"`);
    await queryRunner.query(`ALTER TABLE "temporary_notifiers" RENAME TO "notifiers"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_targets" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(128) NOT NULL, "url" varchar(2048) NOT NULL, "method" varchar(8) NOT NULL, "headers" text NOT NULL, "body" text, "auth_type" varchar(16) NOT NULL, "auth_username" varchar(255), "auth_password" text, "auth_url" varchar(2048), "keystone_version" varchar(8), "project_name" varchar(255), "project_id" varchar(255), "tenant_id" varchar(255), "tenant_name" varchar(255), "user_domain" varchar(255), "project_domain" varchar(255), "frequency_seconds" integer NOT NULL, "timeout_seconds" integer NOT NULL, "expected_status" integer NOT NULL, "body_contains" text, "body_regex" varchar(1024), "json_path" varchar(512), "json_equals" text, "max_response_time_ms" integer, "failure_threshold" integer NOT NULL, "recovery_threshold" integer NOT NULL, "enabled" boolean NOT NULL, "notifier_ids" text NOT NULL, "status" varchar(8) NOT NULL, "status_description" varchar(1024), "previous_status" varchar(8), "last_updated" datetime(3) NOT NULL, "last_probe_at" datetime(3), "last_response_time_ms" integer, "pass_count" integer NOT NULL, "fail_count" integer NOT NULL, "status_2xx_count" integer NOT NULL, "status_3xx_count" integer NOT NULL, "status_4xx_count" integer NOT NULL, "status_5xx_count" integer NOT NULL, "network_fail_count" integer NOT NULL, "repeated_fail_count" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "repeated_pass_count" integer NOT NULL DEFAULT (0), "fresh_connection" boolean NOT NULL DEFAULT (0), "secret_headers" text, CONSTRAINT "UQ_0027e2dfa88fd4d85a382976ec0" UNIQUE ("name"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_targets"("id", "name", "url", "method", "headers", "body", "auth_type", "auth_username", "auth_password", "auth_url", "keystone_version", "project_name", "project_id", "tenant_id", "tenant_name", "user_domain", "project_domain", "frequency_seconds", "timeout_seconds", "expected_status", "body_contains", "body_regex", "json_path", "json_equals", "max_response_time_ms", "failure_threshold", "recovery_threshold", "enabled", "notifier_ids", "status", "status_description", "previous_status", "last_updated", "last_probe_at", "last_response_time_ms", "pass_count", "fail_count", "status_2xx_count", "status_3xx_count", "status_4xx_count", "status_5xx_count", "network_fail_count", "repeated_fail_count", "created_at", "updated_at", "repeated_pass_count", "fresh_connection", "secret_headers") SELECT "id", "name", "url", "method", "headers", "body", "auth_type", "auth_username", "auth_password", "auth_url", "keystone_version", "project_name", "project_id", "tenant_id", "tenant_name", "user_domain", "project_domain", "frequency_seconds", "timeout_seconds", "expected_status", "body_contains", "body_regex", "json_path", "json_equals", "max_response_time_ms", "failure_threshold", "recovery_threshold", "enabled", "notifier_ids", "status", "status_description", "previous_status", "last_updated", "last_probe_at", "last_response_time_ms", "pass_count", "fail_count", "status_2xx_count", "status_3xx_count", "status_4xx_count", "status_5xx_count", "network_fail_count", "repeated_fail_count", "created_at", "updated_at", "repeated_pass_count", "fresh_connection", "secret_headers" FROM "targets"`,
    );
    await queryRunner.query(`DROP TABLE "targets"`);
    await queryRunner.query(`ALTER TABLE "temporary_targets" RENAME TO "targets"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "targets" RENAME TO "temporary_targets"`);
    await queryRunner.query(
      `CREATE TABLE "targets" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(100) NOT NULL, "url" varchar(2048) NOT NULL, "method" varchar(8) NOT NULL, "headers" text NOT NULL, "body" text, "auth_type" varchar(16) NOT NULL, "auth_username" varchar(255), "auth_password" text, "auth_url" varchar(2048), "keystone_version" varchar(8), "project_name" varchar(255), "project_id" varchar(255), "tenant_id" varchar(255), "tenant_name" varchar(255), "user_domain" varchar(255), "project_domain" varchar(255), "frequency_seconds" integer NOT NULL, "timeout_seconds" integer NOT NULL, "expected_status" integer NOT NULL, "body_contains" text, "body_regex" varchar(1024), "json_path" varchar(512), "json_equals" text, "max_response_time_ms" integer, "failure_threshold" integer NOT NULL, "recovery_threshold" integer NOT NULL, "enabled" boolean NOT NULL, "notifier_ids" text NOT NULL, "status" varchar(8) NOT NULL, "status_description" varchar(1024), "previous_status" varchar(8), "last_updated" datetime(3) NOT NULL, "last_probe_at" datetime(3), "last_response_time_ms" integer, "pass_count" integer NOT NULL, "fail_count" integer NOT NULL, "status_2xx_count" integer NOT NULL, "status_3xx_count" integer NOT NULL, "status_4xx_count" integer NOT NULL, "status_5xx_count" integer NOT NULL, "network_fail_count" integer NOT NULL, "repeated_fail_count" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "repeated_pass_count" integer NOT NULL DEFAULT (0), "fresh_connection" boolean NOT NULL DEFAULT (0), "secret_headers" text, CONSTRAINT "UQ_0027e2dfa88fd4d85a382976ec0" UNIQUE ("name"))`,
    );
    await queryRunner.query(
      `INSERT INTO "targets"("id", "name", "url", "method", "headers", "body", "auth_type", "auth_username", "auth_password", "auth_url", "keystone_version", "project_name", "project_id", "tenant_id", "tenant_name", "user_domain", "project_domain", "frequency_seconds", "timeout_seconds", "expected_status", "body_contains", "body_regex", "json_path", "json_equals", "max_response_time_ms", "failure_threshold", "recovery_threshold", "enabled", "notifier_ids", "status", "status_description", "previous_status", "last_updated", "last_probe_at", "last_response_time_ms", "pass_count", "fail_count", "status_2xx_count", "status_3xx_count", "status_4xx_count", "status_5xx_count", "network_fail_count", "repeated_fail_count", "created_at", "updated_at", "repeated_pass_count", "fresh_connection", "secret_headers") SELECT "id", "name", "url", "method", "headers", "body", "auth_type", "auth_username", "auth_password", "auth_url", "keystone_version", "project_name", "project_id", "tenant_id", "tenant_name", "user_domain", "project_domain", "frequency_seconds", "timeout_seconds", "expected_status", "body_contains", "body_regex", "json_path", "json_equals", "max_response_time_ms", "failure_threshold", "recovery_threshold", "enabled", "notifier_ids", "status", "status_description", "previous_status", "last_updated", "last_probe_at", "last_response_time_ms", "pass_count", "fail_count", "status_2xx_count", "status_3xx_count", "status_4xx_count", "status_5xx_count", "network_fail_count", "repeated_fail_count", "created_at", "updated_at", "repeated_pass_count", "fresh_connection", "secret_headers" FROM "temporary_targets"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_targets"`);
    await queryRunner.query(`ALTER TABLE "notifiers" RENAME TO "temporary_notifiers"`);
    await queryRunner.query(
      `CREATE TABLE "notifiers" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(100) NOT NULL, "type" varchar(16) NOT NULL, "address" text NOT NULL, "smtp_host" varchar(255), "smtp_port" integer, "smtp_security" varchar(16), "smtp_username" varchar(255), "smtp_password" text, "smtp_from" varchar(320), "enabled" boolean NOT NULL, "sent_count" integer NOT NULL, "failed_count" integer NOT NULL, "last_error" text, "last_sent_at" datetime(3), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_16af8a890ae3e6c71e4c04da6d5" UNIQUE ("name"))`,
    );
    await queryRunner.query(
      `INSERT INTO "notifiers"("id", "name", "type", "address", "smtp_host", "smtp_port", "smtp_security", "smtp_username", "smtp_password", "smtp_from", "enabled", "sent_count", "failed_count", "last_error", "last_sent_at", "created_at", "updated_at") SELECT "id", "name", "type", "address", "smtp_host", "smtp_port", "smtp_security", "smtp_username", "smtp_password", "smtp_from", "enabled", "sent_count", "failed_count", "last_error", "last_sent_at", "created_at", "updated_at" FROM "temporary_notifiers"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_notifiers"`);
    await queryRunner.query(`DROP INDEX "IDX_notifications_notifier_state"`);
    await queryRunner.query(`DROP INDEX "IDX_notifications_created"`);
    await queryRunner.query(`DROP INDEX "IDX_notifications_state_due"`);
    await queryRunner.query(`DROP INDEX "IDX_notifications_target_notifier"`);
    await queryRunner.query(`ALTER TABLE "notifications" RENAME TO "temporary_notifications"`);
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "notifier_id" integer NOT NULL, "target_id" integer NOT NULL, "target_name" varchar(100) NOT NULL, "kind" varchar(16) NOT NULL, "subject" varchar(400) NOT NULL, "text" text NOT NULL, "html" text NOT NULL, "state" varchar(16) NOT NULL, "attempts" integer NOT NULL, "next_attempt_at" datetime(3) NOT NULL, "last_error" text, "created_at" datetime(3) NOT NULL, "sent_at" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "notifications"("id", "notifier_id", "target_id", "target_name", "kind", "subject", "text", "html", "state", "attempts", "next_attempt_at", "last_error", "created_at", "sent_at") SELECT "id", "notifier_id", "target_id", "target_name", "kind", "subject", "text", "html", "state", "attempts", "next_attempt_at", "last_error", "created_at", "sent_at" FROM "temporary_notifications"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_notifications"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_notifier_state" ON "notifications" ("notifier_id", "state") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_created" ON "notifications" ("created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_state_due" ON "notifications" ("state", "next_attempt_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_target_notifier" ON "notifications" ("target_id", "notifier_id", "state") `,
    );
  }
}
