import { IsString, MaxLength, MinLength, ValidateNested, validateSync } from 'class-validator';
import { Type } from 'class-transformer';
import { ValidationProblemException, validationExceptionFactory } from './problem';

class Inner {
  @IsString()
  @MaxLength(2048)
  authUrl!: string;
}

class Outer {
  @IsString()
  @MinLength(1)
  @MaxLength(65536)
  q!: string;

  @ValidateNested()
  @Type(() => Inner)
  auth!: Inner;
}

function errorsOf(value: object): ValidationProblemException {
  const outer = Object.assign(new Outer(), value);
  return validationExceptionFactory(validateSync(outer));
}

describe('validation problems', () => {
  it('says "is required" for a field left out, whatever rules it breaks', () => {
    const problem = errorsOf({ auth: new Inner() });
    expect(problem.errors).toEqual([
      { field: 'q', message: 'q is required' },
      { field: 'auth.authUrl', message: 'authUrl is required' },
    ]);
    expect(problem.message).toBe('2 fields are invalid: q, auth.authUrl');
  });

  it('keeps the first rule written that a present value breaks', () => {
    const inner = Object.assign(new Inner(), { authUrl: 'x'.repeat(3000) });
    expect(errorsOf({ q: '', auth: inner }).errors).toEqual([
      { field: 'q', message: 'q must be longer than or equal to 1 characters' },
      {
        field: 'auth.authUrl',
        message: 'authUrl must be shorter than or equal to 2048 characters',
      },
    ]);
    expect(errorsOf({ q: null, auth: inner }).errors[0]).toEqual({
      field: 'q',
      message: 'q must be a string',
    });
  });

  it('names each field once in errors and detail, keeping its first message', () => {
    const problem = new ValidationProblemException([
      { field: 'jsonPath', message: 'jsonPath is required with jsonEquals' },
      { field: 'url', message: 'url is required' },
      { field: 'jsonPath', message: 'jsonPath must be a JSON path' },
    ]);
    expect(problem.errors).toEqual([
      { field: 'jsonPath', message: 'jsonPath is required with jsonEquals' },
      { field: 'url', message: 'url is required' },
    ]);
    expect(problem.message).toBe('2 fields are invalid: jsonPath, url');
    expect(new ValidationProblemException([problem.errors[1], problem.errors[1]]).message).toBe(
      'url: url is required',
    );
  });
});
