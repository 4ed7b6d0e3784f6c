import { configSlice } from '../config/config-slice';
import { OneOf, Text } from '../config/settings';

export interface CommandPipeConfig {
  /** Icinga's external command FIFO (the `pipe` transport). */
  pipePath: string;
  /** How commands go out unless a request says otherwise. */
  defaultTransport: 'pipe' | 'livestatus';
  /** How `/cmd` sends a command without `handler` (livestatus, as livestatus-service did). */
  legacyTransport: 'pipe' | 'livestatus';
}

export class CommandsSettings {
  @Text(/^\//, 'must be an absolute path')
  VIGIL_COMMAND_PIPE?: string;

  @OneOf(['pipe', 'livestatus'])
  VIGIL_COMMAND_TRANSPORT?: 'pipe' | 'livestatus';

  @OneOf(['pipe', 'livestatus'])
  VIGIL_LEGACY_CMD_HANDLER?: 'pipe' | 'livestatus';
}

export const commandsSlice = configSlice({
  settings: CommandsSettings,
  build: (s): CommandPipeConfig => ({
    pipePath: s.VIGIL_COMMAND_PIPE ?? '/var/run/icinga2/cmd/icinga2.cmd',
    defaultTransport: s.VIGIL_COMMAND_TRANSPORT ?? 'pipe',
    legacyTransport: s.VIGIL_LEGACY_CMD_HANDLER ?? 'livestatus',
  }),
});
