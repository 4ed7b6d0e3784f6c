import type { Command } from 'commander';
import { usageError } from '../errors';

/** The options naming the Icinga object that takes a target's results. */
export interface IcingaOptions {
  icingaSite?: string;
  icingaHost?: string;
  icingaService?: string;
  /** commander's `--no-icinga`: false to stop submitting. */
  icinga?: boolean;
}

/** Adds the options of the Icinga bridge to `targets add` or `targets edit`. */
export function icingaOptions(command: Command, edit: boolean): Command {
  command
    .option(
      '--icinga-site <site>',
      'submit the status to Icinga through this site (with --icinga-host)',
    )
    .option(
      '--icinga-host <host>',
      'the Icinga host that takes the status as a passive check result',
    )
    .option('--icinga-service <service>', 'a passive service of that host (else the host itself)');
  if (edit) command.option('--no-icinga', 'stop submitting the status to Icinga');
  return command;
}

/**
 * The `icinga` field of a request: the object the options name, null for `--no-icinga`, or
 * undefined when they name nothing.
 */
export function icingaFromOptions(
  o: IcingaOptions,
): { site: string; hostName: string; serviceDescription?: string } | null | undefined {
  const named = o.icingaSite ?? o.icingaHost ?? o.icingaService;
  if (o.icinga === false) {
    if (named !== undefined) throw usageError('--no-icinga cannot go with --icinga-* options');
    return null;
  }
  if (named === undefined) return undefined;
  if (o.icingaSite === undefined || o.icingaHost === undefined) {
    throw usageError('--icinga-site and --icinga-host go together (--icinga-service is optional)');
  }
  return {
    site: o.icingaSite,
    hostName: o.icingaHost,
    ...(o.icingaService === undefined ? {} : { serviceDescription: o.icingaService }),
  };
}
