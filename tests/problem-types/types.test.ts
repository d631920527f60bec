/**
 * Compile-time assertions for problem types and validation: ts-jest type-checks this file (and
 * `tsc -p .` does in `npm test`), so a drift in the inferred types fails the build. The runtime
 * checks keep the values honest.
 */
import type { StandardSchemaV1 as SpecSchema } from '@standard-schema/spec';
import { type } from 'arktype';
import * as v from 'valibot';
import { z } from 'zod';
import {
  BadRequestException,
  ClientErrorException,
  defineProblemType,
  ForbiddenException,
  fromProblemDetails,
  fromResponse,
  HttpException,
  HttpStatus,
  LockedException,
  problemFromIssues,
  UnprocessableContentException,
  validateOrThrow,
  type StandardSchemaV1,
} from 'typed-http-exceptions';

jest.mock('arktype', () => jest.requireActual<typeof import('../helpers/esm-as-commonjs')>('../helpers/esm-as-commonjs').loadAsCommonJs('arktype'));

/** `true` only when A and B are the same type (not merely assignable). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_proof?: T): void {}

const OutOfCredit = defineProblemType({
  type: 'https://example.com/problems/out-of-credit',
  status: 403,
  title: 'You do not have enough credit',
  code: 'OUT_OF_CREDIT',
  extensions: z.object({ balance: z.number(), accounts: z.array(z.string()).default([]) }),
});
type OutOfCredit = InstanceType<typeof OutOfCredit>;

const Frozen = defineProblemType<{ until: string }>({ type: 'https://example.com/problems/frozen', status: 423, title: 'Account frozen' });

describe('problem type types', () => {
  test('the schema types extensions: input for the constructor, output on the instance', () => {
    const error = new OutOfCredit('Balance 30, cost 50', { extensions: { balance: 30 } });
    assertType<Equal<typeof error.extensions.balance, number>>();
    assertType<Equal<typeof error.extensions.accounts, string[]>>();
    assertType<Equal<typeof error.extensions.code, 'OUT_OF_CREDIT'>>();
    assertType<Equal<typeof error.code, 'OUT_OF_CREDIT'>>();
    assertType<Equal<typeof error.type, 'https://example.com/problems/out-of-credit'>>();
    assertType<Equal<typeof error.status, HttpStatus.FORBIDDEN>>();
    const asForbidden: ForbiddenException = error;
    expect(asForbidden).toBeInstanceOf(ForbiddenException);
    expect(error.extensions.accounts).toEqual([]);

    // @ts-expect-error balance must be a number
    expect(() => new OutOfCredit('x', { extensions: { balance: 'thirty' } })).toThrow(TypeError);
    // @ts-expect-error the extensions are required: balance has no default
    expect(() => new OutOfCredit('x')).toThrow(TypeError);
    // @ts-expect-error the type is fixed by the definition
    expect(() => new OutOfCredit('x', { type: 'https://other', extensions: { balance: 1 } })).toThrow(TypeError);
    // @ts-expect-error retryAfter is not an option of a 403
    expect(() => new OutOfCredit('x', { retryAfter: 3, extensions: { balance: 1 } })).toThrow(TypeError);
  });

  test('a type argument types extensions without a schema', () => {
    const error = new Frozen('Frozen until June', { extensions: { until: '2030-06-01' } });
    assertType<Equal<typeof error.extensions.until, string>>();
    // @ts-expect-error until must be a string
    new Frozen('x', { extensions: { until: 1 } });
    // Without the status as a type argument the static base is HttpException; at run time it is LockedException.
    expect(error).toBeInstanceOf(LockedException);
    const PreciseFrozen = defineProblemType<{ until: string }, 423>({ type: 'https://example.com/problems/frozen', status: 423, title: 'Account frozen' });
    const precise = new PreciseFrozen(undefined, { extensions: { until: 'x' } });
    assertType<Equal<typeof precise.status, HttpStatus.LOCKED>>();
  });

  test('valibot and arktype schemas type extensions too', () => {
    const Quota = defineProblemType({ type: 'urn:problem:quota', status: 429, title: 'Quota used up', extensions: v.object({ limit: v.number() }) });
    const quota = new Quota(undefined, { extensions: { limit: 10 }, retryAfter: 60 });
    assertType<Equal<typeof quota.extensions.limit, number>>();
    const Moved = defineProblemType({ type: 'urn:problem:moved', status: 409, title: 'Moved', extensions: type({ to: 'string' }) });
    const moved = new Moved(undefined, { extensions: { to: '/b' } });
    assertType<Equal<typeof moved.extensions.to, string>>();
    assertType<Equal<typeof quota.code, undefined>>();
    expect(quota.headers['retry-after']).toBe('60');
  });

  test('instanceof narrows an unknown to the problem type', () => {
    const value: unknown = new OutOfCredit(undefined, { extensions: { balance: 1 } });
    if (value instanceof OutOfCredit) {
      assertType<Equal<typeof value.extensions.balance, number>>();
      expect(value.extensions.balance).toBe(1);
    } else {
      throw new Error('expected an OutOfCredit');
    }
    const error: HttpException = new Frozen(undefined, { extensions: { until: 'x' } });
    if (error instanceof OutOfCredit) assertType<Equal<typeof error.extensions.balance, number>>();
    expect(error instanceof ClientErrorException).toBe(true);
  });

  test('fromProblemDetails with types: the union of the classes and HttpException, narrowed by instanceof', () => {
    const revived = fromProblemDetails({ type: OutOfCredit.type, title: 't', status: 403, balance: 1, accounts: [] }, { types: [OutOfCredit, Frozen] });
    assertType<Equal<typeof revived, OutOfCredit | InstanceType<typeof Frozen> | HttpException>>();
    if (revived instanceof OutOfCredit) {
      assertType<Equal<typeof revived.extensions.balance, number>>();
      assertType<Equal<typeof revived.code, 'OUT_OF_CREDIT'>>();
    } else if (revived instanceof Frozen) {
      assertType<Equal<typeof revived.extensions.until, string>>();
    } else {
      // @ts-expect-error only OutOfCredit has a typed balance
      void revived.extensions.balance.toFixed();
    }
    expect(revived).toBeInstanceOf(OutOfCredit);
    const plain = fromProblemDetails({ status: 404 });
    assertType<Equal<typeof plain, HttpException>>();
    const noTypes = fromProblemDetails({ status: 404 }, { status: 404 });
    assertType<Equal<typeof noTypes, HttpException>>();
    // @ts-expect-error types holds problem types only
    expect(() => fromProblemDetails({}, { types: [ForbiddenException] })).toThrow(TypeError);
  });

  test('fromResponse with types resolves to the same union, or undefined', async () => {
    const response = new Response(JSON.stringify({ type: OutOfCredit.type, title: 't', status: 403, balance: 1, accounts: [] }), { status: 403 });
    const revived = await fromResponse(response, { types: [OutOfCredit] });
    assertType<Equal<typeof revived, OutOfCredit | HttpException | undefined>>();
    expect(revived).toBeInstanceOf(OutOfCredit);
    const plain = await fromResponse(new Response('', { status: 404 }), { maxBytes: 10 });
    assertType<Equal<typeof plain, HttpException | undefined>>();
  });

  test('subclassing a problem type gives a named class', () => {
    class LowBalance extends OutOfCredit {}
    const low = new LowBalance('x', { extensions: { balance: 2 } });
    assertType<Equal<typeof low.extensions.balance, number>>();
    expect(low.name).toBe('LowBalance');
  });

  test('validateOrThrow resolves to the schema output type; problemFromIssues to the status class', async () => {
    const Order = z.object({ quantity: z.string().transform((text) => Number(text)) });
    const order = await validateOrThrow(Order, { quantity: '3' });
    assertType<Equal<typeof order, { quantity: number }>>();
    expect(order.quantity).toBe(3);
    const fromValibot = await validateOrThrow(v.object({ n: v.optional(v.number(), 1) }), {});
    assertType<Equal<typeof fromValibot, { n: number }>>();
    const issues: ReadonlyArray<StandardSchemaV1.Issue> = [{ message: 'Required', path: ['n'] }];
    const unprocessable = problemFromIssues(issues);
    assertType<Equal<typeof unprocessable, UnprocessableContentException>>();
    const bad = problemFromIssues(issues, { status: 400 });
    assertType<Equal<typeof bad, BadRequestException>>();
    // @ts-expect-error only 400 or 422
    expect(() => problemFromIssues(issues, { status: 409 })).toThrow(RangeError);
  });

  test('our Standard Schema types and those of @standard-schema/spec are assignable both ways', () => {
    type Ours = StandardSchemaV1<{ a: number }, { a: string }>;
    type Spec = SpecSchema<{ a: number }, { a: string }>;
    const fromSpec = (schema: Spec): Ours => schema;
    const fromOurs = (schema: Ours): Spec => schema;
    assertType<Equal<StandardSchemaV1.InferOutput<Ours>, SpecSchema.InferOutput<Spec>>>();
    expect(typeof fromSpec).toBe('function');
    expect(typeof fromOurs).toBe('function');
  });
});
