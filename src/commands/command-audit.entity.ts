import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const TRANSPORTS = ['pipe', 'livestatus', 'api'] as const;
export type Transport = (typeof TRANSPORTS)[number];
export const OUTCOMES = ['sent', 'failed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** One external command vigil sent (or tried to send): who, when, where, what, and how it went. */
@Entity({ name: 'command_audit' })
@Index('IDX_command_audit_user_name', ['userName', 'id'])
export class CommandAuditEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The authenticated caller. */
  @Column({ name: 'user_name', type: 'varchar', length: 64 })
  userName!: string;

  /** When the command was sent; set by the code, never by a column default. */
  @Column({ name: 'sent_at', type: 'datetime', precision: 3 })
  sentAt!: Date;

  /** The site the command went to (or was checked against, for the pipe). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  site!: string | null;

  @Column({ type: 'varchar', length: 16 })
  transport!: Transport;

  /** The command name (first field of the line). */
  @Column({ type: 'varchar', length: 64 })
  command!: string;

  /**
   * Whether the command is one of the catalogue (arguments checked by type); false for an
   * uncatalogued command, sent with its arguments as given.
   */
  @Column({ type: 'boolean', default: true })
  catalogued!: boolean;

  /**
   * The whole line as sent, `[<epoch>] NAME;arg;...`; for the `api` transport the API requests,
   * one a line (`POST /v1/actions/<name> <body>`), never credentials.
   */
  @Column({ type: 'text' })
  line!: string;

  @Column({ type: 'varchar', length: 8 })
  outcome!: Outcome;

  /** Why it failed (outcome `failed`). */
  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
