import { DataSource } from 'typeorm';
import { ProbingService } from '../../src/probing/probing.service';
import { TargetEntity } from '../../src/targets/target.entity';
import { startTestApp, type RunningApp, type TestApp } from '../support/app';
import { databaseKinds } from '../support/database';
import { closedPort } from './target-servers';

describe.each(databaseKinds())('probing start-up on %s', (kind) => {
  let t: TestApp;
  let restarted: RunningApp | undefined;

  beforeAll(async () => {
    t = await startTestApp(kind, { VIGIL_PROBING_ENABLED: 'true' });
  });
  afterAll(async () => {
    await restarted?.stop();
    await t?.close();
  });

  it('tracks every enabled target stored, across pages, and names one it cannot decrypt', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/`;
    const total = 2345;
    const unreadable = 1500;
    const rows = Array.from({ length: total + 5 }, (_, i) => ({
      name: `stored-${i}`,
      url,
      method: 'GET' as const,
      headers: {},
      body: null,
      ...(i === unreadable
        ? { authType: 'BASIC' as const, authUsername: 'u', authPassword: 'v1:not-a-secret' }
        : { authType: 'NONE' as const }),
      frequencySeconds: 3600,
      timeoutSeconds: 1,
      expectedStatus: '200',
      failureThreshold: 1,
      recoveryThreshold: 1,
      // the last five are disabled
      enabled: i < total,
      notifierIds: [],
    }));
    const ds = t.app.get(DataSource);
    for (let i = 0; i < rows.length; i += 500) {
      await ds
        .createQueryBuilder()
        .insert()
        .into(TargetEntity)
        .values(rows.slice(i, i + 500))
        .execute();
    }
    const { id: unreadableId } = await ds
      .getRepository(TargetEntity)
      .findOneByOrFail({ name: `stored-${unreadable}` });

    restarted = await t.restart();
    // the pages hold 1,000 targets: the unreadable one is on the second
    expect(restarted.app.get(ProbingService).stats().targets).toBe(total - 1);
    expect(restarted.logger.lines.filter((l) => l.includes('is not probed'))).toEqual([
      expect.stringContaining(`Target ${unreadableId} is not probed`),
    ]);
  });
});
