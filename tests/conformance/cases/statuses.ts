import createError from 'http-errors';
import { NotFoundException, TooManyRequestsException, UnauthorizedException, UnprocessableContentException, UpgradeRequiredException } from 'typed-http-exceptions';
import { byteLength, fetchProblem, internalError, PROBLEM_JSON, type CaseGroup } from '../suite.js';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));
const SECRET = 'postgres://admin:hunter2@db';

/** Typed exceptions and their headers, foreign errors with a status, and unknown errors. */
export const statuses: CaseGroup = {
  name: 'statuses, headers and hidden messages',
  routes: [
    {
      method: 'GET',
      path: '/statuses/not-found',
      handler: () => {
        throw new NotFoundException('No user 42');
      },
    },
    {
      method: 'GET',
      path: '/statuses/not-found-async',
      handler: async () => {
        await tick();
        throw new NotFoundException('No order 7');
      },
    },
    {
      method: 'GET',
      path: '/statuses/rate-limited',
      handler: () => {
        throw new TooManyRequestsException('Slow down', { retryAfter: 30 });
      },
    },
    {
      method: 'POST',
      path: '/statuses/users',
      handler: async () => {
        await tick();
        throw new UnprocessableContentException('The user is not valid', { errors: [{ detail: 'must be a non-empty string', pointer: '#/name' }] });
      },
    },
    {
      method: 'GET',
      path: '/statuses/unauthorized',
      handler: () => {
        throw new UnauthorizedException('Token expired', { wwwAuthenticate: 'Bearer realm="api"' });
      },
    },
    {
      method: 'GET',
      path: '/statuses/upgrade',
      handler: () => {
        throw new UpgradeRequiredException('Use TLS', { upgrade: 'TLS/1.3' });
      },
    },
    {
      method: 'GET',
      path: '/statuses/http-errors',
      handler: () => {
        throw createError(403, 'No access to project 9');
      },
    },
    {
      method: 'GET',
      path: '/statuses/http-errors-5xx',
      handler: async () => {
        await tick();
        throw createError(503, `Database ${SECRET} is down`);
      },
    },
    {
      method: 'GET',
      path: '/statuses/error-with-status',
      handler: () => {
        throw Object.assign(new Error('I am a teapot'), { status: 418, expose: true });
      },
    },
    {
      method: 'GET',
      path: '/statuses/unknown',
      handler: () => {
        throw new Error(`connection string ${SECRET}`);
      },
    },
    {
      method: 'GET',
      path: '/statuses/unknown-async',
      handler: async () => {
        await tick();
        throw new Error(`connection string ${SECRET}`);
      },
    },
  ],
  register(suite) {
    test('404 with detail: exact body, media type and Content-Length; instance is the path without the query string', async () => {
      const res = await fetchProblem(`${suite.main.url}/statuses/not-found?token=secret`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe(PROBLEM_JSON);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/statuses/not-found' });
      expect(res.headers['content-length']).toBe(byteLength(res.text));
      expect(res.text).not.toContain('secret');
    });

    test('404 from an async route', async () => {
      const res = await fetchProblem(`${suite.main.url}/statuses/not-found-async`);
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No order 7', instance: '/statuses/not-found-async' });
    });

    test('429 with Retry-After', async () => {
      const res = await fetchProblem(`${suite.main.url}/statuses/rate-limited`);
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('30');
      expect(res.json).toEqual({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Slow down', instance: '/statuses/rate-limited' });
    });

    test('422 with errors, from an async POST route', async () => {
      const res = await fetchProblem(`${suite.main.url}/statuses/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(422);
      expect(res.json).toEqual({
        type: 'about:blank',
        title: 'Unprocessable Content',
        status: 422,
        detail: 'The user is not valid',
        instance: '/statuses/users',
        errors: [{ detail: 'must be a non-empty string', pointer: '#/name' }],
      });
    });

    test('401 with WWW-Authenticate', async () => {
      const res = await fetchProblem(`${suite.main.url}/statuses/unauthorized`);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
      expect(res.json).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Token expired', instance: '/statuses/unauthorized' });
    });

    test('426 sends Upgrade over HTTP/1.1', async () => {
      const res = await fetchProblem(`${suite.main.url}/statuses/upgrade`);
      expect(res.status).toBe(426);
      expect(res.headers['upgrade']).toBe('TLS/1.3');
      expect(res.json).toMatchObject({ status: 426, detail: 'Use TLS' });
    });

    test('an http-errors 4xx keeps its status and exposed message', async () => {
      const res = await fetchProblem(`${suite.main.url}/statuses/http-errors`);
      expect(res.status).toBe(403);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'No access to project 9', instance: '/statuses/http-errors' });
    });

    test('an http-errors 5xx keeps its status, never its message', async () => {
      const res = await fetchProblem(`${suite.main.url}/statuses/http-errors-5xx`);
      expect(res.status).toBe(503);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Service Unavailable', status: 503, instance: '/statuses/http-errors-5xx' });
      expect(res.text).not.toContain('hunter2');
    });

    test('any Error with an integer status and expose: true keeps both', async () => {
      const res = await fetchProblem(`${suite.main.url}/statuses/error-with-status`);
      expect(res.status).toBe(418);
      expect(res.json).toMatchObject({ status: 418, detail: 'I am a teapot', instance: '/statuses/error-with-status' });
    });

    test.each(['/statuses/unknown', '/statuses/unknown-async'])('a plain Error (%s) is a bare 500: no message, no stack', async (path) => {
      const res = await fetchProblem(`${suite.main.url}${path}`);
      expect(res.status).toBe(500);
      expect(res.json).toEqual(internalError(path));
      expect(res.text).not.toContain('hunter2');
      expect(res.text).not.toContain('at ');
    });

    test('an unmatched route is a 404 problem; its instance is the path, percent-encoded, without the query string', async () => {
      const res = await fetchProblem(`${suite.main.url}/statuses/no%20such/page?token=secret`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe(PROBLEM_JSON);
      expect(res.json).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404, instance: '/statuses/no%20such/page' });
      expect(res.headers['content-length']).toBe(byteLength(res.text));
      expect(res.text).not.toContain('secret');
    });
  },
};
