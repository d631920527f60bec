/**
 * The checks every runtime passes: real HTTP requests (Node's fetch) to tests/runtimes/fixtures/app.mjs
 * served by that runtime, and the core API results it computed itself (`GET /core`).
 */
import { expectValidProblem } from '../helpers/problem-schema.js';

/** A response as these tests look at it. */
interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

async function call(base: string, path: string, method = 'GET'): Promise<Answer> {
  const response = await fetch(base + path, { method, signal: AbortSignal.timeout(5000) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Asserts a problem+json answer with exactly `body`, valid against RFC 9457's schema. */
function expectProblem(answer: Answer, status: number, body: Record<string, unknown>): void {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  const parsed: unknown = JSON.parse(answer.text);
  expect(parsed).toEqual(body);
  expectValidProblem(parsed);
}

const bare500 = (instance: string) => ({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance });

/** What `GET /core` returns on Node; every runtime must return the same. */
export const EXPECTED_CORE_CHECKS = {
  instanceof: {
    NotFoundException: true,
    ClientErrorException: true,
    HttpException: true,
    Error: true,
    ServerErrorException: false,
    isHttpException: true,
    isClientErrorException: true,
    isServerErrorException: false,
    aliasIsSameClass: true,
    name: 'NotFoundException',
    status: 404,
    statusCode: 404,
    expose: true,
    stack: 'string',
    json: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42' },
  },
  status: { NOT_FOUND: 404, phrase418: "I'm a Teapot", outOfRange: 'RangeError' },
  createHttpException: { TooManyRequestsException: true, status: 429, retryAfter: '5', detail: 'Slow down' },
  toProblemResponse: {
    status: 429,
    headers: { 'retry-after': '3', 'content-type': 'application/problem+json' },
    body: '{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"slow"}',
  },
  toProblemResponseOfUnknown: {
    status: 500,
    headers: { 'content-type': 'application/problem+json' },
    body: '{"type":"about:blank","title":"Internal Server Error","status":500}',
  },
  toProblemDetailsOfNull: { type: 'about:blank', title: 'Internal Server Error', status: 500 },
  fromResponse: {
    revived: {
      UnprocessableContentException: true,
      problem: {
        type: 'about:blank',
        title: 'Unprocessable Content',
        status: 422,
        detail: 'The user is not valid',
        instance: '/users',
        errors: [{ detail: 'must be an email address', pointer: '#/email' }],
      },
    },
    limited: { TooManyRequestsException: true, detail: 'Later', retryAfter: '7' },
    upstream5xx: { detail: 'db password x', forwarded: { type: 'about:blank', title: 'Bad Gateway', status: 502 } },
    oversized: { NotFoundException: true, detail: null },
    oversizedStream: { NotFoundException: true, detail: null, cancelled: true, fewPulls: true },
    ok: true,
  },
};

/** Declares the shared tests against the server whose base URL `base()` returns (set in beforeAll). */
export function describeFixtureApp(base: () => string): void {
  test('a NotFoundException is a 404 problem with its detail; instance is the path without the query', async () => {
    expectProblem(await call(base(), '/users/42?token=secret'), 404, { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/users/42' });
  });

  test('a TooManyRequestsException carries Retry-After', async () => {
    const answer = await call(base(), '/search');
    expectProblem(answer, 429, { type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Slow down', instance: '/search' });
    expect(answer.headers.get('retry-after')).toBe('30');
  });

  test('an UnprocessableContentException sends its errors', async () => {
    expectProblem(await call(base(), '/users', 'POST'), 422, {
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'The user is not valid',
      instance: '/users',
      errors: [{ detail: 'must be an email address', pointer: '#/email' }],
    });
  });

  test('a plain Error is a bare 500: its message never reaches the client', async () => {
    const answer = await call(base(), '/boom');
    expectProblem(answer, 500, bare500('/boom'));
    expect(answer.text).not.toContain('hunter2');
  });

  test('throw null and a thrown string are bare 500s too', async () => {
    expectProblem(await call(base(), '/null'), 500, bare500('/null'));
    expectProblem(await call(base(), '/string'), 500, bare500('/string'));
  });

  test('HEAD gets the status and headers without a body, and the Content-Length of GET', async () => {
    const answer = await call(base(), '/users/42', 'HEAD');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.text).toBe('');
    const get = await call(base(), '/users/42');
    expect(answer.headers.get('content-length')).toBe(String(new TextEncoder().encode(get.text).byteLength));
  });

  test('an unknown route is a 404 without detail', async () => {
    expectProblem(await call(base(), '/nope'), 404, { type: 'about:blank', title: 'Not Found', status: 404, instance: '/nope' });
  });

  test('the core API, run in the runtime: instanceof, guards, createHttpException, toProblemResponse, fromResponse', async () => {
    const answer = await call(base(), '/core');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual(EXPECTED_CORE_CHECKS);
  });

  test('stacks name the class; a stackless exception (captureStack: false) still has its first line as stack', async () => {
    const answer = await call(base(), '/stack');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ capturedFirstLine: 'NotFoundException: No user 42', stackless: 'NotFoundException: No user 42' });
  });
}
