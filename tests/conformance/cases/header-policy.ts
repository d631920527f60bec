import createError from 'http-errors';
import { BadRequestException, HttpException, NotFoundException, TooManyRequestsException, UnauthorizedException } from 'typed-http-exceptions';
import { expectValidProblem } from '../../helpers/problem-schema.js';
import { byteLength, fetchProblem, PROBLEM_JSON, type CaseGroup } from '../suite.js';

/**
 * Headers that describe the body or the connection, with values Node would never send by
 * itself, so any of them on the wire came from the error.
 */
const BODY_OR_CONNECTION: Readonly<Record<string, string>> = {
  trailer: 'x-checksum',
  'content-encoding': 'gzip',
  'content-range': 'bytes 0-10/20',
  'content-disposition': 'attachment; filename="x.zip"',
  'content-language': 'de',
  'content-location': '/elsewhere',
  'transfer-encoding': 'chunked',
  connection: 'x-leaked-hop',
  'keep-alive': 'timeout=99',
  upgrade: 'websocket',
  te: 'trailers',
  etag: '"abc"',
};

const COOKIES = ['a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/', 'b=2; HttpOnly'];

/** An http-errors error whose headers ask for all of BODY_OR_CONNECTION, plus one good header. */
function hostileForeignError(): Error {
  const error = createError(429, 'Slow down');
  (error as { headers?: Record<string, string> }).headers = { ...BODY_OR_CONNECTION, 'retry-after': '7' };
  return error;
}

function oversizedHeadersError(): Error {
  const error = createError(503, 'Down');
  (error as { headers?: Record<string, string> }).headers = { 'x-a': 'a'.repeat(8000), 'x-b': 'b'.repeat(8000), 'x-c': 'c'.repeat(8000), ['x-' + 'n'.repeat(300)]: 'long name' };
  return error;
}

function unreadableHeaderError(): Error {
  const headers = Object.defineProperty({ 'retry-after': '30' }, 'x-broken', {
    enumerable: true,
    get(): never {
      throw new Error('getter');
    },
  });
  return Object.assign(new Error('Slow down'), { status: 429, expose: true, headers });
}

/** The one header policy, as each adapter puts it on the wire. */
export const headerPolicy: CaseGroup = {
  name: 'header policy on the wire',
  routes: [
    {
      method: 'GET',
      path: '/headers/crlf',
      handler: () => {
        throw new HttpException(400, 'bad header', { headers: { 'x-evil': 'a\r\nSet-Cookie: pwned=1', 'x-good': 'fine' } });
      },
    },
    {
      method: 'GET',
      path: '/headers/body-or-connection-foreign',
      handler: () => {
        throw hostileForeignError();
      },
    },
    {
      method: 'GET',
      path: '/headers/body-or-connection-typed',
      handler: () => {
        throw new TooManyRequestsException('Slow down', { retryAfter: 7, headers: BODY_OR_CONNECTION });
      },
    },
    {
      method: 'GET',
      path: '/headers/set-cookie',
      handler: () => {
        throw new UnauthorizedException('Log in again', { headers: { 'set-cookie': COOKIES } });
      },
    },
    {
      method: 'GET',
      path: '/headers/oversized',
      handler: () => {
        throw oversizedHeadersError();
      },
    },
    {
      method: 'GET',
      path: '/headers/unreadable',
      handler: () => {
        throw unreadableHeaderError();
      },
    },
    {
      method: 'GET',
      path: '/headers/preset',
      // What a CORS middleware, and a route that had begun its own response, would have set.
      setHeaders: {
        'access-control-allow-origin': 'https://app.example',
        'x-request-id': 'abc',
        'content-type': 'text/html; charset=utf-8',
        'content-language': 'de',
        'content-encoding': 'gzip',
        etag: '"v1"',
        'last-modified': new Date(0).toUTCString(),
      },
      handler: () => {
        throw new BadRequestException('Missing field');
      },
    },
    {
      method: 'GET',
      path: '/headers/healthy',
      handler: () => {
        throw new NotFoundException('still here');
      },
    },
  ],
  register(suite) {
    test('a header value with CR/LF is not sent, the others are, and the server keeps serving', async () => {
      const res = await fetchProblem(`${suite.main.url}/headers/crlf`);
      expect(res.status).toBe(400);
      expect(res.headers['x-evil']).toBeUndefined();
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.headers['x-good']).toBe('fine');
      expect(res.json).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'bad header', instance: '/headers/crlf' });
      expect((await fetchProblem(`${suite.main.url}/headers/healthy`)).status).toBe(404);
    });

    test.each(['foreign', 'typed'])('headers describing the body or the connection (%s error) are never sent, and the problem still is', async (kind) => {
      const res = await fetchProblem(`${suite.main.url}/headers/body-or-connection-${kind}`);
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('7');
      expect(res.headers['content-type']).toBe(PROBLEM_JSON);
      for (const name of ['trailer', 'content-encoding', 'content-range', 'content-disposition', 'content-language', 'content-location', 'transfer-encoding', 'upgrade', 'te', 'etag']) {
        expect(res.headers[name]).toBeUndefined();
      }
      expect(res.headers['connection']).not.toBe(BODY_OR_CONNECTION['connection']);
      expect(res.headers['keep-alive']).not.toBe(BODY_OR_CONNECTION['keep-alive']);
      expect(res.headers['content-length']).toBe(byteLength(res.text));
      expect(res.json).toMatchObject({ status: 429, title: 'Too Many Requests' });
    });

    test('a set-cookie array goes out as separate header lines', async () => {
      const res = await fetchProblem(`${suite.main.url}/headers/set-cookie`);
      expect(res.status).toBe(401);
      expect(res.headers['set-cookie']).toEqual(COOKIES);
    });

    test("oversized headers are bounded so that Node's fetch still reads the response", async () => {
      const response = await fetch(`${suite.main.url}/headers/oversized`);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toBe(PROBLEM_JSON);
      expect(response.headers.get('x-a')).toBe('a'.repeat(8000));
      expect(response.headers.get('x-b')).toBeNull();
      expect(response.headers.get('x-c')).toBeNull();
      const body: unknown = await response.json();
      expectValidProblem(body);
      expect(body).toMatchObject({ status: 503 });
    });

    test('one unreadable header drops that header, not the response', async () => {
      const res = await fetchProblem(`${suite.main.url}/headers/unreadable`);
      if (suite.driver.capabilities.unreadableErrorHeaders === 'framework-500') {
        // The framework read the headers first and failed; the adapter only saw that failure.
        expect(res.status).toBe(500);
        expect(res.text).not.toContain('getter');
        return;
      }
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('30');
      expect(res.headers['x-broken']).toBeUndefined();
      expect(res.json).toMatchObject({ status: 429, detail: 'Slow down' });
    });

    if (suite.driver.capabilities.presetHeaders) {
      test('headers set before the error: CORS and the like are kept, those describing the abandoned body are removed', async () => {
        const res = await fetchProblem(`${suite.main.url}/headers/preset`);
        expect(res.status).toBe(400);
        expect(res.headers['access-control-allow-origin']).toBe('https://app.example');
        expect(res.headers['x-request-id']).toBe('abc');
        expect(res.headers['content-type']).toBe(PROBLEM_JSON);
        for (const name of ['content-language', 'content-encoding', 'etag', 'last-modified']) expect(res.headers[name]).toBeUndefined();
        expect(res.headers['content-length']).toBe(byteLength(res.text));
        expect(res.json).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Missing field', instance: '/headers/preset' });
      });
    }
  },
};
