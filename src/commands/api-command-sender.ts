/**
 * Sends the API requests of an external command (api-commands.ts) to an Icinga 2 API site and
 * tells a refusal of Icinga (an unknown object, a 4xx) from a site that cannot be reached.
 * Plain TypeScript.
 */
import {
  IcingaApiError,
  type IcingaActionResult,
  type IcingaApiClient,
} from '../icinga-api/icinga-api-client';
import type { ApiCall } from './api-commands';
import { CommandRefused } from './command-refused';

/** Icinga's answer to an action whose filter matched nothing (HTTP 500). */
const NOTHING_MATCHED = '{"results":[]}';

/**
 * Runs the calls in order and gives back Icinga's results of them all (an action's carry the
 * name and legacy_id of each object it created). An unknown object or a filter matching nothing is an
 * CommandRefused with `notFound`; Icinga's other refusals (400, 403, 409...) one without;
 * a site that cannot be reached, times out or fails otherwise throws its IcingaApiError.
 */
export async function sendApiCalls(
  client: IcingaApiClient,
  calls: ApiCall[],
): Promise<IcingaActionResult[]> {
  const all: IcingaActionResult[] = [];
  for (const call of calls) {
    let results: IcingaActionResult[];
    try {
      results = await run(client, call);
    } catch (err) {
      const refusal = refusalOf(err);
      if (refusal instanceof CommandRefused && refusal.notFound && mayMatchNothing(call)) continue;
      throw refusal;
    }
    if (results.length === 0) {
      throw new CommandRefused(true, 'Icinga found no object the command applies to');
    }
    const failed = results.find((r) => typeof r.code === 'number' && r.code >= 300);
    if (failed) {
      throw new CommandRefused(failed.code === 404, `Icinga refused: ${String(failed.status)}`);
    }
    all.push(...results);
  }
  return all;
}

const mayMatchNothing = (call: ApiCall) => call.kind === 'action' && call.mayMatchNothing === true;

function run(client: IcingaApiClient, call: ApiCall): Promise<IcingaActionResult[]> {
  switch (call.kind) {
    case 'action':
      return client.action(call.action, call.body);
    case 'modify':
      return client.modify(call.type, call.name, call.attrs);
    case 'modify-where':
      return client.modifyWhere(call.type, call.filter, call.filterVars, call.attrs);
  }
}

/** Icinga's refusals as CommandRefused; anything else as it is. */
function refusalOf(err: unknown): unknown {
  if (!(err instanceof IcingaApiError) || err.status === undefined) return err;
  if (err.kind === 'not-found') return new CommandRefused(true, err.message);
  if (err.status === 500 && err.message.endsWith(NOTHING_MATCHED)) {
    return new CommandRefused(true, 'Icinga found no object the command applies to');
  }
  // 401 is the site's configuration, not the command: a gateway failure
  if (err.status >= 400 && err.status < 500 && err.kind !== 'unauthorized') {
    return new CommandRefused(false, err.message);
  }
  return err;
}
