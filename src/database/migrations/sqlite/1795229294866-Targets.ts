import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Targets1795229294866 implements MigrationInterface {
  name = 'Targets1795229294866';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notifiers" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(100) NOT NULL, "type" varchar(16) NOT NULL, "address" text NOT NULL, "smtp_host" varchar(255), "smtp_port" integer, "smtp_security" varchar(16), "smtp_username" varchar(255), "smtp_password" text, "smtp_from" varchar(320), "enabled" boolean NOT NULL, "sent_count" integer NOT NULL, "failed_count" integer NOT NULL, "last_error" text, "last_sent_at" datetime(3), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_16af8a890ae3e6c71e4c04da6d5" UNIQUE ("name"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "targets" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(100) NOT NULL, "url" varchar(2048) NOT NULL, "method" varchar(8) NOT NULL, "headers" text NOT NULL, "body" text, "auth_type" varchar(16) NOT NULL, "auth_username" varchar(255), "auth_password" text, "auth_url" varchar(2048), "keystone_version" varchar(8), "project_name" varchar(255), "project_id" varchar(255), "tenant_id" varchar(255), "tenant_name" varchar(255), "user_domain" varchar(255), "project_domain" varchar(255), "frequency_seconds" integer NOT NULL, "timeout_seconds" integer NOT NULL, "expected_status" integer NOT NULL, "body_contains" text, "body_regex" varchar(1024), "json_path" varchar(512), "json_equals" text, "max_response_time_ms" integer, "failure_threshold" integer NOT NULL, "recovery_threshold" integer NOT NULL, "enabled" boolean NOT NULL, "notifier_ids" text NOT NULL, "status" varchar(8) NOT NULL, "status_description" varchar(1024), "previous_status" varchar(8), "last_updated" datetime(3) NOT NULL, "last_probe_at" datetime(3), "last_response_time_ms" integer, "pass_count" integer NOT NULL, "fail_count" integer NOT NULL, "status_2xx_count" integer NOT NULL, "status_3xx_count" integer NOT NULL, "status_4xx_count" integer NOT NULL, "status_5xx_count" integer NOT NULL, "network_fail_count" integer NOT NULL, "repeated_fail_count" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_0027e2dfa88fd4d85a382976ec0" UNIQUE ("name"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "targets"`);
    await queryRunner.query(`DROP TABLE "notifiers"`);
  }
}
