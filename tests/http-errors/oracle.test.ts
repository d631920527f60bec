/**
 * The real http-errors 2.x package as the oracle: every argument form below goes to both
 * `createError`s, and everything a program can observe of the result (own properties and
 * their order, enumerability, name, message, status, expose, instanceof, isHttpError, the
 * stack's first line, what was thrown) must be the same. Only `toJSON` differs on purpose
 * (ours is an exception of this library); see library-exceptions.test.ts.
 */
import { type HttpErrorsLike, observe, realCreateError } from './helpers/observe.js';
import ourCreateErrorTyped from '../../src/http-errors/index.js';

const ours = ourCreateErrorTyped as unknown as HttpErrorsLike;
const real = realCreateError;

type Args = (lib: HttpErrorsLike) => unknown[];

/** An `Error` with some fields already set, made fresh for each library (createError mutates it). */
function errorWith(fields: Record<string, unknown>, message = 'boom', ErrorClass: ErrorConstructor = Error): Error {
  return Object.assign(new ErrorClass(message), fields);
}

class AppError extends Error {
  code = 'E_APP';
}

const argumentForms: Array<[string, Args]> = [
  ['no arguments', () => []],
  ['status only', () => [404]],
  ['5xx status only', () => [503]],
  ['status and message', () => [404, 'No user 42']],
  ['5xx status and message', () => [500, 'database password is hunter2']],
  ['status and empty message', () => [404, '']],
  ['status, message and properties', () => [404, 'No user 42', { id: 42 }]],
  ['status, properties and message', () => [404, { id: 42 }, 'No user 42']],
  ['message then properties', () => ['LOL', { id: 1 }]],
  ['properties then message', () => [{ id: 1 }, 'LOL']],
  ['message only', () => ['LOL']],
  ['properties only', () => [{ id: 1 }]],
  ['null properties', () => [null]],
  ['status and null properties', () => [404, null]],
  ['two messages: the last wins', () => [404, 'first', 'second']],
  ['two property objects: the last wins', () => [404, { a: 1 }, { b: 2 }]],
  ['message then status: a status is only taken first', () => ['LOL', 404]],
  ['properties then status', () => [{ id: 1 }, 404]],
  ['status twice', () => [404, 500]],
  ['props with status (ignored)', () => [404, { id: 1, status: 500 }]],
  ['props with statusCode (ignored)', () => [404, { id: 1, statusCode: 500 }]],
  ['props with expose: false', () => [404, 'LOL', { expose: false }]],
  ['5xx props with expose: true', () => [500, 'visible', { expose: true }]],
  ['props with headers', () => [401, 'Who are you?', { headers: { 'WWW-Authenticate': 'Basic realm="x"', 'X-Trace': 7 } }]],
  ['props with message', () => [404, { message: 'from the properties' }]],
  ['props with name', () => [404, { name: 'CustomName' }]],
  ['props with a body-parser style type', () => [400, 'request entity too large', { type: 'entity.too.large', limit: 100, length: 200 }]],
  ['props named like problem members', () => [422, 'bad', { title: 'T', detail: 'D', instance: '/x', extensions: { a: 1 } }]],
  ['props with errors on a 400 (a getter-only member of ours)', () => [400, 'invalid', { errors: [{ detail: 'required', pointer: '#/name' }] }]],
  ['props with stack', () => [404, { stack: 'custom stack' }]],
  ['props with inherited enumerable keys', () => [404, Object.assign(Object.create({ inherited: 'yes' }) as object, { own: 1 })]],
  ['props as an array', () => [404, ['a', 'b']]],
  ['props with undefined values', () => [404, { id: undefined }]],
  ['numbers as strings are messages', () => ['404']],
  ['numbers as strings with a status', () => [404, '500']],
  ['non-error status 200', () => [200]],
  ['non-error status 300 with message', () => [300, 'choose']],
  ['non-error status 100', () => [100]],
  ['non-error status 304 with props', () => [304, { id: 1 }]],
  ['unknown non-error status 250', () => [250]],
  ['unknown 4xx 499', () => [499]],
  ['unknown 4xx 499 with message and props', () => [499, 'closed', { id: 1 }]],
  ['unknown 4xx 420 (a class of ours, not of http-errors)', () => [420]],
  ['unknown 5xx 599', () => [599]],
  ['unknown 5xx 520 with expose', () => [520, 'x', { expose: true }]],
  ['status 399', () => [399]],
  ['status 600', () => [600]],
  ['status 1000', () => [1000]],
  ['status 0', () => [0]],
  ['status -1', () => [-1]],
  ['status NaN (http-errors 2.0.1 keeps it)', () => [NaN]],
  ['status Infinity', () => [Infinity]],
  ['status -Infinity', () => [-Infinity]],
  ['fractional status 404.5', () => [404.5]],
  ['status 4e2', () => [4e2]],
  ['status -0', () => [-0]],
  ['413, whose wording differs from ours', () => [413]],
  ['418', () => [418]],
  ['422', () => [422]],
  ['511', () => [511]],
  ['an existing Error', () => [new Error('LOL')]],
  ['an existing Error with status', () => [errorWith({ status: 404 })]],
  ['an existing Error with statusCode', () => [errorWith({ statusCode: 503 })]],
  ['an existing Error with status 0 and statusCode 404', () => [errorWith({ status: 0, statusCode: 404 })]],
  ['an existing Error with a string status', () => [errorWith({ status: '404' })]],
  ['an existing Error with status -1', () => [errorWith({ status: -1 })]],
  ['an existing Error with status 200', () => [errorWith({ status: 200 })]],
  ['an existing Error with status 499', () => [errorWith({ status: 499 })]],
  ['an existing Error with expose already set', () => [errorWith({ status: 404, expose: false })]],
  ['an existing TypeError', () => [new TypeError('bad type')]],
  ['an existing subclass instance', () => [new AppError('app')]],
  ['status then an existing Error', () => [404, new Error('LOL')]],
  ['5xx status then an Error with its own status (the error wins)', () => [500, errorWith({ status: 404 })]],
  ['status, Error and properties', () => [404, new Error('LOL'), { id: 1 }]],
  ['status, Error and expose: false', () => [404, new Error('This is a test error'), { expose: false }]],
  ['an Error then properties', () => [errorWith({ status: 404 }), { id: 1 }]],
  ['an Error then a message (ignored)', () => [new Error('kept'), 'ignored']],
  ['a message then an Error', () => ['ignored', new Error('kept')]],
  ['an Error then a status', () => [new Error('x'), 404]],
  ['two Errors: the last wins', () => [new Error('first'), new Error('second')]],
  ['an error the same library made', (lib) => [lib(404)]],
  ['an error the same library made, with a status first', (lib) => [500, lib(404)]],
  ['a borrowed-constructor error of the same library', (lib) => [lib(499)]],
  ['a constructed error of the same library', (lib) => [new (lib['NotFound'] as new (m: string) => Error)('x'), { id: 1 }]],
  ['undefined', () => [undefined]],
  ['status then undefined', () => [404, undefined]],
  ['status, message, undefined', () => [404, 'x', undefined]],
  ['a boolean', () => [true]],
  ['a function', () => [() => 1]],
  ['a symbol', () => [Symbol('s')]],
  ['a bigint', () => [404n]],
  ['status and a number message', () => [404, 'x', 5]],
];

describe('createError matches http-errors 2.x for every argument form', () => {
  test.each(argumentForms)('%s', (_label, args) => {
    const actual = observe(ours, () => ours(...args(ours)));
    const expected = observe(real, () => real(...args(real)));
    expect(actual).toEqual(expected);
  });

  test('an existing error comes back as the same object, its prototype untouched', () => {
    for (const lib of [ours, real]) {
      const native = new Error('This is a test error');
      const result = lib(404, native, { expose: false }) as Error & { status: number; expose: boolean };
      expect(result).toBe(native);
      expect(Object.getPrototypeOf(result)).toBe(Error.prototype);
      expect([result.status, result.expose]).toEqual([404, false]);
    }
  });

  test('every integer status from -1 to 1000 gives the same error', () => {
    const differences: number[] = [];
    for (let status = -1; status <= 1000; status++) {
      const actual = observe(ours, () => ours(status));
      const expected = observe(real, () => real(status));
      if (JSON.stringify(actual) !== JSON.stringify(expected)) differences.push(status);
    }
    expect(differences).toEqual([]);
  });

  test('a plain Error result (non-error status) serialises like http-errors', () => {
    // Ours are exceptions of this library (problem-details toJSON); a plain Error is the same object kind in both.
    for (const args of [[200], [300, 'x'], [NaN]]) {
      expect(JSON.stringify(ours(...args))).toBe(JSON.stringify(real(...args)));
    }
  });
});

describe('the constructors match http-errors', () => {
  const codes = Object.keys(real).filter((key) => /^\d+$/.test(key));

  test('the same members, in the same order, on createError', () => {
    expect(Object.getOwnPropertyNames(ours)).toEqual(Object.getOwnPropertyNames(real));
    expect(Object.keys(ours)).toEqual(Object.keys(real));
    expect([ours.name, ours.length, typeof ours.prototype]).toEqual([real.name, real.length, typeof real.prototype]);
    expect(codes).toHaveLength(41);
  });

  test.each(codes)('new createError[%s]() and its named twin', (code) => {
    const ctor = ours[code] as Function;
    const realCtor = real[code] as Function;
    const describeCtor = (c: Function) => ({
      name: c.name,
      length: c.length,
      ownNames: Object.getOwnPropertyNames(c),
      prototypeKeys: Object.keys(c.prototype as object),
      prototypeValues: Object.keys(c.prototype as object).map((key) => (c.prototype as Record<string, unknown>)[key]),
    });
    expect(describeCtor(ctor)).toEqual(describeCtor(realCtor));
    const name = Object.keys(real).find((key) => key !== code && real[key] === realCtor) as string;
    expect(ours[name]).toBe(ctor);
    const New = (lib: HttpErrorsLike) => lib[code] as new (message?: unknown) => Error;
    const call = (lib: HttpErrorsLike) => lib[name] as (message?: unknown) => Error;
    for (const make of [
      (lib: HttpErrorsLike) => new (New(lib))(),
      (lib: HttpErrorsLike) => new (New(lib))('custom message'),
      (lib: HttpErrorsLike) => new (New(lib))(null),
      (lib: HttpErrorsLike) => new (New(lib))(''),
      (lib: HttpErrorsLike) => new (New(lib))(123),
      (lib: HttpErrorsLike) => call(lib)(),
      (lib: HttpErrorsLike) => call(lib)('called without new'),
      (lib: HttpErrorsLike) => lib(Number(code)),
    ]) {
      expect(observe(ours, () => make(ours))).toEqual(observe(real, () => make(real)));
    }
  });

  test('createError.HttpError is abstract in the same way', () => {
    const HttpError = ours.HttpError as unknown as new () => unknown;
    const RealHttpError = real.HttpError as unknown as new () => unknown;
    expect(observe(ours, () => new HttpError())).toEqual(observe(real, () => new RealHttpError()));
    expect(observe(ours, () => (HttpError as unknown as () => unknown)())).toEqual({ threw: 'TypeError: cannot construct abstract class' });
    expect(observe(real, () => (RealHttpError as unknown as () => unknown)())).toEqual({ threw: 'TypeError: cannot construct abstract class' });
    const describeCtor = (c: Function) => ({ name: c.name, length: c.length, ownNames: Object.getOwnPropertyNames(c).sort(), superIsError: (c as { super_?: unknown }).super_ === Error });
    expect(describeCtor(ours.HttpError)).toEqual(describeCtor(real.HttpError));
    expect(Object.getPrototypeOf(ours.HttpError.prototype)).toBe(Error.prototype);
    // A subclass cannot get past the abstract constructor either.
    class Sub extends (ours.HttpError as unknown as new () => object) {}
    expect(() => new Sub()).toThrow(new TypeError('cannot construct abstract class'));
  });

  test('createError.isHttpError agrees on values that are not errors of either library', () => {
    const candidates: unknown[] = [
      undefined,
      null,
      42,
      'foobar',
      {},
      new Error(),
      { status: 404, statusCode: 404, expose: true },
      Object.assign(new Error(), { status: 404, statusCode: 404, expose: true }),
      Object.assign(new Error(), { status: 404, statusCode: 404, expose: 'yes' }),
      Object.assign(new Error(), { status: 404, statusCode: 403, expose: true }),
      Object.assign(new Error(), { status: '404', statusCode: '404', expose: true }),
    ];
    expect(candidates.map((value) => ours.isHttpError(value))).toEqual(candidates.map((value) => real.isHttpError(value)));
  });

  test("each library's isHttpError accepts the other's errors (the duck-typed convention)", () => {
    expect(ours.isHttpError(real(404))).toBe(true);
    expect(real.isHttpError(ours(404))).toBe(true);
    expect(real.isHttpError(new (ours['ImATeapot'] as new () => Error)())).toBe(true);
  });
});
