/**
 * The README's code blocks are copied from the regions of this file and of examples/ by
 * `npm run generate` (see scripts/readme-snippets.ts), so every snippet compiles under
 * `tsc -p .` and runs here; tests/generated.test.ts fails when the README is stale.
 */
import { server } from '../examples/quick-start.js';
import {
  fromResponse,
  NotFoundException,
  ServiceUnavailableException,
  toProblemDetails,
  toProblemResponse,
  TooManyRequestsException,
  UnauthorizedException,
  UnprocessableContentException,
  createHttpException,
  HttpStatus,
  openApiResponses,
  problemDetailsSchema,
} from 'typed-http-exceptions';
import { createServer, type ServerResponse } from 'node:http';
import { close, listen, request } from './helpers/http-client.js';

test('quick start: the node:http example answers with problem responses', async () => {
  const base = await listen(server);
  try {
    const limited = await request(`${base}/search`);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('30');
    expect(limited.json).toEqual({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail: '10 requests a minute', instance: '/search' });
    expect((await request(`${base}/nope`)).json).toMatchObject({ status: 404, detail: 'No route for /nope' });
  } finally {
    await close(server);
  }
});

test('throwing with header options and validation errors', () => {
  const thrown: unknown[] = [];
  const attempt = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      thrown.push(error);
    }
  };
  attempt(() => {
    // #region options
    throw new UnauthorizedException('The access token expired', { wwwAuthenticate: 'Bearer realm="api", error="invalid_token"' });
    // #endregion options
  });
  attempt(() => {
    // #region options
    throw new ServiceUnavailableException('Database failover', { retryAfter: new Date(Date.now() + 60_000) });
    // #endregion options
  });
  attempt(() => {
    // #region options
    throw new UnprocessableContentException('2 fields are invalid', {
      errors: [
        { detail: 'must be a positive integer', pointer: '#/age' },
        { detail: 'must be an email address', pointer: '#/email' },
      ],
    });
    // #endregion options
  });
  expect(thrown.map((error) => toProblemResponse(error).headers)).toEqual([
    { 'www-authenticate': 'Bearer realm="api", error="invalid_token"', 'content-type': 'application/problem+json' },
    { 'retry-after': expect.stringMatching(/GMT$/), 'content-type': 'application/problem+json' },
    { 'content-type': 'application/problem+json' },
  ]);
  expect(toProblemDetails(thrown[2])['errors']).toHaveLength(2);
});

test('your own exceptions', () => {
  // #region subclass
  class UserNotFound extends NotFoundException {
    constructor(readonly userId: number) {
      super(`No user ${userId}`, { type: 'https://example.com/problems/user-not-found', extensions: { userId } });
    }
  }
  // #endregion subclass
  const error = new UserNotFound(42);
  expect(error).toBeInstanceOf(NotFoundException);
  expect(error.name).toBe('UserNotFound');
  expect(toProblemDetails(error)).toMatchObject({ type: 'https://example.com/problems/user-not-found', userId: 42 });
});

test('createHttpException', () => {
  const upstream = { status: 429 };
  // #region create
  const error = createHttpException(HttpStatus.TOO_MANY_REQUESTS, 'Slow down', { retryAfter: 5 }); // TooManyRequestsException
  const fromUpstream = createHttpException(upstream.status, 'The payment provider refused'); // HttpException (status is a number)
  // #endregion create
  expect(error).toBeInstanceOf(TooManyRequestsException);
  expect(fromUpstream).toBeInstanceOf(TooManyRequestsException);
});

test('toProblemDetails', () => {
  const results: unknown[] = [];
  // #region serialize
  results.push(toProblemDetails(new NotFoundException('No user 42'), { instance: '/users/42' }));
  // { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/users/42' }
  results.push(toProblemDetails(new Error('password=hunter2')));
  // { type: 'about:blank', title: 'Internal Server Error', status: 500 }
  // #endregion serialize
  expect(results).toEqual([
    { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/users/42' },
    { type: 'about:blank', title: 'Internal Server Error', status: 500 },
  ]);
});

test('toProblemResponse with a bare ServerResponse', async () => {
  const app = createServer((_req, res: ServerResponse) => {
    const error = new NotFoundException('No order 7');
    // #region response
    const { status, headers, body } = toProblemResponse(error, { instance: '/orders/7' });
    res.writeHead(status, headers).end(body);
    // #endregion response
  });
  const base = await listen(app);
  try {
    const res = await request(`${base}/x`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toMatchObject({ instance: '/orders/7' });
  } finally {
    await close(app);
  }
});

test('fromResponse on the client side', async () => {
  const api = createServer((_req, res) => {
    const { status, headers, body } = toProblemResponse(new TooManyRequestsException('Slow down', { retryAfter: 0 }));
    res.writeHead(status, headers).end(body);
  });
  const base = await listen(api);
  const waited: number[] = [];
  const sleep = async (ms: number) => void waited.push(ms);
  try {
    // #region client
    const response = await fetch(`${base}/search`);
    const error = await fromResponse(response);
    if (error instanceof TooManyRequestsException) await sleep(Number(error.headers['retry-after']) * 1000);
    // #endregion client
    expect(waited).toEqual([0]);
  } finally {
    await close(api);
  }
});

test('OpenAPI responses and schemas', () => {
  // #region openapi
  const operation = {
    responses: {
      '200': { description: 'The order' },
      ...openApiResponses([404, 429], { schemaRef: '#/components/schemas/ProblemDetails' }),
    },
  };
  const components = { schemas: { ProblemDetails: problemDetailsSchema } };
  // #endregion openapi
  expect(operation.responses['429'].headers['Retry-After'].example).toBe('120');
  expect(operation.responses['404'].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/ProblemDetails' });
  expect(components.schemas.ProblemDetails.properties.status.type).toBe('integer');
});
