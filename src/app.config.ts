import { authSlice, type AuthConfig } from './auth/auth.config';
import { clusterSlice, type ClusterConfig } from './cluster/cluster.config';
import { commandsSlice, type CommandPipeConfig } from './commands/commands.config';
import { secretsSlice, type SecretsConfig } from './common/crypto/secrets.config';
import { httpSlice, type HttpConfig } from './common/http.config';
import { loggingSlice, type LoggingConfig } from './common/logging.config';
import { type Env, loadSettings, settingKeys } from './config/load-settings';
import { databaseSlice, type DatabaseConfig } from './database/database.config';
import { metricsSlice, type MetricsConfig } from './metrics/metrics.config';
import { notificationsSlice, type NotificationsConfig } from './notifications/notifications.config';
import { probingSlice, type ProbingConfig } from './probing/probing.config';
import { sitesSlice, type LivestatusConfig } from './sites/sites.config';

/** Each module's slice of the configuration, under the name the module reads it by. */
const SLICES = {
  http: httpSlice,
  database: databaseSlice,
  auth: authSlice,
  logging: loggingSlice,
  livestatus: sitesSlice,
  secrets: secretsSlice,
  commandPipe: commandsSlice,
  probing: probingSlice,
  notifications: notificationsSlice,
  cluster: clusterSlice,
  metrics: metricsSlice,
};

/** The validated configuration of one vigil process. Each module reads its own slice. */
export class AppConfig {
  readonly dataDir: string;
  readonly http: HttpConfig;
  readonly database: DatabaseConfig;
  readonly auth: AuthConfig;
  readonly logging: LoggingConfig;
  readonly livestatus: LivestatusConfig;
  readonly secrets: SecretsConfig;
  readonly commandPipe: CommandPipeConfig;
  readonly probing: ProbingConfig;
  readonly notifications: NotificationsConfig;
  readonly cluster: ClusterConfig;
  readonly metrics: MetricsConfig;
  /** Problems that do not stop start-up (unknown VIGIL_* variables), logged once when it starts. */
  readonly warnings: readonly string[];

  constructor(parts: Omit<AppConfig, 'warnings'> & { warnings?: readonly string[] }) {
    this.dataDir = parts.dataDir;
    this.http = parts.http;
    this.database = parts.database;
    this.auth = parts.auth;
    this.logging = parts.logging;
    this.livestatus = parts.livestatus;
    this.secrets = parts.secrets;
    this.commandPipe = parts.commandPipe;
    this.probing = parts.probing;
    this.notifications = parts.notifications;
    this.cluster = parts.cluster;
    this.metrics = parts.metrics;
    this.warnings = parts.warnings ?? [];
  }
}

/** Every VIGIL_* setting of the server, in the order the slices declare them. */
export function serverSettingKeys(): readonly string[] {
  return settingKeys(SLICES);
}

/**
 * Reads VIGIL_* settings from the environment, over those of the JSON file named by VIGIL_CONFIG,
 * and returns the typed configuration, or throws a ConfigError listing every problem
 * (see loadSettings).
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const { dataDir, slices, warnings } = loadSettings(SLICES, env);
  return new AppConfig({ dataDir, ...slices, warnings });
}
