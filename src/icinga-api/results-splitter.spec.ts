import { ResultsSplitter, ResultsSyntaxError } from './results-splitter';

function split(text: string, size: number): unknown[] {
  const bytes = Buffer.from(text);
  const splitter = new ResultsSplitter();
  const out: unknown[] = [];
  for (let i = 0; i < bytes.length; i += size)
    out.push(...splitter.push(bytes.subarray(i, i + size)));
  splitter.end();
  return out;
}

const RESULTS = [
  { name: 'web-01', type: 'Host', attrs: { out: 'a "quoted" ü ✓ \\ } ] {', groups: ['x', []] } },
  { name: 'db-02!disk', type: 'Service', attrs: { state: 2, n: null, t: true, f: -1.5e3 } },
];

describe('ResultsSplitter', () => {
  it('returns each result of an answer, however it is cut into chunks', () => {
    const text = JSON.stringify({ results: RESULTS });
    for (let size = 1; size <= text.length; size++) expect(split(text, size)).toEqual(RESULTS);
  });

  it('reads spaces between tokens, and ignores lists under other keys than results', () => {
    const text = `{ "other" : [ {"a":1} ], "resu\\u006cts" : [ ${JSON.stringify(RESULTS[0])} ] , "results" :\n[ ${JSON.stringify(RESULTS[1])} ] }`;
    for (const size of [1, 2, 7, text.length]) expect(split(text, size)).toEqual([RESULTS[1]]);
    expect(split('{"results":[]}', 3)).toEqual([]);
    expect(split('{"status":"x","results":[{"a":"]"}]}', 5)).toEqual([{ a: ']' }]);
  });

  it('refuses what is not an answer, and an answer cut short', () => {
    expect(() => split('<html></html>', 4)).toThrow(ResultsSyntaxError);
    expect(() => split('[1,2]', 4)).toThrow(ResultsSyntaxError);
    expect(() => split('{"results":[1]}', 4)).toThrow(/not a JSON object/);
    expect(() => split('{"results":[{"a":}]}', 4)).toThrow(/not valid JSON/);
    expect(() => split('{"results":[{"a":1}', 4)).toThrow(/ended before/);
    expect(() => split('{"results":[]}{', 4)).toThrow(ResultsSyntaxError);
  });
});
