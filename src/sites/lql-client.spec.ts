import { connectionShare } from './lql-client';

describe('connectionShare', () => {
  it('gives each live instance an equal share of the connections, rounded down', () => {
    expect(connectionShare(3, 1)).toBe(3);
    expect(connectionShare(4, 2)).toBe(2);
    expect(connectionShare(3, 2)).toBe(1);
    expect(connectionShare(12, 3)).toBe(4);
  });

  it('leaves each instance one connection when there are more instances than connections', () => {
    expect(connectionShare(3, 4)).toBe(1);
    expect(connectionShare(1, 10)).toBe(1);
  });

  it('treats a count below one as this instance alone', () => {
    expect(connectionShare(3, 0)).toBe(3);
  });
});
