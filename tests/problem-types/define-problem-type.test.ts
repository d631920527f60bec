import * as v from 'valibot';
import { z } from 'zod';
import {
  BadRequestException,
  ClientErrorException,
  ForbiddenException,
  HttpException,
  isClientErrorException,
  isHttpException,
  isServerErrorException,
  NotFoundException,
  ServerErrorException,
  ServiceUnavailableException,
  TooManyRequestsException,
  toProblemDetails,
  toProblemResponse,
} from 'typed-http-exceptions';
import { defineProblemType } from '../../src/problem-types/define-problem-type.js';
import { isProblemType, problemTypeOf } from '../../src/problem-types/problem-type-mark.js';
import { expectValidProblem } from '../helpers/problem-schema.js';

jest.mock('arktype', () => jest.requireActual<typeof import('../helpers/esm-as-commonjs')>('../helpers/esm-as-commonjs').loadAsCommonJs('arktype'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { type: ark } = require('arktype') as typeof import('arktype');

const OUT_OF_CREDIT = 'https://example.com/problems/out-of-credit';
const creditSchema = z.object({ balance: z.number(), accounts: z.array(z.string()) });

const OutOfCredit = defineProblemType({
  type: OUT_OF_CREDIT,
  status: 403,
  title: 'You do not have enough credit',
  code: 'OUT_OF_CREDIT',
  extensions: creditSchema,
});

describe('defineProblemType: the class and its instances', () => {
  const error = new OutOfCredit('Your current balance is 30, but that costs 50', {
    instance: '/account/12345/msgs/abc',
    extensions: { balance: 30, accounts: ['/account/12345', '/account/67890'] },
  });

  test('instances are instanceof the status class and everything above it', () => {
    expect(error).toBeInstanceOf(OutOfCredit);
    expect(error).toBeInstanceOf(ForbiddenException);
    expect(error).toBeInstanceOf(ClientErrorException);
    expect(error).toBeInstanceOf(HttpException);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(NotFoundException);
    expect(isHttpException(error) && isClientErrorException(error)).toBe(true);
    expect(isServerErrorException(error)).toBe(false);
    expect(new ForbiddenException('plain')).not.toBeInstanceOf(OutOfCredit);
  });

  test('carries type, title, code, status and the extension members', () => {
    expect(error.type).toBe(OUT_OF_CREDIT);
    expect(error.title).toBe('You do not have enough credit');
    expect(error.code).toBe('OUT_OF_CREDIT');
    expect(error.status).toBe(403);
    expect(error.statusCode).toBe(403);
    expect(error.detail).toBe('Your current balance is 30, but that costs 50');
    expect(error.message).toBe('Your current balance is 30, but that costs 50');
    expect(error.extensions).toEqual({ code: 'OUT_OF_CREDIT', balance: 30, accounts: ['/account/12345', '/account/67890'] });
    expect(error.name).toBe('OutOfCredit');
    expect(OutOfCredit.name).toBe('OutOfCredit');
    expect([OutOfCredit.type, OutOfCredit.status, OutOfCredit.title, OutOfCredit.code]).toEqual([OUT_OF_CREDIT, 403, 'You do not have enough credit', 'OUT_OF_CREDIT']);
    expect(OutOfCredit.extensionsSchema).toBe(creditSchema);
    expect(String(error.stack)).toMatch(/^OutOfCredit: Your current balance/);
  });

  test('the body is the RFC 9457 example, with code as an extension member', () => {
    const body = toProblemDetails(error);
    expect(body).toEqual({
      type: OUT_OF_CREDIT,
      title: 'You do not have enough credit',
      status: 403,
      detail: 'Your current balance is 30, but that costs 50',
      instance: '/account/12345/msgs/abc',
      code: 'OUT_OF_CREDIT',
      balance: 30,
      accounts: ['/account/12345', '/account/67890'],
    });
    expectValidProblem(body);
    expect(Object.keys(body)).toEqual(['type', 'title', 'status', 'detail', 'instance', 'code', 'balance', 'accounts']);
    const response = toProblemResponse(error);
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toEqual(body);
  });

  test('the instance holds the schema output: defaults filled in, transforms applied, unknown members stripped', () => {
    const Priced = defineProblemType({
      type: 'https://example.com/problems/priced',
      status: 402,
      title: 'Payment needed',
      extensions: z.object({ cents: z.string().transform(Number), currency: z.string().default('EUR') }),
    });
    const priced = new Priced(undefined, { extensions: { cents: '250', extra: 1 } as { cents: string } });
    expect(priced.extensions).toEqual({ cents: 250, currency: 'EUR' });
  });

  test('a problem type finds its metadata through problemTypeOf, also on a subclass', () => {
    class LowBalance extends OutOfCredit {}
    expect(isProblemType(OutOfCredit)).toBe(true);
    expect(isProblemType(LowBalance)).toBe(true);
    expect(isProblemType(ForbiddenException)).toBe(false);
    expect(isProblemType({ type: 'x' })).toBe(false);
    expect(problemTypeOf(OutOfCredit)).toMatchObject({ type: OUT_OF_CREDIT, status: 403, code: 'OUT_OF_CREDIT', name: 'OutOfCredit' });
    const low = new LowBalance('low', { extensions: { balance: 1, accounts: [] } });
    expect(low.name).toBe('LowBalance');
    expect(low).toBeInstanceOf(OutOfCredit);
    expect(low).toBeInstanceOf(ForbiddenException);
    expect(new OutOfCredit(undefined, { extensions: { balance: 1, accounts: [] } })).not.toBeInstanceOf(LowBalance);
  });

  test('options of the status class pass through: headers, expose, cause, errors', () => {
    const Quota = defineProblemType({ type: 'https://example.com/problems/quota', status: 429, title: 'Quota used up', extensions: z.object({ limit: z.number() }) });
    const cause = new Error('counter');
    const quota = new Quota('100 calls a day', { retryAfter: 120, headers: { 'x-quota': '100' }, cause, extensions: { limit: 100 } });
    expect(quota).toBeInstanceOf(TooManyRequestsException);
    expect(quota.headers).toEqual({ 'x-quota': '100', 'retry-after': '120' });
    expect(quota.cause).toBe(cause);

    const InvalidOrder = defineProblemType({ type: 'https://example.com/problems/invalid-order', status: 400, title: 'Invalid order', code: 'INVALID_ORDER' });
    const invalid = new InvalidOrder('2 problems', { errors: [{ detail: 'must be positive', pointer: '#/quantity' }] });
    expect(invalid).toBeInstanceOf(BadRequestException);
    expect(invalid.errors).toEqual([{ detail: 'must be positive', pointer: '#/quantity' }]);
    expect(toProblemDetails(invalid)).toMatchObject({ code: 'INVALID_ORDER', errors: [{ detail: 'must be positive', pointer: '#/quantity' }] });
  });

  test('a 5xx problem type keeps its detail private by default', () => {
    const Upstream = defineProblemType({ type: 'https://example.com/problems/upstream', status: 503, title: 'Upstream down', code: 'UPSTREAM' });
    const upstream = new Upstream('db-7 password rejected');
    expect(upstream).toBeInstanceOf(ServiceUnavailableException);
    expect(upstream).toBeInstanceOf(ServerErrorException);
    expect(upstream.expose).toBe(false);
    expect(toProblemDetails(upstream)).toEqual({ type: 'https://example.com/problems/upstream', title: 'Upstream down', status: 503, code: 'UPSTREAM' });
  });

  test('a status without a generated class extends the range class', () => {
    const Custom4 = defineProblemType({ type: 'urn:example:problem:custom-460', status: 460, title: 'Custom' });
    const custom4 = new Custom4('x');
    expect(custom4).toBeInstanceOf(ClientErrorException);
    expect(custom4.status).toBe(460);
    const Custom5 = defineProblemType({ type: 'urn:example:problem:custom-560', status: 560, title: 'Custom' });
    expect(new Custom5()).toBeInstanceOf(ServerErrorException);
    expect(new Custom5().status).toBe(560);
    expect(new Custom5().name).toBe('Custom560');
  });

  test('without a schema, extensions are free (or typed by a type argument) and not checked', () => {
    const Frozen = defineProblemType<{ until: string }>({ type: 'https://example.com/problems/frozen', status: 423, title: 'Account frozen', name: 'AccountFrozen' });
    const frozen = new Frozen(undefined, { extensions: { until: '2030-01-01' } });
    expect(frozen.extensions).toEqual({ until: '2030-01-01' });
    expect(frozen.name).toBe('AccountFrozen');
    expect(frozen.code).toBeUndefined();
    expect(toProblemDetails(frozen)).not.toHaveProperty('code');
    const Plain = defineProblemType({ type: 'https://example.com/problems/plain', status: 409, title: 'Plain' });
    expect(new Plain('x', { extensions: { anything: [1, 2] } }).extensions).toEqual({ anything: [1, 2] });
    expect(new Plain().extensions).toEqual({});
  });
});

describe('defineProblemType: extension values are checked when the exception is made', () => {
  test('zod: a wrong value is a TypeError naming the member', () => {
    const make = (extensions: unknown) => () => new OutOfCredit('x', { extensions: extensions as { balance: number; accounts: string[] } });
    expect(make({ balance: 'thirty', accounts: [] })).toThrow(TypeError);
    expect(make({ balance: 'thirty', accounts: [] })).toThrow(/^OutOfCredit extensions\.balance: .*number/);
    expect(make({ balance: 1, accounts: ['ok', 2] })).toThrow(/extensions\.accounts\[1\]: /);
    expect(make({ accounts: [] })).toThrow(/extensions\.balance: /);
    expect(() => new (OutOfCredit as unknown as new () => unknown)()).toThrow(/extensions\.balance: /);
  });

  test('several wrong members are all named', () => {
    let message = '';
    try {
      new OutOfCredit('x', { extensions: { balance: 'a', accounts: [1, 2] } as never });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('extensions.balance');
    expect(message).toContain('extensions.accounts[0]');
    expect(message).toContain('extensions.accounts[1]');
  });

  test('more than five issues are counted, not listed', () => {
    const Wide = defineProblemType({ type: 'urn:x:wide', status: 409, title: 'Wide', extensions: z.object({ list: z.array(z.number()) }) });
    expect(() => new Wide(undefined, { extensions: { list: Array.from({ length: 9 }, () => 'x') as never } })).toThrow(/\(and 4 more\)$/);
  });

  test('valibot: a wrong nested value names its path ({ key } segments)', () => {
    const Limits = defineProblemType({
      type: 'https://example.com/problems/limits',
      status: 429,
      title: 'Over the limit',
      extensions: v.object({ limits: v.array(v.object({ name: v.string(), max: v.number() })) }),
    });
    expect(() => new Limits(undefined, { extensions: { limits: [{ name: 'a', max: 1 }, { name: 'b', max: 'x' as never }] } })).toThrow(
      /^Limits extensions\.limits\[1\]\.max: /,
    );
    expect(new Limits(undefined, { extensions: { limits: [{ name: 'a', max: 1 }] } }).extensions).toEqual({ limits: [{ name: 'a', max: 1 }] });
  });

  test('arktype: a wrong value is a TypeError naming the member', () => {
    const Moved = defineProblemType({ type: 'https://example.com/problems/moved', status: 409, title: 'Moved', extensions: ark({ to: 'string', 'tries?': 'number.integer' }) });
    expect(() => new Moved(undefined, { extensions: { to: 5 as never } })).toThrow(/^Moved extensions\.to: /);
    expect(() => new Moved(undefined, { extensions: { to: '/b', tries: 1.5 } })).toThrow(/extensions\.tries: /);
    expect(new Moved(undefined, { extensions: { to: '/b' } }).extensions).toEqual({ to: '/b' });
  });

  test('a schema that throws is not swallowed', () => {
    const boom = new Error('schema bug');
    const Broken = defineProblemType({
      type: 'https://example.com/problems/broken',
      status: 409,
      title: 'Broken',
      extensions: v.pipe(
        v.object({ n: v.number() }),
        v.transform((value) => {
          if (value.n === 13) throw boom;
          return value;
        }),
      ),
    });
    expect(() => new Broken(undefined, { extensions: { n: 13 } })).toThrow(boom);
    expect(new Broken(undefined, { extensions: { n: 1 } }).extensions).toEqual({ n: 1 });
  });

  test('zod answers a throwing transform with a promise: the TypeError says so', () => {
    const ZodBroken = defineProblemType({
      type: 'https://example.com/problems/zod-broken',
      status: 409,
      title: 'Broken',
      extensions: z.object({ n: z.number() }).transform((value) => {
        if (value.n === 13) throw new Error('schema bug');
        return value;
      }),
    });
    expect(() => new ZodBroken(undefined, { extensions: { n: 13 } })).toThrow(/asynchronously.*zod answers with a promise also when a refinement or transform throws/);
  });

  test('an async schema: refused at definition when it shows (valibot *Async), else when the exception is made', async () => {
    expect(() =>
      defineProblemType({ type: 'https://example.com/problems/a', status: 409, title: 'A', extensions: v.objectAsync({ n: v.number() }) }),
    ).toThrow(/validates asynchronously/);
    const rejected = jest.fn();
    process.on('unhandledRejection', rejected);
    try {
      const Later = defineProblemType({
        type: 'https://example.com/problems/later',
        status: 409,
        title: 'Later',
        extensions: z.object({ n: z.number() }).refine(async (value) => value.n > 0),
      });
      expect(() => new Later(undefined, { extensions: { n: 1 } })).toThrow(TypeError);
      expect(() => new Later(undefined, { extensions: { n: 1 } })).toThrow(/^Later: the extensions schema validates asynchronously/);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(rejected).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', rejected);
    }
  });

  test('a schema whose output is not an object is refused when the exception is made', () => {
    const odd = { '~standard': { version: 1 as const, vendor: 'test', validate: (value: unknown) => ({ value: Array.isArray(value) ? value : [value] }) } };
    const Odd = defineProblemType({ type: 'https://example.com/problems/odd', status: 409, title: 'Odd', extensions: odd });
    expect(() => new Odd(undefined, { extensions: {} })).toThrow(/must describe an object.*an array/);
  });

  test('code is the problem type’s: extensions cannot set it, nor can options set type or title', () => {
    const Plain = defineProblemType({ type: 'https://example.com/problems/coded', status: 409, title: 'Coded', code: 'CODED' });
    expect(() => new Plain('x', { extensions: { code: 'OTHER' } })).toThrow(/cannot set "code"/);
    expect(() => new Plain('x', { type: 'https://other' } as never)).toThrow(/options\.type cannot be set/);
    expect(() => new Plain('x', { title: 'Other' } as never)).toThrow(/options\.title cannot be set/);
    expect(() => new Plain('x', 'nope' as never)).toThrow(/options must be an object/);
    expect(() => new Plain('x', { extensions: 5 } as never)).toThrow(/options\.extensions must be an object/);
    expect(() => new Plain('x', { extensions: { status: 200 } })).toThrow(TypeError);
  });
});

describe('defineProblemType: bad definitions', () => {
  const base = { type: 'https://example.com/problems/x', status: 409, title: 'X' };
  test.each([
    ['no definition', undefined, TypeError, /needs a definition/],
    ['a status outside 400-599', { ...base, status: 302 }, RangeError, /400 to 599, got 302/],
    ['a fractional status', { ...base, status: 404.5 }, RangeError, /integer status/],
    ['a string status', { ...base, status: '404' }, RangeError, /got string/],
    ['no type', { ...base, type: undefined }, TypeError, /type URI/],
    ['about:blank', { ...base, type: 'about:blank' }, TypeError, /about:blank/],
    ['a type that is not a URI reference', { ...base, type: 'https://example.com/out of credit' }, TypeError, /out%20of%20credit/],
    ['a type over 2048 characters', { ...base, type: 'https://example.com/' + 'a'.repeat(2100) }, TypeError, /at most 2048/],
    ['an empty title', { ...base, title: '' }, TypeError, /title/],
    ['a title over 256 characters', { ...base, title: 'T'.repeat(300) }, TypeError, /at most 256/],
    ['an empty code', { ...base, code: '' }, TypeError, /code must be a non-empty string/],
    ['a numeric code', { ...base, code: 7 }, TypeError, /code must be a non-empty string/],
    ['a name that is not a string', { ...base, name: 1 }, TypeError, /name must be/],
    ['extensions that are not a Standard Schema', { ...base, extensions: { balance: 'number' } }, TypeError, /Standard Schema/],
  ])('%s', (_what, definition, errorClass, message) => {
    const define = () => defineProblemType(definition as never);
    expect(define).toThrow(errorClass);
    expect(define).toThrow(message);
  });

  test('names come from the last segment of the type', () => {
    const named = (type: string) => defineProblemType({ type, status: 409, title: 'X' }).name;
    expect(named('https://example.com/problems/out-of-credit')).toBe('OutOfCredit');
    expect(named('https://example.com/problems/card_declined/?v=2#x')).toBe('CardDeclined');
    expect(named('urn:problem:quota')).toBe('Quota');
    expect(named('/probs/42')).toBe('ProblemTypeException');
  });
});

describe('defineProblemType across copies of the package', () => {
  test('a second module instance recognises the first one’s problem type, and the other way round', () => {
    type Copy = typeof import('../../src/index.js') & typeof import('../../src/problem-types/define-problem-type.js');
    let other: Copy | undefined;
    jest.isolateModules(() => {
      other = { ...(require('../../src/index.js') as object), ...(require('../../src/problem-types/define-problem-type.js') as object) } as Copy;
    });
    if (other === undefined) throw new Error('isolateModules did not run');
    expect(other.ForbiddenException).not.toBe(ForbiddenException);
    const OtherOutOfCredit = other.defineProblemType({ type: OUT_OF_CREDIT, status: 403, title: 'You do not have enough credit', code: 'OUT_OF_CREDIT', extensions: creditSchema });
    const foreign = new OtherOutOfCredit('x', { extensions: { balance: 1, accounts: [] } });
    const local = new OutOfCredit('x', { extensions: { balance: 1, accounts: [] } });
    expect(foreign).toBeInstanceOf(OutOfCredit);
    expect(foreign).toBeInstanceOf(ForbiddenException);
    expect(foreign).toBeInstanceOf(HttpException);
    expect(isHttpException(foreign)).toBe(true);
    expect(local).toBeInstanceOf(OtherOutOfCredit);
    expect(local).toBeInstanceOf(other.ForbiddenException);
    expect(isProblemType(OtherOutOfCredit)).toBe(true);
    const OtherDifferent = other.defineProblemType({ type: 'https://example.com/problems/other', status: 403, title: 'Other' });
    expect(local).not.toBeInstanceOf(OtherDifferent);
    expect(new OtherDifferent()).not.toBeInstanceOf(OutOfCredit);
  });
});
