import { IsInt, IsString, validateSync } from 'class-validator';
import { memoizeValidationMetadata } from './validation-metadata';

class Base {
  @IsString()
  name!: unknown;
}

const fields = (value: object) => validateSync(value).map((e) => e.property);

describe('memoizeValidationMetadata', () => {
  it('keeps every rule, inherited ones and those of classes decorated after a first lookup', () => {
    memoizeValidationMetadata();
    memoizeValidationMetadata();
    expect(fields(Object.assign(new Base(), { name: 1 }))).toEqual(['name']);
    expect(fields(Object.assign(new Base(), { name: 'x' }))).toEqual([]);

    class Later extends Base {
      @IsInt()
      count!: unknown;
    }
    expect(fields(Object.assign(new Later(), { name: 1, count: 'x' })).sort()).toEqual([
      'count',
      'name',
    ]);
    expect(fields(Object.assign(new Later(), { name: 'x', count: 2 }))).toEqual([]);
    expect(fields(Object.assign(new Base(), { name: 1, count: 'x' }))).toEqual(['name']);
  });
});
