import { configSlice } from '../config/config-slice';
import { IntegerIn, OneOf } from '../config/settings';

export interface ClusterConfig {
  /**
   * `auto`: on MySQL/MariaDB, take part in leasing the targets' shards with the other instances
   * on the database; on SQLite, be the only instance probing the file. `off`: probe every target.
   */
  mode: 'auto' | 'off';
  /** How long a shard lease and a heartbeat last without being renewed. */
  leaseSeconds: number;
}

export class ClusterSettings {
  @OneOf(['auto', 'off'])
  VIGIL_CLUSTER?: 'auto' | 'off';

  @IntegerIn(3, 300, 'seconds')
  VIGIL_CLUSTER_LEASE_SECONDS?: number;
}

export const clusterSlice = configSlice({
  settings: ClusterSettings,
  build: (s): ClusterConfig => ({
    mode: s.VIGIL_CLUSTER ?? 'auto',
    leaseSeconds: s.VIGIL_CLUSTER_LEASE_SECONDS ?? 10,
  }),
});
