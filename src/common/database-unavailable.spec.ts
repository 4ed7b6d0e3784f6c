import { isDatabaseUnavailable } from './database-unavailable';

const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('tells a lost or refused MySQL connection and a locked SQLite file', () => {
    for (const code of [
      'ECONNREFUSED',
      'PROTOCOL_CONNECTION_LOST',
      'ER_SERVER_SHUTDOWN',
      'SQLITE_BUSY',
      'SQLITE_BUSY_SNAPSHOT',
      'SQLITE_LOCKED',
    ]) {
      expect([code, isDatabaseUnavailable(coded(code))]).toEqual([code, true]);
    }
  });

  it('looks into the driver error that TypeORM wraps', () => {
    const wrapped = Object.assign(new Error('query failed'), {
      driverError: coded('ECONNRESET'),
    });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
  });

  it('does not take a refused statement for an outage', () => {
    for (const error of [
      coded('ER_DUP_ENTRY'),
      coded('SQLITE_CONSTRAINT_UNIQUE'),
      coded('ER_PARSE_ERROR'),
      new Error('target 3 no longer exists'),
      'a string',
      null,
    ]) {
      expect(isDatabaseUnavailable(error)).toBe(false);
    }
  });

  it('knows mysql2 errors that carry no code', () => {
    expect(
      isDatabaseUnavailable(new Error("Can't add new command when connection is in closed state")),
    ).toBe(true);
  });
});
