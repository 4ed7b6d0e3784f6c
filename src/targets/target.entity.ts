import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { HttpMethod } from './http-method';

export const AUTH_TYPES = ['NONE', 'BASIC', 'OPENSTACK'] as const;
export type AuthType = (typeof AUTH_TYPES)[number];
export const KEYSTONE_VERSIONS = ['v3', 'v2.0'] as const;
export type KeystoneVersion = (typeof KEYSTONE_VERSIONS)[number];

/**
 * A monitored HTTP target's definition, written through the API (its state and counters are the
 * probing engine's, in target_states). Auth settings are the `auth_*` columns; the password
 * and the values of secret headers are stored encrypted.
 */
@Entity({ name: 'targets' })
export class TargetEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 128, unique: true })
  name!: string;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ type: 'varchar', length: 8 })
  method!: HttpMethod;

  /** Plain request headers, a JSON object of strings. */
  @Column({ type: 'simple-json' })
  headers!: Record<string, string>;

  /**
   * Secret request headers, a JSON object of their values encrypted with the SecretBox (like
   * `auth_password`); null when there are none. Never answered.
   */
  @Column({ name: 'secret_headers', type: 'simple-json', nullable: true })
  secretHeaders!: Record<string, string> | null;

  @Column({ type: 'text', nullable: true })
  body!: string | null;

  @Column({ name: 'auth_type', type: 'varchar', length: 16 })
  authType!: AuthType;

  @Column({ name: 'auth_username', type: 'varchar', length: 255, nullable: true })
  authUsername!: string | null;

  /** Encrypted with the SecretBox (`v1:<iv>:<tag>:<ciphertext>`), never the plain password. */
  @Column({ name: 'auth_password', type: 'text', nullable: true })
  authPassword!: string | null;

  @Column({ name: 'auth_url', type: 'varchar', length: 2048, nullable: true })
  authUrl!: string | null;

  @Column({ name: 'keystone_version', type: 'varchar', length: 8, nullable: true })
  keystoneVersion!: KeystoneVersion | null;

  @Column({ name: 'project_name', type: 'varchar', length: 255, nullable: true })
  projectName!: string | null;

  @Column({ name: 'project_id', type: 'varchar', length: 255, nullable: true })
  projectId!: string | null;

  @Column({ name: 'tenant_id', type: 'varchar', length: 255, nullable: true })
  tenantId!: string | null;

  @Column({ name: 'tenant_name', type: 'varchar', length: 255, nullable: true })
  tenantName!: string | null;

  @Column({ name: 'user_domain', type: 'varchar', length: 255, nullable: true })
  userDomain!: string | null;

  @Column({ name: 'project_domain', type: 'varchar', length: 255, nullable: true })
  projectDomain!: string | null;

  @Column({ name: 'frequency_seconds', type: 'int' })
  frequencySeconds!: number;

  @Column({ name: 'timeout_seconds', type: 'int' })
  timeoutSeconds!: number;

  /** The statuses a passing probe answers with, in canonical text (see expected-status.ts). */
  @Column({ name: 'expected_status', type: 'varchar', length: 128 })
  expectedStatus!: string;

  /** Follow redirects (at most 10) and evaluate the last answer; false evaluates the first. */
  @Column({ name: 'follow_redirects', type: 'boolean', default: true })
  followRedirects!: boolean;

  @Column({ name: 'body_contains', type: 'text', nullable: true })
  bodyContains!: string | null;

  @Column({ name: 'body_not_contains', type: 'text', nullable: true })
  bodyNotContains!: string | null;

  @Column({ name: 'body_regex', type: 'varchar', length: 1024, nullable: true })
  bodyRegex!: string | null;

  @Column({ name: 'json_path', type: 'varchar', length: 512, nullable: true })
  jsonPath!: string | null;

  /** The expected value at json_path, as JSON text (so that JSON `null` can be expected). */
  @Column({ name: 'json_equals', type: 'text', nullable: true })
  jsonEquals!: string | null;

  @Column({ name: 'max_response_time_ms', type: 'int', nullable: true })
  maxResponseTimeMs!: number | null;

  /** PEM certificates trusted for this target's HTTPS, beside the system's CAs. */
  @Column({ name: 'tls_ca_certificate', type: 'text', nullable: true })
  tlsCaCertificate!: string | null;

  /** Accept any certificate (its expiry is still read and checked). */
  @Column({ name: 'tls_insecure_skip_verify', type: 'boolean', default: false })
  tlsInsecureSkipVerify!: boolean;

  /** The name sent in SNI and checked against the certificate instead of the URL's host. */
  @Column({ name: 'tls_server_name', type: 'varchar', length: 253, nullable: true })
  tlsServerName!: string | null;

  /** A probe fails when the certificate expires within this many days. */
  @Column({ name: 'certificate_expiry_days', type: 'int', nullable: true })
  certificateExpiryDays!: number | null;

  @Column({ name: 'failure_threshold', type: 'int' })
  failureThreshold!: number;

  @Column({ name: 'recovery_threshold', type: 'int' })
  recoveryThreshold!: number;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  /** Ids of the notifiers to tell, a JSON list; empty means every enabled notifier. */
  @Column({ name: 'notifier_ids', type: 'simple-json' })
  notifierIds!: number[];

  /** Open a new connection for every probe instead of reusing one to the same origin. */
  @Column({ name: 'fresh_connection', type: 'boolean', default: false })
  freshConnection!: boolean;

  /** The site that takes this target's results as passive check results; null when not bridged. */
  @Column({ name: 'icinga_site', type: 'varchar', length: 100, nullable: true })
  icingaSite!: string | null;

  @Column({ name: 'icinga_host', type: 'varchar', length: 255, nullable: true })
  icingaHost!: string | null;

  /** Null when the host itself takes the results. */
  @Column({ name: 'icinga_service', type: 'varchar', length: 255, nullable: true })
  icingaService!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
