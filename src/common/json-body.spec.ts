import { findJsonFault, MAX_JSON_DEPTH } from './json-body';

function nested(levels: number, open: string, close: string, inner = '1'): string {
  return `${open.repeat(levels)}${inner}${close.repeat(levels)}`;
}

describe('findJsonFault', () => {
  it('accepts ordinary bodies, paired surrogates (emoji) included', () => {
    expect(findJsonFault({ name: 'web 😀', tags: ['a', { b: [1, null, true] }] })).toBeNull();
    expect(findJsonFault(null)).toBeNull();
    expect(findJsonFault('text')).toBeNull();
  });

  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses one more, naming the top member`, () => {
    const ok = JSON.parse(`{"args":${nested(MAX_JSON_DEPTH - 1, '[', ']')}}`) as unknown;
    expect(findJsonFault(ok)).toBeNull();
    const deep = JSON.parse(`{"args":${nested(MAX_JSON_DEPTH, '[', ']')}}`) as unknown;
    expect(findJsonFault(deep)).toEqual({
      field: 'args',
      message: `must not nest objects and arrays more than ${MAX_JSON_DEPTH} levels deep`,
    });
    expect(findJsonFault(JSON.parse(nested(MAX_JSON_DEPTH + 1, '[', ']')))).toMatchObject({
      field: '0',
    });
  });

  it('walks a body nested 200,000 levels deep without overflowing the stack', () => {
    const text = nested(200_000, '{"a":', '}');
    expect(findJsonFault(JSON.parse(text))).toMatchObject({ field: 'a' });
  });

  it('names the member holding an unpaired surrogate, in a value or in a member name', () => {
    const body = JSON.parse('{"smtp":{"host":"h"},"address":["ok@x","a\\ud800@x"]}') as unknown;
    expect(findJsonFault(body)).toEqual({
      field: 'address.1',
      message: 'must not contain an unpaired UTF-16 surrogate',
    });
    expect(findJsonFault(JSON.parse('{"h":{"\\udc00x":"v"}}'))).toEqual({
      field: 'h.\ufffdx',
      message: 'member name must not contain an unpaired UTF-16 surrogate',
    });
    expect(findJsonFault(JSON.parse('"\\ud800"'))).toMatchObject({ field: 'body' });
  });
});
