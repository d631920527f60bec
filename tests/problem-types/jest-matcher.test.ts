/** `toThrowHttpException` with problem type classes: passing, failing, `.not`, promises, other copies. */
import { z } from 'zod';
import { ClientErrorException, defineProblemType, ForbiddenException, HttpException } from 'typed-http-exceptions';
import { matchers } from 'typed-http-exceptions/jest';

expect.extend(matchers);

const OutOfCredit = defineProblemType({
  type: 'https://example.com/problems/out-of-credit',
  status: 403,
  title: 'You do not have enough credit',
  code: 'OUT_OF_CREDIT',
  extensions: z.object({ balance: z.number() }),
});
const NotOwner = defineProblemType({ type: 'https://example.com/problems/not-owner', status: 403, title: 'Not the owner' });

const ANSI = /\u001b\[[0-9;]*m/g;
const throwing = (error: unknown) => () => {
  throw error;
};
function failureOf(assertion: () => unknown): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message.replace(ANSI, '');
  }
  throw new Error('expected the assertion to fail, but it passed');
}

const outOfCredit = () => new OutOfCredit('Balance 30, cost 50', { extensions: { balance: 30 } });

describe('toThrowHttpException with a problem type', () => {
  test('passes for the problem type, its status class and above, with details', () => {
    expect(throwing(outOfCredit())).toThrowHttpException(OutOfCredit);
    expect(throwing(outOfCredit())).toThrowHttpException(OutOfCredit, { detail: /30/, extensions: { balance: 30, code: 'OUT_OF_CREDIT' } });
    expect(throwing(outOfCredit())).toThrowHttpException(ForbiddenException);
    expect(throwing(outOfCredit())).toThrowHttpException(ClientErrorException);
    expect(throwing(outOfCredit())).toThrowHttpException(HttpException, { type: OutOfCredit.type });
    expect(throwing(outOfCredit())).toThrowHttpException(403);
    expect(throwing(outOfCredit())).not.toThrowHttpException(NotOwner);
    expect(throwing(new ForbiddenException('plain'))).not.toThrowHttpException(OutOfCredit);
  });

  test('with .rejects, and a function that throws (README)', async () => {
    const balance = 30;
    const charge = (cost: number): void => {
      if (cost > balance) throw new OutOfCredit(`Balance ${balance}, cost ${cost}`, { extensions: { balance } });
    };
    const chargeLater = async (cost: number): Promise<void> => charge(cost);
    // #region readme
    expect(() => charge(50)).toThrowHttpException(OutOfCredit, { extensions: { balance: 30, code: 'OUT_OF_CREDIT' } });
    await expect(chargeLater(50)).rejects.toThrowHttpException(OutOfCredit, { detail: /cost 50/ });
    expect(() => charge(10)).not.toThrowHttpException();
    // #endregion readme
  });

  test('a failure names the problem type and shows the type the exception has', () => {
    expect(failureOf(() => expect(throwing(new ForbiddenException('plain'))).toThrowHttpException(OutOfCredit))).toBe(
      'expect(received).toThrowHttpException(expected)\n\n' +
        'Expected: OutOfCredit\n' +
        'Received: ForbiddenException (403): "plain"\n\n' +
        'Expected type: "https://example.com/problems/out-of-credit"\n' +
        'Received type: "about:blank"',
    );
    expect(failureOf(() => expect(throwing(outOfCredit())).toThrowHttpException(OutOfCredit, { extensions: { balance: 31 } }))).toBe(
      'expect(received).toThrowHttpException(expected, details)\n\n' +
        'Expected: OutOfCredit\n' +
        'Received: OutOfCredit (403): "Balance 30, cost 50"\n\n' +
        'Expected extensions: {"balance": 31}\n' +
        'Received extensions: {"balance": 30, "code": "OUT_OF_CREDIT"}',
    );
    expect(failureOf(() => expect(throwing(outOfCredit())).not.toThrowHttpException(OutOfCredit))).toContain('Expected: not OutOfCredit');
  });

  test('an instance from another copy of the package passes', () => {
    let other: typeof import('../../src/index.js') | undefined;
    jest.isolateModules(() => {
      other = require('../../src/index.js') as typeof import('../../src/index.js');
    });
    if (other === undefined) throw new Error('isolateModules did not run');
    const ForeignOutOfCredit = other.defineProblemType({ type: OutOfCredit.type, status: 403, title: OutOfCredit.title, code: 'OUT_OF_CREDIT' });
    expect(throwing(new ForeignOutOfCredit('x'))).toThrowHttpException(OutOfCredit);
    expect(throwing(new ForeignOutOfCredit('x'))).toThrowHttpException(ForbiddenException);
    expect(throwing(outOfCredit())).toThrowHttpException(ForeignOutOfCredit);
  });
});
