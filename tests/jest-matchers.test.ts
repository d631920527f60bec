/**
 * `typed-http-exceptions/jest`: both matchers, passing and failing, with `.not`, with
 * promises, and the exact failure messages (ANSI colours stripped). The calls below also
 * type-check only because of the matchers' declarations (`tsc -p .` covers this file).
 */
import createError from 'http-errors';
import {
  ClientErrorException,
  ConflictException,
  ContentTooLargeException,
  createHttpException,
  HttpException,
  MethodNotAllowedException,
  NotFoundException,
  PayloadTooLargeException,
  ServerErrorException,
  TooManyRequestsException,
  UnprocessableContentException,
  toProblemDetails,
  toProblemResponse,
} from '../src/index.js';
import { matchers, toBeProblemDetails, toThrowHttpException, type HttpExceptionExpectation } from '../src/testing/jest.js';

expect.extend(matchers);

const ANSI = /\u001b\[[0-9;]*m/g;
const plain = (text: string): string => text.replace(ANSI, '');

/** The failure message of an assertion that must fail, without colours. */
function failureOf(assertion: () => unknown): string {
  try {
    assertion();
  } catch (error) {
    return plain((error as Error).message);
  }
  throw new Error('expected the assertion to fail, but it passed');
}

async function asyncFailureOf(assertion: () => Promise<unknown>): Promise<string> {
  try {
    await assertion();
  } catch (error) {
    return plain((error as Error).message);
  }
  throw new Error('expected the assertion to fail, but it passed');
}

const throwing = (value: unknown) => (): never => {
  throw value;
};
const notFound = () => new NotFoundException('No user 42');

describe('exports', () => {
  test('matchers holds both functions, also exported one by one', () => {
    expect(matchers).toEqual({ toThrowHttpException, toBeProblemDetails });
    expect(Object.keys(matchers).sort()).toEqual(['toBeProblemDetails', 'toThrowHttpException']);
  });
});

describe('toThrowHttpException: passing', () => {
  test('by class, including base classes and renamed aliases', () => {
    expect(throwing(notFound())).toThrowHttpException(NotFoundException);
    expect(throwing(notFound())).toThrowHttpException(ClientErrorException);
    expect(throwing(notFound())).toThrowHttpException(HttpException);
    expect(throwing(new ContentTooLargeException())).toThrowHttpException(PayloadTooLargeException);
    expect(throwing(createHttpException(404))).toThrowHttpException(NotFoundException);
  });

  test('by status code, and with no first argument for any HttpException', () => {
    expect(throwing(notFound())).toThrowHttpException(404);
    expect(throwing(new HttpException(599))).toThrowHttpException(599);
    expect(throwing(notFound())).toThrowHttpException();
    expect(throwing(notFound())).toThrowHttpException(undefined, { detail: 'No user 42' });
  });

  test('an exception from another copy of the package (instanceof across copies)', () => {
    let other: typeof import('../src/index.js') | undefined;
    jest.isolateModules(() => {
      other = require('../src/index.js') as typeof import('../src/index.js');
    });
    if (other === undefined) throw new Error('isolateModules did not run');
    expect(other.NotFoundException).not.toBe(NotFoundException);
    const foreign = new other.NotFoundException('No user 42');
    expect(throwing(foreign)).toThrowHttpException(NotFoundException, { detail: 'No user 42' });
    expect(throwing(foreign)).toThrowHttpException(404);
    expect(throwing(foreign)).not.toThrowHttpException(ConflictException);
  });

  test('detail as a string, a RegExp (global flag too) or an asymmetric matcher', () => {
    expect(throwing(notFound())).toThrowHttpException(NotFoundException, { detail: 'No user 42' });
    expect(throwing(notFound())).toThrowHttpException(NotFoundException, { detail: /user 42$/ });
    const global = /user/g;
    expect(throwing(notFound())).toThrowHttpException(404, { detail: global });
    expect(throwing(notFound())).toThrowHttpException(404, { detail: global });
    expect(throwing(notFound())).toThrowHttpException(404, { detail: expect.stringContaining('42') });
  });

  test('title, type and instance', () => {
    const error = new HttpException(409, 'Order 7 was already shipped', {
      title: 'Already shipped',
      type: 'https://example.com/problems/shipped',
      instance: '/orders/7',
    });
    expect(throwing(error)).toThrowHttpException(409, {
      title: 'Already shipped',
      type: /problems\/shipped$/,
      instance: '/orders/7',
    });
    expect(throwing(notFound())).toThrowHttpException(404, { title: 'Not Found', type: 'about:blank', instance: undefined });
  });

  test('headers: a subset, names in any case, undefined for "absent"', () => {
    const error = new TooManyRequestsException('Slow down', { retryAfter: 30, headers: { 'X-Request-Id': 'abc' } });
    expect(throwing(error)).toThrowHttpException(TooManyRequestsException, { headers: { 'retry-after': '30' } });
    expect(throwing(error)).toThrowHttpException(429, { headers: { 'Retry-After': '30', 'x-request-id': expect.any(String) } });
    expect(throwing(error)).toThrowHttpException(429, { headers: { 'x-request-id': /^a/, allow: undefined } });
    expect(throwing(new MethodNotAllowedException(undefined, { allow: ['GET', 'HEAD'] }))).toThrowHttpException(405, {
      headers: { allow: 'GET, HEAD' },
    });
  });

  test('extensions: a subset, recursively, with asymmetric matchers', () => {
    const error = new UnprocessableContentException('2 fields are invalid', {
      errors: [
        { detail: 'must be a positive integer', pointer: '#/age' },
        { detail: 'must be an email address', pointer: '#/email' },
      ],
      extensions: { requestId: 'r-1', retryable: false },
    });
    expect(throwing(error)).toThrowHttpException(422, { extensions: { requestId: 'r-1' } });
    expect(throwing(error)).toThrowHttpException(422, {
      extensions: { errors: [{ pointer: '#/age' }, expect.objectContaining({ detail: expect.stringMatching(/email/) })] },
    });
  });

  test('promises: .rejects passes the rejection reason itself', async () => {
    await expect(Promise.reject(notFound())).rejects.toThrowHttpException(NotFoundException);
    await expect(Promise.reject(notFound())).rejects.toThrowHttpException(404, { detail: /42/ });
    const getUser = async (id: number): Promise<never> => {
      throw new NotFoundException(`No user ${id}`);
    };
    await expect(getUser(7)).rejects.toThrowHttpException(NotFoundException, { detail: 'No user 7' });
    await expect(getUser(7)).rejects.not.toThrowHttpException(ConflictException);
    await expect(Promise.reject(new TypeError('boom'))).rejects.not.toThrowHttpException();
    await expect(Promise.reject('a string')).rejects.not.toThrowHttpException();
  });

  test('.not passes for nothing thrown, another class, another status, another value', () => {
    expect(() => undefined).not.toThrowHttpException();
    expect(throwing(notFound())).not.toThrowHttpException(ConflictException);
    expect(throwing(notFound())).not.toThrowHttpException(ServerErrorException);
    expect(throwing(notFound())).not.toThrowHttpException(409);
    expect(throwing(notFound())).not.toThrowHttpException(404, { detail: 'No user 41' });
    expect(throwing(new Error('plain'))).not.toThrowHttpException();
    expect(throwing(createError(404, 'Nope'))).not.toThrowHttpException(404);
  });
});

describe('toThrowHttpException: failure messages', () => {
  test('nothing thrown', () => {
    expect(failureOf(() => expect(() => undefined).toThrowHttpException(NotFoundException))).toBe(
      'expect(received).toThrowHttpException(expected)\n\nExpected: NotFoundException\nReceived function did not throw',
    );
  });

  test('an async function called without .rejects gets a hint', () => {
    const message = failureOf(() => expect(async () => Promise.reject(notFound())).toThrowHttpException(404));
    expect(message).toBe(
      'expect(received).toThrowHttpException(expected)\n\n' +
        'Expected: HttpException with status 404 Not Found\n' +
        'Received function did not throw\n\n' +
        'The function returned a promise. For a rejection, use:\n' +
        '  await expect(promise).rejects.toThrowHttpException(…)',
    );
  });

  test('a non-HttpException thrown: says what it was', () => {
    expect(failureOf(() => expect(throwing(new TypeError('boom'))).toThrowHttpException(NotFoundException))).toBe(
      'expect(received).toThrowHttpException(expected)\n\nExpected: NotFoundException\nReceived: [TypeError: boom] (not an HttpException)',
    );
    expect(failureOf(() => expect(throwing('just a string')).toThrowHttpException())).toBe(
      'expect(received).toThrowHttpException()\n\nExpected: an HttpException\nReceived: "just a string" (not an HttpException)',
    );
    expect(failureOf(() => expect(throwing(createError(404, 'Nope'))).toThrowHttpException(404))).toBe(
      'expect(received).toThrowHttpException(expected)\n\n' +
        'Expected: HttpException with status 404 Not Found\n' +
        'Received: [NotFoundError: Nope] (has status 404 but is not an HttpException)',
    );
  });

  test('wrong class', () => {
    expect(failureOf(() => expect(throwing(new ConflictException('Order 7 was already shipped'))).toThrowHttpException(NotFoundException))).toBe(
      'expect(received).toThrowHttpException(expected)\n\n' +
        'Expected: NotFoundException\n' +
        'Received: ConflictException (409): "Order 7 was already shipped"',
    );
  });

  test('wrong status; an exception without detail', () => {
    expect(failureOf(() => expect(throwing(new ConflictException())).toThrowHttpException(404))).toBe(
      'expect(received).toThrowHttpException(expected)\n\nExpected: HttpException with status 404 Not Found\nReceived: ConflictException (409)',
    );
    expect(failureOf(() => expect(throwing(new ConflictException())).toThrowHttpException(470))).toContain(
      'Expected: HttpException with status 470\n',
    );
  });

  test('wrong detail, as a string and as a RegExp', () => {
    expect(failureOf(() => expect(throwing(notFound())).toThrowHttpException(NotFoundException, { detail: 'No user 41' }))).toBe(
      'expect(received).toThrowHttpException(expected, details)\n\n' +
        'Expected: NotFoundException\n' +
        'Received: NotFoundException (404): "No user 42"\n\n' +
        'Expected detail: "No user 41"\n' +
        'Received detail: "No user 42"',
    );
    expect(failureOf(() => expect(throwing(new NotFoundException())).toThrowHttpException(404, { detail: /user/ }))).toBe(
      'expect(received).toThrowHttpException(expected, details)\n\n' +
        'Expected: HttpException with status 404 Not Found\n' +
        'Received: NotFoundException (404)\n\n' +
        'Expected detail: /user/\n' +
        'Received detail: undefined',
    );
  });

  test('wrong class and wrong members together: every mismatch is listed', () => {
    const error = new TooManyRequestsException('Slow down', { retryAfter: 5, extensions: { limit: 10 } });
    const expected: HttpExceptionExpectation = { title: 'Slow', headers: { 'Retry-After': '3' }, extensions: { limit: 20 } };
    expect(failureOf(() => expect(throwing(error)).toThrowHttpException(ConflictException, expected))).toBe(
      'expect(received).toThrowHttpException(expected, details)\n\n' +
        'Expected: ConflictException\n' +
        'Received: TooManyRequestsException (429): "Slow down"\n\n' +
        'Expected title: "Slow"\n' +
        'Received title: "Too Many Requests"\n\n' +
        'Expected headers: {"Retry-After": "3"}\n' +
        'Received headers: {"retry-after": "5"}\n\n' +
        'Expected extensions: {"limit": 20}\n' +
        'Received extensions: {"limit": 10}',
    );
  });

  test('a header expected absent', () => {
    const message = failureOf(() =>
      expect(throwing(new TooManyRequestsException(undefined, { retryAfter: 5 }))).toThrowHttpException(429, { headers: { 'retry-after': undefined } }),
    );
    expect(message).toContain('Expected headers: {"retry-after": undefined}\nReceived headers: {"retry-after": "5"}');
  });

  test('.not', () => {
    expect(failureOf(() => expect(throwing(notFound())).not.toThrowHttpException(NotFoundException))).toBe(
      'expect(received).not.toThrowHttpException(expected)\n\nExpected: not NotFoundException\nReceived: NotFoundException (404): "No user 42"',
    );
    expect(failureOf(() => expect(throwing(notFound())).not.toThrowHttpException(404, { detail: /42/ }))).toBe(
      'expect(received).not.toThrowHttpException(expected, details)\n\n' +
        'Expected: not HttpException with status 404 Not Found matching {"detail": /42/}\n' +
        'Received: NotFoundException (404): "No user 42"',
    );
    expect(failureOf(() => expect(throwing(notFound())).not.toThrowHttpException())).toBe(
      'expect(received).not.toThrowHttpException()\n\nExpected: not an HttpException\nReceived: NotFoundException (404): "No user 42"',
    );
  });

  test('.rejects', async () => {
    expect(await asyncFailureOf(() => expect(Promise.reject(new ConflictException('x'))).rejects.toThrowHttpException(404))).toBe(
      'expect(received).rejects.toThrowHttpException(expected)\n\nExpected: HttpException with status 404 Not Found\nReceived: ConflictException (409): "x"',
    );
    expect(await asyncFailureOf(() => expect(Promise.reject(new TypeError('boom'))).rejects.toThrowHttpException(NotFoundException))).toBe(
      'expect(received).rejects.toThrowHttpException(expected)\n\nExpected: NotFoundException\nReceived: [TypeError: boom] (not an HttpException)',
    );
    expect(await asyncFailureOf(() => expect(Promise.reject(notFound())).rejects.not.toThrowHttpException(404))).toBe(
      'expect(received).rejects.not.toThrowHttpException(expected)\n\nExpected: not HttpException with status 404 Not Found\nReceived: NotFoundException (404): "No user 42"',
    );
    // A promise that resolves: Jest's own .rejects reports it.
    expect(await asyncFailureOf(() => expect(Promise.resolve(1)).rejects.toThrowHttpException(404))).toContain('Received promise resolved instead of rejected');
  });

  test('a non-function without .rejects is a matcher error, even under .not', () => {
    expect(failureOf(() => expect(notFound()).toThrowHttpException(404))).toBe(
      'expect(received).toThrowHttpException(expected)\n\n' +
        'Matcher error: received value must be a function\n\n' +
        'Received has type:  object\n' +
        'Received has value: [NotFoundException: No user 42]',
    );
    const promise = Promise.reject(notFound());
    promise.catch(() => undefined);
    expect(failureOf(() => expect(promise).not.toThrowHttpException(404))).toBe(
      'expect(received).not.toThrowHttpException(expected)\n\n' +
        'Matcher error: received value must be a function\n\n' +
        'Received has type:  object\n' +
        'Received has value: Promise {}\n\n' +
        'For a promise, use:\n' +
        '  await expect(promise).rejects.toThrowHttpException(…)',
    );
  });

  test('bad arguments are matcher errors', () => {
    // @ts-expect-error a status is a number, not a string
    expect(failureOf(() => expect(throwing(notFound())).toThrowHttpException('404'))).toBe(
      'expect(received).toThrowHttpException(expected)\n\n' +
        'Matcher error: expected value must be an HttpException class, an integer status code or undefined\n\n' +
        'Expected has type:  string\n' +
        'Expected has value: "404"',
    );
    expect(failureOf(() => expect(throwing(notFound())).toThrowHttpException(404.5))).toContain('expected value must be an HttpException class');
    // @ts-expect-error an arrow function is not a class
    expect(failureOf(() => expect(throwing(notFound())).toThrowHttpException(() => NotFoundException))).toContain('expected value must be an HttpException class');
    // @ts-expect-error a typo in the details is caught by the types, and at run time
    expect(failureOf(() => expect(throwing(notFound())).toThrowHttpException(404, { detial: 'x' }))).toContain(
      'Matcher error: details has unknown member "detial" (known: detail, title, type, instance, headers, extensions)',
    );
    // @ts-expect-error headers is an object
    expect(failureOf(() => expect(throwing(notFound())).toThrowHttpException(404, { headers: 'x' }))).toContain(
      'Matcher error: details member "headers" must be an object',
    );
  });
});

describe('toBeProblemDetails: passing', () => {
  const error = new NotFoundException('No user 42', { instance: '/users/42' });

  test('a problem object, its JSON, toJSON(), toProblemDetails()', () => {
    expect(error.toJSON()).toBeProblemDetails();
    expect(toProblemDetails(error)).toBeProblemDetails({ status: 404, detail: 'No user 42' });
    expect(JSON.stringify(error)).toBeProblemDetails({ title: 'Not Found', instance: '/users/42' });
    expect(Buffer.from(JSON.stringify(error))).toBeProblemDetails({ status: 404 });
    expect({ title: 'Teapot', status: 418 }).toBeProblemDetails();
    expect(toProblemDetails(new Error('secret'))).toBeProblemDetails({ status: 500, detail: undefined });
  });

  test('expected is a partial problem, with asymmetric matchers and extension members', () => {
    const invalid = new UnprocessableContentException('1 field is invalid', { errors: [{ detail: 'must be an email address', pointer: '#/email' }] });
    expect(invalid.toJSON()).toBeProblemDetails({
      status: 422,
      detail: expect.stringContaining('invalid'),
      errors: [expect.objectContaining({ pointer: '#/email' })],
    });
    expect(invalid.toJSON()).toBeProblemDetails({ type: expect.any(String) });
  });

  test('what toProblemResponse returns', () => {
    expect(toProblemResponse(error)).toBeProblemDetails({ status: 404, detail: 'No user 42' });
    expect(toProblemResponse(new TooManyRequestsException('Slow down', { retryAfter: 3 }))).toBeProblemDetails({ status: 429 });
  });

  test('supertest, fastify.inject and fetch-ish responses', () => {
    const text = JSON.stringify(error);
    // supertest: status, headers (lower-case, with charset), text and a parsed body.
    expect({ status: 404, headers: { 'content-type': 'application/problem+json; charset=utf-8' }, text, body: JSON.parse(text) as unknown }).toBeProblemDetails({
      status: 404,
    });
    // fastify.inject (light-my-request): statusCode, headers, body as a string.
    expect({ statusCode: 404, headers: { 'Content-Type': 'Application/Problem+JSON' }, body: text }).toBeProblemDetails({ detail: 'No user 42' });
    // a fetch Headers object, a parsed body, an array-valued header.
    expect({ status: 404, headers: new Headers({ 'content-type': 'application/problem+json' }), body: JSON.parse(text) as unknown }).toBeProblemDetails();
    expect({ status: 404, headers: { 'content-type': ['application/problem+json'] }, body: text }).toBeProblemDetails();
  });

  test('.not passes for what is not problem details', () => {
    expect({ message: 'Not found' }).not.toBeProblemDetails();
    expect('not json').not.toBeProblemDetails();
    expect([]).not.toBeProblemDetails();
    expect(null).not.toBeProblemDetails();
    expect(error).not.toBeProblemDetails();
    expect({ ...toProblemResponse(error), headers: { 'content-type': 'application/json' } }).not.toBeProblemDetails();
    expect(error.toJSON()).not.toBeProblemDetails({ status: 500 });
    expect(error.toJSON()).not.toBeProblemDetails({ detail: undefined });
  });

  test('as an asymmetric matcher', () => {
    const payload = { ok: false, problem: error.toJSON() };
    expect(payload).toEqual({ ok: false, problem: expect.toBeProblemDetails({ status: 404 }) });
    expect({ problem: { message: 'x' } }).toEqual({ problem: expect.not.toBeProblemDetails() });
    const log = jest.fn();
    log(JSON.stringify(error));
    expect(log).toHaveBeenCalledWith(expect.toBeProblemDetails({ detail: 'No user 42' }));
  });
});

describe('toBeProblemDetails: failure messages', () => {
  test('every member violation is listed', () => {
    expect(failureOf(() => expect({ type: 'not a uri', title: 42, status: '404', detail: 7, instance: 3 }).toBeProblemDetails())).toBe(
      'expect(received).toBeProblemDetails()\n\n' +
        'Received value is not RFC 9457 problem details:\n' +
        '  - "type" must be a URI reference (RFC 3986), received "not a uri"\n' +
        '  - "instance" must be a string, received 3\n' +
        '  - "title" must be a string, received 42\n' +
        '  - "status" must be an integer 100-599, received "404"\n' +
        '  - "detail" must be a string, received 7\n\n' +
        'Received: {"detail": 7, "instance": 3, "status": "404", "title": 42, "type": "not a uri"}',
    );
  });

  test('missing title and status; status out of range', () => {
    expect(failureOf(() => expect({ message: 'Not found' }).toBeProblemDetails())).toContain('  - "title" is missing\n  - "status" is missing\n');
    expect(failureOf(() => expect({ title: 'x', status: 600 }).toBeProblemDetails())).toContain('  - "status" must be an integer 100-599, received 600\n');
    expect(failureOf(() => expect({ title: 'x', status: 404.5 }).toBeProblemDetails())).toContain('received 404.5');
  });

  test('not JSON, not an object, an Error', () => {
    expect(failureOf(() => expect('not json').toBeProblemDetails())).toMatch(
      /^expect\(received\)\.toBeProblemDetails\(\)\n\nReceived value is not RFC 9457 problem details:\n {2}- received value is not valid JSON \(.+\)\n\nReceived: "not json"$/,
    );
    expect(failureOf(() => expect('[1]').toBeProblemDetails())).toContain('  - received value must be a JSON object, received an array\n');
    expect(failureOf(() => expect(404).toBeProblemDetails())).toContain('  - a problem must be a JSON object, received a number (404)\n');
    expect(failureOf(() => expect(new NotFoundException('x')).toBeProblemDetails())).toContain(
      '  - received NotFoundException, an Error object, not a problem body (serialise it first: toProblemDetails(error) or error.toJSON())\n',
    );
  });

  test('responses: content-type, body and status checks', () => {
    const { body } = toProblemResponse(notFound());
    expect(failureOf(() => expect({ status: 404, headers: { 'content-type': 'application/json' }, body }).toBeProblemDetails())).toBe(
      'expect(received).toBeProblemDetails()\n\n' +
        'Received value is not RFC 9457 problem details:\n' +
        '  - response content-type is "application/json", expected application/problem+json\n\n' +
        String.raw`Received: {"body": "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"No user 42\"}", "headers": {"content-type": "application/json"}, "status": 404}`,
    );
    expect(failureOf(() => expect({ status: 500, headers: {}, body }).toBeProblemDetails())).toContain(
      '  - response has no content-type header (expected application/problem+json)\n' +
        '  - body "status" 404 differs from the response status 500\n',
    );
    expect(failureOf(() => expect({ status: 404, headers: { 'content-type': 'application/problem+json' }, body: '<html>' }).toBeProblemDetails())).toContain(
      '  - response body is not valid JSON (',
    );
    expect(failureOf(() => expect({ status: 'x', headers: { 'content-type': 'application/problem+json' }, body: undefined }).toBeProblemDetails())).toContain(
      '  - response status must be an integer 100-599, received "x"\n' + '  - response body must be a problem object or its JSON, received undefined\n',
    );
  });

  test('a problem that does not match expected: a diff of the members named', () => {
    expect(failureOf(() => expect(toProblemResponse(notFound())).toBeProblemDetails({ status: 409, detail: expect.stringContaining('order') }))).toBe(
      'expect(received).toBeProblemDetails(expected)\n\n' +
        'The problem details do not match:\n\n' +
        '- Expected  - 2\n' +
        '+ Received  + 2\n\n' +
        '  Object {\n' +
        '-   "detail": StringContaining "order",\n' +
        '-   "status": 409,\n' +
        '+   "detail": "No user 42",\n' +
        '+   "status": 404,\n' +
        '  }',
    );
  });

  test('.not', () => {
    expect(failureOf(() => expect(notFound().toJSON()).not.toBeProblemDetails())).toBe(
      'expect(received).not.toBeProblemDetails()\n\n' +
        'Expected: not RFC 9457 problem details\n' +
        'Received: {"detail": "No user 42", "status": 404, "title": "Not Found", "type": "about:blank"}',
    );
    expect(failureOf(() => expect(notFound().toJSON()).not.toBeProblemDetails({ status: 404 }))).toBe(
      'expect(received).not.toBeProblemDetails(expected)\n\n' +
        'Expected: not problem details matching {"status": 404}\n' +
        'Received: {"detail": "No user 42", "status": 404, "title": "Not Found", "type": "about:blank"}',
    );
  });

  test('a fetch Response and a bad expected are matcher errors', () => {
    expect(failureOf(() => expect(new Response('{}', { status: 404 })).toBeProblemDetails())).toBe(
      'expect(received).toBeProblemDetails()\n\n' +
        'Matcher error: received value is a fetch Response, whose body can only be read asynchronously\n\n' +
        'Pass what you read from it instead:\n' +
        '  expect({ status: res.status, headers: res.headers, body: await res.text() }).toBeProblemDetails(…)',
    );
    // @ts-expect-error expected is a partial problem object
    expect(failureOf(() => expect(notFound().toJSON()).toBeProblemDetails(404))).toContain(
      'Matcher error: expected value must be an object (a partial problem) or undefined',
    );
  });
});

describe('types', () => {
  test('the matchers return what .rejects needs', async () => {
    const viaRejects: Promise<void> = expect(Promise.reject(notFound())).rejects.toThrowHttpException(404);
    await viaRejects;
    const sync: void = expect(throwing(notFound())).toThrowHttpException(NotFoundException);
    expect(sync).toBeUndefined();
  });
});
