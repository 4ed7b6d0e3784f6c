import {
  ByteWriter,
  checkHeaderRow,
  csvLine,
  encodeKeyBytes,
  encodeKeys,
  keyOf,
  LqlAnswerError,
  parseValues,
  objectLead,
  RowScanner,
  rowJson,
  ScannedRow,
} from './lql-answer';

describe('rowJson', () => {
  const keys = encodeKeys(['name', 'state', 'groups']);

  it('writes a row as an object from its values, led by the site when given', () => {
    expect(JSON.parse(rowJson(['"a\\"b"', '1', '["x"]'], keys, 'dc2'))).toEqual({
      site: 'dc2',
      name: 'a"b',
      state: 1,
      groups: ['x'],
    });
    expect(rowJson(['"a"', '0', '[]'], keys)).toBe('{"name":"a","state":0,"groups":[]}');
  });

  it('refuses rows that do not match the columns', () => {
    expect(() => rowJson(['"a"'], keys)).toThrow(LqlAnswerError);
  });
});

describe('header rows and keys', () => {
  it('reads column names from a header row', () => {
    expect(checkHeaderRow(parseValues(['"name"', '"state"']))).toEqual(['name', 'state']);
    expect(() => checkHeaderRow([1, 2])).toThrow(LqlAnswerError);
  });

  it('skips rows without a key value', () => {
    expect([null, undefined, '', 'a', 2, ['x']].map(keyOf)).toEqual([
      undefined,
      undefined,
      undefined,
      'a',
      '2',
      '["x"]',
    ]);
  });
});

describe('csvLine', () => {
  it('quotes fields with commas, quotes and new lines and writes lists as JSON', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'x\ny', ['web', 'db'], null, 3])).toBe(
      'a,"b,c","say ""hi""","x\ny","[""web"",""db""]",,3\r\n',
    );
  });
});

describe('RowScanner', () => {
  const answer =
    '[["a",1,["x","y]"]], ["b\\"],",2,[]],\n["ü",3,[{"k":[1,2]}]], ["x\\\\",4,"\\\\\\""], []]';

  it('yields each row as value texts however the answer is cut into chunks', () => {
    const bytes = Buffer.from(answer, 'utf8');
    for (const size of [1, 2, 3, 7, bytes.length]) {
      const scanner = new RowScanner();
      const rows: string[][] = [];
      for (let i = 0; i < bytes.length; i += size) {
        rows.push(...scanner.push(bytes.subarray(i, i + size)));
      }
      scanner.end();
      expect(rows).toEqual([
        ['"a"', '1', '["x","y]"]'],
        ['"b\\"],"', '2', '[]'],
        ['"ü"', '3', '[{"k":[1,2]}]'],
        ['"x\\\\"', '4', '"\\\\\\""'],
        [],
      ]);
      expect(rows.map(parseValues)).toEqual(JSON.parse(answer));
    }
  });

  it('refuses an answer that is not a list of rows, or ends early', () => {
    expect(() => new RowScanner().push(Buffer.from('{"a":1}'))).toThrow(LqlAnswerError);
    expect(() => new RowScanner().push(Buffer.from('[1,2]'))).toThrow(LqlAnswerError);
    expect(() => new RowScanner().push(Buffer.from('[["a"]]]'))).toThrow(LqlAnswerError);
    expect(() => new RowScanner().push(Buffer.from('[["a",,1]]'))).toThrow(LqlAnswerError);
    const cut = new RowScanner();
    cut.push(Buffer.from('[["a"], ["b'));
    expect(() => cut.end()).toThrow(LqlAnswerError);
  });

  it('writes rows as JSON objects straight from the answer bytes, across buffer boundaries', () => {
    const bytes = Buffer.from(answer, 'utf8');
    const scanner = new RowScanner();
    const rows: ScannedRow[] = [];
    for (let i = 0; i < bytes.length; i += 5)
      rows.push(...scanner.pushRows(bytes.subarray(i, i + 5)));
    const keys = encodeKeyBytes(['name', 'n', 'list']);
    // a tiny chunk size makes every value and key cross a buffer boundary somewhere
    const out = new ByteWriter(7);
    rows.slice(0, 4).forEach((row, i) => {
      row.writeObject(out, keys, i % 2 ? objectLead('dc "2"') : undefined);
      out.byte(0x0a);
    });
    expect(out.pending).toBeGreaterThan(0);
    const text = Buffer.concat(out.take()).toString('utf8');
    expect(out.pending).toBe(0);
    // rows that fit in the current buffer take the direct path: the same bytes
    const roomy = new ByteWriter(64);
    rows.slice(0, 4).forEach((row, i) => {
      row.writeObject(roomy, keys, i % 2 ? objectLead('dc "2"') : undefined);
      roomy.byte(0x0a);
    });
    const pieces = roomy.take();
    expect(pieces.length).toBeGreaterThan(1);
    expect(Buffer.concat(pieces).toString('utf8')).toBe(text);
    expect(
      text
        .split('\n')
        .slice(0, -1)
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual([
      { name: 'a', n: 1, list: ['x', 'y]'] },
      { site: 'dc "2"', name: 'b"],', n: 2, list: [] },
      { name: 'ü', n: 3, list: [{ k: [1, 2] }] },
      { site: 'dc "2"', name: 'x\\', n: 4, list: '\\"' },
    ]);
    expect(rows[4].length).toBe(0);
    expect(() => rows[0].writeObject(new ByteWriter(), encodeKeyBytes(['name']))).toThrow(
      'an answer row has 3 values for 1 columns',
    );
  });

  it('accepts an empty list', () => {
    const scanner = new RowScanner();
    expect(scanner.push(Buffer.from('[]'))).toEqual([]);
    expect(() => scanner.end()).not.toThrow();
  });
});

describe('ScannedRow.of', () => {
  it('writes decoded values as a scanned row would be written, multi-byte characters included', () => {
    const values = ['ünïcode "q"', 0, 1.5, null, ['a', 'ß'], true];
    const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
    const made = ScannedRow.of(values);
    const [scanned] = new RowScanner().pushRows(Buffer.from(JSON.stringify([values])));
    const write = (row: ScannedRow) => {
      const out = new ByteWriter();
      row.writeObject(out, encodeKeyBytes(keys), objectLead('s'));
      return Buffer.concat(out.take()).toString('utf8');
    };
    expect(write(made)).toBe(write(scanned));
    expect(JSON.parse(write(made))).toEqual({
      site: 's',
      a: values[0],
      b: 0,
      c: 1.5,
      d: null,
      e: ['a', 'ß'],
      f: true,
    });
    expect(made.values()).toEqual(values.map((v) => JSON.stringify(v)));
    expect(ScannedRow.of([]).length).toBe(0);
  });
});
