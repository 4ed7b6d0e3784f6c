import { configSlice } from '../config/config-slice';
import { OneOf } from '../config/settings';

const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggingConfig {
  level: LogLevel;
  format: 'text' | 'json';
}

export class LoggingSettings {
  @OneOf(LOG_LEVELS)
  VIGIL_LOG_LEVEL?: LogLevel;

  @OneOf(['text', 'json'])
  VIGIL_LOG_FORMAT?: 'text' | 'json';
}

export const loggingSlice = configSlice({
  settings: LoggingSettings,
  build: (s): LoggingConfig => ({
    level: s.VIGIL_LOG_LEVEL ?? 'log',
    format: s.VIGIL_LOG_FORMAT ?? 'text',
  }),
});
