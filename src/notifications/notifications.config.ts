import { configSlice } from '../config/config-slice';
import { IntegerIn } from '../config/settings';

export interface NotificationsConfig {
  /** A delivery still failing this long after it was written is given up (marked dead). */
  maxAgeMs: number;
  /** Delay before the first retry; doubled for each further attempt. */
  retryBaseMs: number;
  /** The longest delay between two attempts. */
  retryMaxMs: number;
  /** How often the delivery worker looks for due deliveries. */
  pollMs: number;
  /** Connection, greeting and socket timeout of one SMTP conversation. */
  smtpTimeoutMs: number;
  /** The longest a webhook post may take, from connecting to the answer's headers. */
  webhookTimeoutMs: number;
}

export class NotificationsSettings {
  @IntegerIn(1, 720, 'hours')
  VIGIL_NOTIFY_MAX_AGE_HOURS?: number;

  @IntegerIn(10, 3_600_000, 'milliseconds')
  VIGIL_NOTIFY_RETRY_BASE_MS?: number;

  @IntegerIn(10, 86_400_000, 'milliseconds')
  VIGIL_NOTIFY_RETRY_MAX_MS?: number;

  @IntegerIn(10, 60_000, 'milliseconds')
  VIGIL_NOTIFY_POLL_MS?: number;

  @IntegerIn(100, 300_000, 'milliseconds')
  VIGIL_NOTIFY_SMTP_TIMEOUT_MS?: number;

  @IntegerIn(100, 300_000, 'milliseconds')
  VIGIL_NOTIFY_WEBHOOK_TIMEOUT_MS?: number;
}

export const notificationsSlice = configSlice({
  settings: NotificationsSettings,
  build: (s): NotificationsConfig => ({
    maxAgeMs: (s.VIGIL_NOTIFY_MAX_AGE_HOURS ?? 24) * 3_600_000,
    retryBaseMs: s.VIGIL_NOTIFY_RETRY_BASE_MS ?? 30_000,
    retryMaxMs: s.VIGIL_NOTIFY_RETRY_MAX_MS ?? 3_600_000,
    pollMs: s.VIGIL_NOTIFY_POLL_MS ?? 1000,
    smtpTimeoutMs: s.VIGIL_NOTIFY_SMTP_TIMEOUT_MS ?? 10_000,
    webhookTimeoutMs: s.VIGIL_NOTIFY_WEBHOOK_TIMEOUT_MS ?? 10_000,
  }),
});
