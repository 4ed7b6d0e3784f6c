import { randomBytes } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { reencryptColumn } from '../../src/common/crypto/rotate-secrets';
import { SecretBox } from '../../src/common/crypto/secret-box';
import { applyNamedListQuery, NamedListQueryDto, sortValues } from '../../src/common/list-query';

@Entity({ name: 'things' })
class Thing {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar' })
  name!: string;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ type: 'text', nullable: true })
  secret!: string | null;
}

class ListThingsQueryDto extends NamedListQueryDto('things', ['name', 'id'] as const) {}

function query(plain: Record<string, unknown>): { dto: ListThingsQueryDto; errors: string[] } {
  const dto = plainToInstance(ListThingsQueryDto, plain);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).flatMap((e) =>
    Object.values(e.constraints ?? {}),
  );
  return { dto, errors };
}

describe('named list query', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = await new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [Thing],
    }).initialize();
    await ds.query(
      'CREATE TABLE things (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR NOT NULL, enabled BOOLEAN NOT NULL, secret TEXT)',
    );
    const names = ['beta', 'Alpha', 'gamma_1', 'alpha', 'gamma%2', 'delta'];
    for (const [i, name] of names.entries()) {
      await ds.getRepository(Thing).insert({ name, enabled: i % 2 === 0, secret: null });
    }
  });

  afterAll(() => ds.destroy());

  async function names(plain: Record<string, unknown>): Promise<[string[], number]> {
    const { dto, errors } = query(plain);
    expect(errors).toEqual([]);
    const qb = applyNamedListQuery(ds.getRepository(Thing).createQueryBuilder('x'), 'x', dto);
    const [rows, total] = await qb.getManyAndCount();
    return [rows.map((r) => r.name), total];
  }

  it('sorts by name by default, ties broken by id, and descending with a leading -', async () => {
    expect(await names({})).toEqual([['Alpha', 'alpha', 'beta', 'delta', 'gamma%2', 'gamma_1'], 6]);
    expect((await names({ sort: '-id' }))[0]).toEqual([
      'delta',
      'gamma%2',
      'alpha',
      'gamma_1',
      'Alpha',
      'beta',
    ]);
  });

  it('filters by enabled (given as text) and by a name that contains q literally, ignoring case', async () => {
    expect(await names({ enabled: 'false' })).toEqual([['Alpha', 'alpha', 'delta'], 3]);
    expect(await names({ q: 'ALPHA' })).toEqual([['Alpha', 'alpha'], 2]);
    expect(await names({ q: '_' })).toEqual([['gamma_1'], 1]);
    expect(await names({ q: '%' })).toEqual([['gamma%2'], 1]);
  });

  it('pages after filtering and counts every match', async () => {
    expect(await names({ limit: '2', offset: '1' })).toEqual([['alpha', 'beta'], 6]);
  });

  it('refuses a sort field it was not given, null filters and a non-boolean enabled', () => {
    expect(sortValues(['name', 'id'])).toEqual(['name', '-name', 'id', '-id']);
    expect(query({ sort: 'createdAt' }).errors).toEqual([
      'sort must be one of the following values: name, -name, id, -id',
    ]);
    expect(query({ enabled: 'yes' }).errors).toEqual(['enabled must be a boolean value']);
    expect(query({ q: 'x'.repeat(129) }).errors).toEqual([
      'q must be shorter than or equal to 128 characters',
    ]);
  });

  it('writes the secrets an older key wrote again with the current key and names the unreadable rows', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const repo = ds.getRepository(Thing);
    const before = new SecretBox(oldKey);
    await repo.update({ name: 'beta' }, { secret: before.encrypt('pw-beta') });
    await repo.update({ name: 'delta' }, { secret: new SecretBox(newKey).encrypt('pw-delta') });
    await repo.update({ name: 'Alpha' }, { secret: new SecretBox(randomBytes(32)).encrypt('x') });

    const box = new SecretBox(newKey, oldKey);
    const outcome = await reencryptColumn(repo, 'secret', box);
    const alpha = await repo.findOneByOrFail({ name: 'Alpha' });
    expect(outcome).toEqual({ rewritten: 1, unreadable: [alpha.id] });
    const beta = await repo.findOneByOrFail({ name: 'beta' });
    expect(box.isCurrent(beta.secret!)).toBe(true);
    expect(new SecretBox(newKey).decrypt(beta.secret!)).toBe('pw-beta');
    expect(await reencryptColumn(repo, 'secret', box)).toEqual({
      rewritten: 0,
      unreadable: [alpha.id],
    });
  });
});
