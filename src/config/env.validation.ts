import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

function toBoolean({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(text)) return true;
  if (['false', '0', 'no', 'off'].includes(text)) return false;
  return value;
}

function toInteger({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return /^-?\d+$/.test(text) ? Number(text) : value;
}

/** Every VIGIL_* setting, as text from the environment or values from the config file. */
export class EnvDto {
  @IsOptional()
  @IsString()
  VIGIL_HOST?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number between 1 and 65535' })
  @Min(1, { message: 'must be a whole number between 1 and 65535' })
  @Max(65535, { message: 'must be a whole number between 1 and 65535' })
  VIGIL_PORT?: number;

  @IsOptional()
  @IsString()
  VIGIL_DATA_DIR?: string;

  @IsOptional()
  @IsString()
  @Matches(/^(sqlite:.+|(mysql|mariadb):\/\/.+)$/, {
    message: 'must be sqlite:<file> or mysql://user:password@host:port/database',
  })
  VIGIL_DATABASE_URL?: string;

  @IsOptional()
  @Transform(toBoolean)
  @IsIn([true, false], { message: 'must be true or false' })
  VIGIL_DATABASE_MIGRATE?: boolean;

  @IsOptional()
  @IsString()
  VIGIL_USERS?: string;

  @IsOptional()
  @IsString()
  VIGIL_USERS_FILE?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of seconds from 0 to 3600' })
  @Min(0, { message: 'must be a whole number of seconds from 0 to 3600' })
  @Max(3600, { message: 'must be a whole number of seconds from 0 to 3600' })
  VIGIL_AUTH_CACHE_SECONDS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number from 1 to 10000' })
  @Min(1, { message: 'must be a whole number from 1 to 10000' })
  @Max(10000, { message: 'must be a whole number from 1 to 10000' })
  VIGIL_AUTH_MAX_FAILURES?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of seconds from 1 to 86400' })
  @Min(1, { message: 'must be a whole number of seconds from 1 to 86400' })
  @Max(86400, { message: 'must be a whole number of seconds from 1 to 86400' })
  VIGIL_AUTH_FAILURE_WINDOW_SECONDS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number from 1 to 100000' })
  @Min(1, { message: 'must be a whole number from 1 to 100000' })
  @Max(100000, { message: 'must be a whole number from 1 to 100000' })
  VIGIL_AUTH_MAX_ADDRESS_FAILURES?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number from 1 to 64' })
  @Min(1, { message: 'must be a whole number from 1 to 64' })
  @Max(64, { message: 'must be a whole number from 1 to 64' })
  VIGIL_AUTH_BCRYPT_CONCURRENCY?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number from 0 to 10000' })
  @Min(0, { message: 'must be a whole number from 0 to 10000' })
  @Max(10000, { message: 'must be a whole number from 0 to 10000' })
  VIGIL_AUTH_BCRYPT_QUEUE?: number;

  @IsOptional()
  @Transform(toBoolean)
  @IsIn([true, false], { message: 'must be true or false' })
  VIGIL_DOCS_ENABLED?: boolean;

  @IsOptional()
  @Transform(toBoolean)
  @IsIn([true, false], { message: 'must be true or false' })
  VIGIL_TRUST_PROXY?: boolean;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of milliseconds from 100 to 3600000' })
  @Min(100, { message: 'must be a whole number of milliseconds from 100 to 3600000' })
  @Max(3600000, { message: 'must be a whole number of milliseconds from 100 to 3600000' })
  VIGIL_HTTP_REQUEST_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of milliseconds from 100 to 3600000' })
  @Min(100, { message: 'must be a whole number of milliseconds from 100 to 3600000' })
  @Max(3600000, { message: 'must be a whole number of milliseconds from 100 to 3600000' })
  VIGIL_HTTP_HEADERS_TIMEOUT_MS?: number;

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  VIGIL_LOG_LEVEL?: (typeof LOG_LEVELS)[number];

  @IsOptional()
  @IsIn(['text', 'json'], { message: 'must be text or json' })
  VIGIL_LOG_FORMAT?: 'text' | 'json';

  @IsOptional()
  @IsString()
  VIGIL_SITES?: string;

  @IsOptional()
  @IsString()
  VIGIL_LIVESTATUS_SITES?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of milliseconds from 10 to 60000' })
  @Min(10, { message: 'must be a whole number of milliseconds from 10 to 60000' })
  @Max(60000, { message: 'must be a whole number of milliseconds from 10 to 60000' })
  VIGIL_LIVESTATUS_CONNECT_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of milliseconds from 10 to 600000' })
  @Min(10, { message: 'must be a whole number of milliseconds from 10 to 600000' })
  @Max(600000, { message: 'must be a whole number of milliseconds from 10 to 600000' })
  VIGIL_LIVESTATUS_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number from 1 to 64' })
  @Min(1, { message: 'must be a whole number from 1 to 64' })
  @Max(64, { message: 'must be a whole number from 1 to 64' })
  VIGIL_LIVESTATUS_MAX_IN_FLIGHT?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number from 0 to 100000' })
  @Min(0, { message: 'must be a whole number from 0 to 100000' })
  @Max(100000, { message: 'must be a whole number from 0 to 100000' })
  VIGIL_LIVESTATUS_QUEUE_LIMIT?: number;

  @IsOptional()
  @IsIn(['auto', 'on', 'off'], { message: 'must be auto, on or off' })
  VIGIL_LIVESTATUS_KEEPALIVE?: 'auto' | 'on' | 'off';

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of milliseconds from 1 to 60000' })
  @Min(1, { message: 'must be a whole number of milliseconds from 1 to 60000' })
  @Max(60000, { message: 'must be a whole number of milliseconds from 1 to 60000' })
  VIGIL_LIVESTATUS_IDLE_MS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of bytes from 1024 to 1073741824' })
  @Min(1024, { message: 'must be a whole number of bytes from 1024 to 1073741824' })
  @Max(1073741824, { message: 'must be a whole number of bytes from 1024 to 1073741824' })
  VIGIL_LIVESTATUS_MAX_JSON_BYTES?: number;

  @IsOptional()
  @IsString()
  VIGIL_SECRET_KEY?: string;

  @IsOptional()
  @IsString()
  VIGIL_SECRET_KEY_PREVIOUS?: string;

  @IsOptional()
  @IsString()
  @Matches(/^\//, { message: 'must be an absolute path' })
  VIGIL_COMMAND_PIPE?: string;

  @IsOptional()
  @IsIn(['pipe', 'livestatus'], { message: 'must be pipe or livestatus' })
  VIGIL_COMMAND_TRANSPORT?: 'pipe' | 'livestatus';

  @IsOptional()
  @IsIn(['pipe', 'livestatus'], { message: 'must be pipe or livestatus' })
  VIGIL_LEGACY_CMD_HANDLER?: 'pipe' | 'livestatus';

  @IsOptional()
  @Transform(toBoolean)
  @IsIn([true, false], { message: 'must be true or false' })
  VIGIL_PROBING_ENABLED?: boolean;

  @IsOptional()
  @IsString()
  VIGIL_PROBE_LOG?: string;

  @IsOptional()
  @IsIn(['text', 'json'], { message: 'must be text or json' })
  VIGIL_PROBE_LOG_FORMAT?: 'text' | 'json';

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of bytes from 1024 to 1073741824' })
  @Min(1024, { message: 'must be a whole number of bytes from 1024 to 1073741824' })
  @Max(1073741824, { message: 'must be a whole number of bytes from 1024 to 1073741824' })
  VIGIL_PROBE_LOG_MAX_BYTES?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number from 0 to 100' })
  @Min(0, { message: 'must be a whole number from 0 to 100' })
  @Max(100, { message: 'must be a whole number from 0 to 100' })
  VIGIL_PROBE_LOG_KEEP?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number from 1 to 10000' })
  @Min(1, { message: 'must be a whole number from 1 to 10000' })
  @Max(10000, { message: 'must be a whole number from 1 to 10000' })
  VIGIL_PROBE_CONCURRENCY?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of days from 1 to 3650' })
  @Min(1, { message: 'must be a whole number of days from 1 to 3650' })
  @Max(3650, { message: 'must be a whole number of days from 1 to 3650' })
  VIGIL_PROBE_RETENTION_DAYS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of probes from 100 to 10000000' })
  @Min(100, { message: 'must be a whole number of probes from 100 to 10000000' })
  @Max(10_000_000, { message: 'must be a whole number of probes from 100 to 10000000' })
  VIGIL_PROBE_BUFFER?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of hours from 1 to 720' })
  @Min(1, { message: 'must be a whole number of hours from 1 to 720' })
  @Max(720, { message: 'must be a whole number of hours from 1 to 720' })
  VIGIL_NOTIFY_MAX_AGE_HOURS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of milliseconds from 10 to 3600000' })
  @Min(10, { message: 'must be a whole number of milliseconds from 10 to 3600000' })
  @Max(3600000, { message: 'must be a whole number of milliseconds from 10 to 3600000' })
  VIGIL_NOTIFY_RETRY_BASE_MS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of milliseconds from 10 to 86400000' })
  @Min(10, { message: 'must be a whole number of milliseconds from 10 to 86400000' })
  @Max(86400000, { message: 'must be a whole number of milliseconds from 10 to 86400000' })
  VIGIL_NOTIFY_RETRY_MAX_MS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of milliseconds from 10 to 60000' })
  @Min(10, { message: 'must be a whole number of milliseconds from 10 to 60000' })
  @Max(60000, { message: 'must be a whole number of milliseconds from 10 to 60000' })
  VIGIL_NOTIFY_POLL_MS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of milliseconds from 100 to 300000' })
  @Min(100, { message: 'must be a whole number of milliseconds from 100 to 300000' })
  @Max(300000, { message: 'must be a whole number of milliseconds from 100 to 300000' })
  VIGIL_NOTIFY_SMTP_TIMEOUT_MS?: number;
}
