import { configSlice } from '../config/config-slice';
import { IntegerIn } from '../config/settings';

export interface IcingaBridgeConfig {
  /**
   * How often the status of every bridged target this instance probes is submitted again,
   * besides each change of status, in milliseconds.
   */
  refreshMs: number;
}

export class IcingaBridgeSettings {
  @IntegerIn(1, 86_400, 'seconds')
  VIGIL_ICINGA_BRIDGE_REFRESH_SECONDS?: number;
}

export const icingaBridgeSlice = configSlice({
  settings: IcingaBridgeSettings,
  build: (s): IcingaBridgeConfig => ({
    refreshMs: (s.VIGIL_ICINGA_BRIDGE_REFRESH_SECONDS ?? 300) * 1000,
  }),
});
