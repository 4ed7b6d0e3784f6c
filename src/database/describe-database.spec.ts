import { describeDatabase } from './database.module';

describe('describeDatabase', () => {
  it('names the SQLite file', () => {
    expect(
      describeDatabase({ type: 'sqlite', file: '/var/lib/vigil/vigil.sqlite', migrate: true }),
    ).toBe('SQLite /var/lib/vigil/vigil.sqlite');
  });

  it('names the MySQL server and database, never the user or password of the URL', () => {
    const text = describeDatabase({
      type: 'mysql',
      host: 'db.example',
      port: 3307,
      username: 'vigil',
      password: 's3cret-Pa55',
      database: 'vigil',
      migrate: true,
    });
    expect(text).toBe('MySQL/MariaDB db.example:3307/vigil');
    expect(text).not.toContain('s3cret');
  });
});
