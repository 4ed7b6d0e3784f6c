import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TARGETS_UPDATED_AT_TRIGGER } from './1796320000000-Cluster';

export class ProbeParity1796321388815 implements MigrationInterface {
  name = 'ProbeParity1796321388815';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "temporary_targets" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(128) NOT NULL, "url" varchar(2048) NOT NULL, "method" varchar(8) NOT NULL, "headers" text NOT NULL, "body" text, "auth_type" varchar(16) NOT NULL, "auth_username" varchar(255), "auth_password" text, "auth_url" varchar(2048), "keystone_version" varchar(8), "project_name" varchar(255), "project_id" varchar(255), "tenant_id" varchar(255), "tenant_name" varchar(255), "user_domain" varchar(255), "project_domain" varchar(255), "frequency_seconds" integer NOT NULL, "timeout_seconds" integer NOT NULL, "expected_status" integer NOT NULL, "body_contains" text, "body_regex" varchar(1024), "json_path" varchar(512), "json_equals" text, "max_response_time_ms" integer, "failure_threshold" integer NOT NULL, "recovery_threshold" integer NOT NULL, "enabled" boolean NOT NULL, "notifier_ids" text NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "fresh_connection" boolean NOT NULL DEFAULT (0), "secret_headers" text, "follow_redirects" boolean NOT NULL DEFAULT (1), "body_not_contains" text, "tls_ca_certificate" text, "tls_insecure_skip_verify" boolean NOT NULL DEFAULT (0), "tls_server_name" varchar(253), "certificate_expiry_days" integer, CONSTRAINT "UQ_0027e2dfa88fd4d85a382976ec0" UNIQUE ("name"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_targets"("id", "name", "url", "method", "headers", "body", "auth_type", "auth_username", "auth_password", "auth_url", "keystone_version", "project_name", "project_id", "tenant_id", "tenant_name", "user_domain", "project_domain", "frequency_seconds", "timeout_seconds", "expected_status", "body_contains", "body_regex", "json_path", "json_equals", "max_response_time_ms", "failure_threshold", "recovery_threshold", "enabled", "notifier_ids", "created_at", "updated_at", "fresh_connection", "secret_headers") SELECT "id", "name", "url", "method", "headers", "body", "auth_type", "auth_username", "auth_password", "auth_url", "keystone_version", "project_name", "project_id", "tenant_id", "tenant_name", "user_domain", "project_domain", "frequency_seconds", "timeout_seconds", "expected_status", "body_contains", "body_regex", "json_path", "json_equals", "max_response_time_ms", "failure_threshold", "recovery_threshold", "enabled", "notifier_ids", "created_at", "updated_at", "fresh_connection", "secret_headers" FROM "targets"`,
    );
    await queryRunner.query(`DROP TABLE "targets"`);
    await queryRunner.query(`ALTER TABLE "temporary_targets" RENAME TO "targets"`);
    await queryRunner.query(`DROP INDEX "IDX_probe_results_target_time"`);
    await queryRunner.query(`DROP INDEX "IDX_probe_results_time"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_probe_results" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "target_id" integer NOT NULL, "probed_at" datetime(3) NOT NULL, "status" varchar(4) NOT NULL, "http_status" integer, "response_time_ms" integer NOT NULL, "description" varchar(1024) NOT NULL, "redirects" integer NOT NULL DEFAULT (0), "final_url" varchar(2048), "certificate_expires_at" datetime, CONSTRAINT "FK_ee3e5de99d54af51eda93998a62" FOREIGN KEY ("target_id") REFERENCES "targets" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_probe_results"("id", "target_id", "probed_at", "status", "http_status", "response_time_ms", "description") SELECT "id", "target_id", "probed_at", "status", "http_status", "response_time_ms", "description" FROM "probe_results"`,
    );
    await queryRunner.query(`DROP TABLE "probe_results"`);
    await queryRunner.query(`ALTER TABLE "temporary_probe_results" RENAME TO "probe_results"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_probe_results_target_time" ON "probe_results" ("target_id", "probed_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_probe_results_time" ON "probe_results" ("probed_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "temporary_targets" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(128) NOT NULL, "url" varchar(2048) NOT NULL, "method" varchar(8) NOT NULL, "headers" text NOT NULL, "body" text, "auth_type" varchar(16) NOT NULL, "auth_username" varchar(255), "auth_password" text, "auth_url" varchar(2048), "keystone_version" varchar(8), "project_name" varchar(255), "project_id" varchar(255), "tenant_id" varchar(255), "tenant_name" varchar(255), "user_domain" varchar(255), "project_domain" varchar(255), "frequency_seconds" integer NOT NULL, "timeout_seconds" integer NOT NULL, "expected_status" varchar(128) NOT NULL, "body_contains" text, "body_regex" varchar(1024), "json_path" varchar(512), "json_equals" text, "max_response_time_ms" integer, "failure_threshold" integer NOT NULL, "recovery_threshold" integer NOT NULL, "enabled" boolean NOT NULL, "notifier_ids" text NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "fresh_connection" boolean NOT NULL DEFAULT (0), "secret_headers" text, "follow_redirects" boolean NOT NULL DEFAULT (1), "body_not_contains" text, "tls_ca_certificate" text, "tls_insecure_skip_verify" boolean NOT NULL DEFAULT (0), "tls_server_name" varchar(253), "certificate_expiry_days" integer, CONSTRAINT "UQ_0027e2dfa88fd4d85a382976ec0" UNIQUE ("name"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_targets"("id", "name", "url", "method", "headers", "body", "auth_type", "auth_username", "auth_password", "auth_url", "keystone_version", "project_name", "project_id", "tenant_id", "tenant_name", "user_domain", "project_domain", "frequency_seconds", "timeout_seconds", "expected_status", "body_contains", "body_regex", "json_path", "json_equals", "max_response_time_ms", "failure_threshold", "recovery_threshold", "enabled", "notifier_ids", "created_at", "updated_at", "fresh_connection", "secret_headers", "follow_redirects", "body_not_contains", "tls_ca_certificate", "tls_insecure_skip_verify", "tls_server_name", "certificate_expiry_days") SELECT "id", "name", "url", "method", "headers", "body", "auth_type", "auth_username", "auth_password", "auth_url", "keystone_version", "project_name", "project_id", "tenant_id", "tenant_name", "user_domain", "project_domain", "frequency_seconds", "timeout_seconds", "expected_status", "body_contains", "body_regex", "json_path", "json_equals", "max_response_time_ms", "failure_threshold", "recovery_threshold", "enabled", "notifier_ids", "created_at", "updated_at", "fresh_connection", "secret_headers", "follow_redirects", "body_not_contains", "tls_ca_certificate", "tls_insecure_skip_verify", "tls_server_name", "certificate_expiry_days" FROM "targets"`,
    );
    await queryRunner.query(`DROP TABLE "targets"`);
    await queryRunner.query(`ALTER TABLE "temporary_targets" RENAME TO "targets"`);
    // a target expecting a redirect keeps evaluating the first answer
    await queryRunner.query(
      `UPDATE "targets" SET "follow_redirects" = 0 WHERE "expected_status" LIKE '3%'`,
    );
    // rebuilding `targets` dropped its trigger
    await queryRunner.query(TARGETS_UPDATED_AT_TRIGGER);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // a list or class goes back to one code: its first, or the class's x00
    await queryRunner.query(
      `UPDATE "targets" SET "expected_status" = CASE WHEN substr("expected_status", 2, 2) = 'xx' THEN substr("expected_status", 1, 1) || '00' ELSE substr("expected_status", 1, 3) END`,
    );
    await queryRunner.query(`ALTER TABLE "targets" RENAME TO "temporary_targets"`);
    await queryRunner.query(
      `CREATE TABLE "targets" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(128) NOT NULL, "url" varchar(2048) NOT NULL, "method" varchar(8) NOT NULL, "headers" text NOT NULL, "body" text, "auth_type" varchar(16) NOT NULL, "auth_username" varchar(255), "auth_password" text, "auth_url" varchar(2048), "keystone_version" varchar(8), "project_name" varchar(255), "project_id" varchar(255), "tenant_id" varchar(255), "tenant_name" varchar(255), "user_domain" varchar(255), "project_domain" varchar(255), "frequency_seconds" integer NOT NULL, "timeout_seconds" integer NOT NULL, "expected_status" integer NOT NULL, "body_contains" text, "body_regex" varchar(1024), "json_path" varchar(512), "json_equals" text, "max_response_time_ms" integer, "failure_threshold" integer NOT NULL, "recovery_threshold" integer NOT NULL, "enabled" boolean NOT NULL, "notifier_ids" text NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "fresh_connection" boolean NOT NULL DEFAULT (0), "secret_headers" text, "follow_redirects" boolean NOT NULL DEFAULT (1), "body_not_contains" text, "tls_ca_certificate" text, "tls_insecure_skip_verify" boolean NOT NULL DEFAULT (0), "tls_server_name" varchar(253), "certificate_expiry_days" integer, CONSTRAINT "UQ_0027e2dfa88fd4d85a382976ec0" UNIQUE ("name"))`,
    );
    await queryRunner.query(
      `INSERT INTO "targets"("id", "name", "url", "method", "headers", "body", "auth_type", "auth_username", "auth_password", "auth_url", "keystone_version", "project_name", "project_id", "tenant_id", "tenant_name", "user_domain", "project_domain", "frequency_seconds", "timeout_seconds", "expected_status", "body_contains", "body_regex", "json_path", "json_equals", "max_response_time_ms", "failure_threshold", "recovery_threshold", "enabled", "notifier_ids", "created_at", "updated_at", "fresh_connection", "secret_headers", "follow_redirects", "body_not_contains", "tls_ca_certificate", "tls_insecure_skip_verify", "tls_server_name", "certificate_expiry_days") SELECT "id", "name", "url", "method", "headers", "body", "auth_type", "auth_username", "auth_password", "auth_url", "keystone_version", "project_name", "project_id", "tenant_id", "tenant_name", "user_domain", "project_domain", "frequency_seconds", "timeout_seconds", "expected_status", "body_contains", "body_regex", "json_path", "json_equals", "max_response_time_ms", "failure_threshold", "recovery_threshold", "enabled", "notifier_ids", "created_at", "updated_at", "fresh_connection", "secret_headers", "follow_redirects", "body_not_contains", "tls_ca_certificate", "tls_insecure_skip_verify", "tls_server_name", "certificate_expiry_days" FROM "temporary_targets"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_targets"`);
    await queryRunner.query(`DROP INDEX "IDX_probe_results_time"`);
    await queryRunner.query(`DROP INDEX "IDX_probe_results_target_time"`);
    await queryRunner.query(`ALTER TABLE "probe_results" RENAME TO "temporary_probe_results"`);
    await queryRunner.query(
      `CREATE TABLE "probe_results" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "target_id" integer NOT NULL, "probed_at" datetime(3) NOT NULL, "status" varchar(4) NOT NULL, "http_status" integer, "response_time_ms" integer NOT NULL, "description" varchar(1024) NOT NULL, CONSTRAINT "FK_ee3e5de99d54af51eda93998a62" FOREIGN KEY ("target_id") REFERENCES "targets" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "probe_results"("id", "target_id", "probed_at", "status", "http_status", "response_time_ms", "description") SELECT "id", "target_id", "probed_at", "status", "http_status", "response_time_ms", "description" FROM "temporary_probe_results"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_probe_results"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_probe_results_time" ON "probe_results" ("probed_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_probe_results_target_time" ON "probe_results" ("target_id", "probed_at") `,
    );
    await queryRunner.query(`ALTER TABLE "targets" RENAME TO "temporary_targets"`);
    await queryRunner.query(
      `CREATE TABLE "targets" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(128) NOT NULL, "url" varchar(2048) NOT NULL, "method" varchar(8) NOT NULL, "headers" text NOT NULL, "body" text, "auth_type" varchar(16) NOT NULL, "auth_username" varchar(255), "auth_password" text, "auth_url" varchar(2048), "keystone_version" varchar(8), "project_name" varchar(255), "project_id" varchar(255), "tenant_id" varchar(255), "tenant_name" varchar(255), "user_domain" varchar(255), "project_domain" varchar(255), "frequency_seconds" integer NOT NULL, "timeout_seconds" integer NOT NULL, "expected_status" integer NOT NULL, "body_contains" text, "body_regex" varchar(1024), "json_path" varchar(512), "json_equals" text, "max_response_time_ms" integer, "failure_threshold" integer NOT NULL, "recovery_threshold" integer NOT NULL, "enabled" boolean NOT NULL, "notifier_ids" text NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "fresh_connection" boolean NOT NULL DEFAULT (0), "secret_headers" text, CONSTRAINT "UQ_0027e2dfa88fd4d85a382976ec0" UNIQUE ("name"))`,
    );
    await queryRunner.query(
      `INSERT INTO "targets"("id", "name", "url", "method", "headers", "body", "auth_type", "auth_username", "auth_password", "auth_url", "keystone_version", "project_name", "project_id", "tenant_id", "tenant_name", "user_domain", "project_domain", "frequency_seconds", "timeout_seconds", "expected_status", "body_contains", "body_regex", "json_path", "json_equals", "max_response_time_ms", "failure_threshold", "recovery_threshold", "enabled", "notifier_ids", "created_at", "updated_at", "fresh_connection", "secret_headers") SELECT "id", "name", "url", "method", "headers", "body", "auth_type", "auth_username", "auth_password", "auth_url", "keystone_version", "project_name", "project_id", "tenant_id", "tenant_name", "user_domain", "project_domain", "frequency_seconds", "timeout_seconds", "expected_status", "body_contains", "body_regex", "json_path", "json_equals", "max_response_time_ms", "failure_threshold", "recovery_threshold", "enabled", "notifier_ids", "created_at", "updated_at", "fresh_connection", "secret_headers" FROM "temporary_targets"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_targets"`);
    // rebuilding `targets` dropped its trigger
    await queryRunner.query(TARGETS_UPDATED_AT_TRIGGER);
  }
}
