import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const NOTIFIER_TYPES = ['SMTP'] as const;
export type NotifierType = (typeof NOTIFIER_TYPES)[number];
export const SMTP_SECURITY = ['none', 'starttls', 'tls'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

/**
 * Where notifications go. `type` says which group of settings applies; only SMTP exists now, its
 * settings are the `smtp_*` columns (null for other types).
 */
@Entity({ name: 'notifiers' })
export class NotifierEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 128, unique: true })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: NotifierType;

  /** Recipients, a JSON list of e-mail addresses. */
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
