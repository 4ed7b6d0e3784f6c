import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  findIcinga2,
  type IcingaInstance,
  rawLivestatus,
  startIcinga,
} from '../../bench/livestatus-icinga';

export { rawLivestatus, type IcingaInstance };

/**
 * `describe` for tests that need a private Icinga 2. Without icinga2 installed they are skipped
 * with a loud warning, except under CI=true, where that fails the run.
 */
export function describeWithIcinga(name: string, body: () => void): void {
  if (findIcinga2()) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs icinga2, which CI must install (icinga2-bin icinga2-common)', () => {
        throw new Error('CI=true but icinga2 is not installed: the livestatus tests cannot run');
      });
    });
    return;
  }
  console.warn(
    `\n*** icinga2 is not installed: SKIPPING "${name}" (install icinga2-bin icinga2-common) ***\n`,
  );
  describe.skip(name, body);
}

/** What the test Icinga holds (test/icinga/objects.conf). */
export const TEST_HOSTS = ['db-01', 'db-02', 'edge-01', 'web-01', 'web-02'];

/**
 * Starts a private Icinga 2 with test/icinga/objects.conf, and waits until every actively
 * checked host and service has been checked once, so that states are the configured ones.
 */
export async function startTestIcinga(): Promise<IcingaInstance> {
  const icinga = await startIcinga({ objects: testObjects() });
  await waitUntilChecked(icinga);
  return icinga;
}

/** The object definitions of the test Icinga (test/icinga/objects.conf). */
export function testObjects(): string {
  return readFileSync(join(__dirname, '..', 'icinga', 'objects.conf'), 'utf8');
}

/** Waits until every actively checked host and service has been checked once. */
export async function waitUntilChecked(icinga: IcingaInstance): Promise<void> {
  const deadline = Date.now() + 30000;
  for (;;) {
    const pending = await icinga.raw(
      'GET services\nColumns: host_name description\nFilter: has_been_checked = 0\nFilter: active_checks_enabled = 1',
    );
    const hosts = await icinga.raw('GET hosts\nColumns: name\nFilter: has_been_checked = 0');
    if (pending.body === '[]' && hosts.body === '[]') break;
    if (Date.now() > deadline) {
      await icinga.stop();
      throw new Error(`the test Icinga did not check everything in time: ${pending.body}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
