/** The part of better-sqlite3 the writer thread uses (the package ships no types). */
declare module 'better-sqlite3' {
  namespace Database {
    interface Statement {
      run(...params: unknown[]): { changes: number };
    }
  }
  class Database {
    constructor(file: string);
    pragma(sql: string): unknown;
    prepare(sql: string): Database.Statement;
    transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  }
  export = Database;
}
