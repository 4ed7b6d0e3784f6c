import { configSlice } from '../config/config-slice';
import { Flag } from '../config/settings';

export interface MetricsConfig {
  /** `GET /metrics` answers without credentials; otherwise it needs the viewer role. */
  public: boolean;
}

export class MetricsSettings {
  @Flag()
  VIGIL_METRICS_PUBLIC?: boolean;
}

export const metricsSlice = configSlice({
  settings: MetricsSettings,
  build: (s): MetricsConfig => ({ public: s.VIGIL_METRICS_PUBLIC ?? false }),
});
