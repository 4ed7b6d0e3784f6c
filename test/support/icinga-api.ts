/**
 * A private Icinga 2 with its REST API (and livestatus, to compare answers), started by
 * bench/icinga-api-icinga.ts, with clients of it for the tests.
 */
import { readFileSync } from 'node:fs';
import {
  ICINGA_NODE,
  type IcingaWithApi,
  startIcingaWithApi,
  testCertificates,
} from '../../bench/icinga-api-icinga';
import { IcingaApiClient } from '../../src/icinga-api/icinga-api-client';
import { testObjects, waitUntilChecked } from './icinga';

export { ICINGA_NODE, testCertificates };

export interface IcingaApiInstance extends IcingaWithApi {
  /** A client of this instance (closed by stop()). */
  client(): IcingaApiClient;
  stop(): Promise<void>;
}

export interface StartIcingaApiOptions {
  /** Objects instead of test/icinga/objects.conf. */
  objects?: string;
  /** Further ApiUser objects and other configuration. */
  config?: string;
  /** Wait until every active check has run once (on by default). */
  waitForChecks?: boolean;
}

/** Starts a private Icinga 2 with the REST API and livestatus, and waits until both answer. */
export async function startIcingaApi(
  options: StartIcingaApiOptions = {},
): Promise<IcingaApiInstance> {
  const { icinga, url, caPath, servername, user, password } = await startIcingaWithApi({
    objects: options.objects ?? testObjects(),
    config: options.config,
  });
  const clients: IcingaApiClient[] = [];
  const client = () => {
    const made = new IcingaApiClient({
      url,
      user,
      password,
      ca: readFileSync(caPath),
      servername,
    });
    clients.push(made);
    return made;
  };
  const stop = async () => {
    await Promise.all(clients.map((c) => c.close()));
    await icinga.stop();
  };
  try {
    await untilApiAnswers(client());
    if (options.waitForChecks ?? true) await waitUntilChecked(icinga);
  } catch (err) {
    await stop();
    throw err;
  }
  return { icinga, url, caPath, servername, user, password, client, stop };
}

async function untilApiAnswers(client: IcingaApiClient): Promise<void> {
  const deadline = Date.now() + 30000;
  for (;;) {
    try {
      await client.status();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
