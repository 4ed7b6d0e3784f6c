import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const NOTIFIER_TYPES = ['SMTP', 'WEBHOOK'] as const;
export type NotifierType = (typeof NOTIFIER_TYPES)[number];
export const SMTP_SECURITY = ['none', 'starttls', 'tls'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];
/** The body a webhook posts: vigil's event document, Slack/Mattermost `text`, a Teams card. */
export const WEBHOOK_FORMATS = ['json', 'slack', 'teams'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/**
 * Where notifications go. `type` says which group of settings applies: SMTP the `smtp_*` columns
 * and `address`, WEBHOOK the `webhook_*` columns; those of the other type are null (`address`
 * empty).
 */
@Entity({ name: 'notifiers' })
export class NotifierEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 128, unique: true })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: NotifierType;

  /** Recipients, a JSON list of e-mail addresses; empty for a webhook. */
  @Column({ type: 'simple-json' })
  address!: string[];

  @Column({ name: 'smtp_host', type: 'varchar', length: 255, nullable: true })
  smtpHost!: string | null;

  @Column({ name: 'smtp_port', type: 'int', nullable: true })
  smtpPort!: number | null;

  @Column({ name: 'smtp_security', type: 'varchar', length: 16, nullable: true })
  smtpSecurity!: SmtpSecurity | null;

  @Column({ name: 'smtp_username', type: 'varchar', length: 255, nullable: true })
  smtpUsername!: string | null;

  /** Encrypted with the SecretBox (`v1:<iv>:<tag>:<ciphertext>`), never the plain password. */
  @Column({ name: 'smtp_password', type: 'text', nullable: true })
  smtpPassword!: string | null;

  @Column({ name: 'smtp_from', type: 'varchar', length: 320, nullable: true })
  smtpFrom!: string | null;

  /** Encrypted with the SecretBox: the URL often carries the receiver's token. */
  @Column({ name: 'webhook_url', type: 'text', nullable: true })
  webhookUrl!: string | null;

  /** The extra request headers, a JSON object of name → value, encrypted as a whole. */
  @Column({ name: 'webhook_headers', type: 'text', nullable: true })
  webhookHeaders!: string | null;

  /** The names of the extra request headers (their values are secret), a JSON list. */
  @Column({ name: 'webhook_header_names', type: 'simple-json', nullable: true })
  webhookHeaderNames!: string[] | null;

  @Column({ name: 'webhook_format', type: 'varchar', length: 16, nullable: true })
  webhookFormat!: WebhookFormat | null;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ name: 'sent_count', type: 'int' })
  sentCount!: number;

  @Column({ name: 'failed_count', type: 'int' })
  failedCount!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_sent_at', type: 'datetime', precision: 3, nullable: true })
  lastSentAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
