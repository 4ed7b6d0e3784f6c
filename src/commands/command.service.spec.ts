import { ValidationProblemException } from '../common/problem';
import { rejectedAs400 } from './command.service';
import { serializeCommand } from './serializer';

describe('rejectedAs400', () => {
  const names = { 'args.host': 'hostName', 'args.comment': 'comment' };

  it('names the request field of a refused argument', () => {
    const attempt = () =>
      rejectedAs400(
        () =>
          serializeCommand('ADD_HOST_COMMENT', {
            host: 'web;01',
            persistent: true,
            author: 'a',
            comment: 'c',
          }),
        names,
      );
    expect(attempt).toThrow(ValidationProblemException);
    try {
      attempt();
    } catch (err) {
      expect((err as ValidationProblemException).errors).toEqual([
        { field: 'hostName', message: 'must not contain ";"' },
      ]);
    }
  });

  it('keeps the serialiser field when the request has no other name for it', () => {
    try {
      rejectedAs400(() => serializeCommand('NO_SUCH_COMMAND', {}), names);
      throw new Error('not refused');
    } catch (err) {
      expect((err as ValidationProblemException).errors[0].field).toBe('command');
    }
  });

  it('passes other errors through and returns the line when nothing is wrong', () => {
    expect(rejectedAs400(() => 'line', names)).toBe('line');
    expect(() =>
      rejectedAs400(() => {
        throw new RangeError('x');
      }, names),
    ).toThrow(RangeError);
  });
});
