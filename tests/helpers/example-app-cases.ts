/**
 * The cases every framework's example app (examples/koa.ts, hono.ts, h3.ts, hapi.ts) answers the
 * same way: its routes are the same five, so the tests are written once. Each adapter test file
 * adds what its example shows on top (h3's HTTPError, Boom, Hono without a server …).
 */
import { request } from './http-client.js';
import { expectValidProblem } from './problem-schema.js';

/** A started example server. */
export interface ExampleServer {
  readonly base: string;
  close(): Promise<void>;
}

export interface ExampleCaseOptions {
  /** Starts the example on 127.0.0.1 (port 0). */
  readonly start: () => Promise<ExampleServer>;
  /** The message the example's `onError` logs for `GET /boom`, from the base URL. */
  readonly boomLog: (base: string) => string;
  /** The `detail` of the example's 404 for an unknown path, if it sets one. */
  readonly unknownPathDetail?: string;
  /** How many times `console.error` is called for `/boom` (h3 itself logs nothing when silent). */
  readonly boomLogCalls?: number;
}

/** Registers the shared cases in the calling `describe`; returns the running example's base URL and console spy. */
export function exampleAppCases(options: ExampleCaseOptions): { base(): string; consoleError(): jest.SpyInstance } {
  let server: ExampleServer;
  let consoleError: jest.SpyInstance;

  beforeAll(async () => {
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    server = await options.start();
  });
  afterAll(async () => {
    consoleError.mockRestore();
    await server.close();
  });

  test('404 with detail', async () => {
    const res = await request(`${server.base}/users/42`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/users/42' });
    expectValidProblem(res.json);
  });

  test('429 with Retry-After', async () => {
    const res = await request(`${server.base}/search?q=x`);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('30');
    expectValidProblem(res.json);
  });

  test('422 with errors', async () => {
    const res = await request(`${server.base}/users`, { method: 'POST', body: '{"age":-1}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(422);
    expect(res.json).toEqual({
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'The user is not valid',
      instance: '/users',
      errors: [{ detail: 'must be a positive integer', pointer: '#/age' }],
    });
    expectValidProblem(res.json);
  });

  test('an unexpected Error is a plain 500, logged by onError', async () => {
    consoleError.mockClear();
    const res = await request(`${server.base}/boom`);
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/boom' });
    expect(res.text).not.toContain('hunter2');
    expect(consoleError).toHaveBeenCalledWith(options.boomLog(server.base), expect.objectContaining({ message: 'database password is hunter2' }));
    if (options.boomLogCalls !== undefined) expect(consoleError).toHaveBeenCalledTimes(options.boomLogCalls);
  });

  test('an unknown path is a 404 problem', async () => {
    const res = await request(`${server.base}/nowhere`);
    expect(res.status).toBe(404);
    const detail = options.unknownPathDetail === undefined ? {} : { detail: options.unknownPathDetail };
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, ...detail, instance: '/nowhere' });
  });

  return { base: () => server.base, consoleError: () => consoleError };
}
