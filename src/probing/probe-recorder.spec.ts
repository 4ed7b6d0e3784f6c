import { statementSizes } from './probe-recorder';

const sum = (sizes: number[]) => sizes.reduce((a, b) => a + b, 0);

describe('statementSizes', () => {
  it('splits a batch for the writer thread into few distinct power-of-two statements', () => {
    const seen = new Set<number>();
    for (let rows = 0; rows <= 1300; rows++) {
      const sizes = statementSizes(rows, true);
      expect(sum(sizes)).toBe(rows);
      for (const size of sizes) seen.add(size);
      // full statements, then at most one of each smaller power of two
      const partial = sizes.filter((s) => s < 256);
      expect(new Set(partial).size).toBe(partial.length);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256]);
    expect(statementSizes(1203, true)).toEqual([256, 256, 256, 256, 128, 32, 16, 2, 1]);
  });

  it('splits a batch for the application connection into statements of up to 500 rows', () => {
    expect(statementSizes(0, false)).toEqual([]);
    expect(statementSizes(23, false)).toEqual([23]);
    expect(statementSizes(1203, false)).toEqual([500, 500, 203]);
  });
});
