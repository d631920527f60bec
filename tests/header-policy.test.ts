import { createServer, type Server } from 'node:http';
import express from 'express';
import Koa from 'koa';
import fastify from 'fastify';
import createError from 'http-errors';
import {
  HttpException,
  NotFoundException,
  RangeNotSatisfiableException,
  ServiceUnavailableException,
  TooManyRequestsException,
  UnauthorizedException,
  UpgradeRequiredException,
  toProblemResponse,
} from '../src/index.js';
import { problemDetailsHandler } from '../src/adapters/express.js';
import { problemDetailsErrorHandler } from '../src/adapters/fastify.js';
import { toFetchResponse } from '../src/adapters/fetch.js';
import { problemDetailsMiddleware } from '../src/adapters/koa.js';
import { sendProblem } from '../src/adapters/node.js';
import { HEADER_LIMITS, filterHeaders } from '../src/headers/header-policy.js';
import { close, listen, request } from './helpers/http-client.js';

/** Headers that describe the body or the connection: an error may never send them. */
const BODY_OR_CONNECTION = {
  trailer: 'x-checksum',
  'content-encoding': 'gzip',
  'content-range': 'bytes 0-10/20',
  'content-disposition': 'attachment; filename="x.zip"',
  'content-language': 'de',
  'content-location': '/elsewhere',
  'transfer-encoding': 'chunked',
  connection: 'close',
  'keep-alive': 'timeout=5',
  upgrade: 'websocket',
  te: 'trailers',
  etag: '"abc"',
};

/** A foreign (http-errors style) error whose headers ask for all of the above, plus one good header. */
function hostileError(): Error {
  const error = createError(429, 'Slow down');
  (error as { headers?: Record<string, string> }).headers = { ...BODY_OR_CONNECTION, 'retry-after': '7' };
  return error;
}

type Adapter = { name: string; start(thrown: () => unknown): Promise<{ base: string; stop(): Promise<void> }> };

const ADAPTERS: Adapter[] = [
  {
    name: 'node:http',
    async start(thrown) {
      const server = createServer((_req, res) => sendProblem(res, thrown()));
      const base = await listen(server);
      return { base, stop: () => close(server) };
    },
  },
  {
    name: 'Express',
    async start(thrown) {
      const app = express();
      app.get('/x', () => {
        throw thrown();
      });
      app.use(problemDetailsHandler());
      const server: Server = createServer(app);
      const base = await listen(server);
      return { base, stop: () => close(server) };
    },
  },
  {
    name: 'Koa',
    async start(thrown) {
      const app = new Koa();
      app.use(problemDetailsMiddleware());
      app.use(() => {
        throw thrown();
      });
      const server = createServer(app.callback());
      const base = await listen(server);
      return { base, stop: () => close(server) };
    },
  },
  {
    name: 'Fastify',
    async start(thrown) {
      const app = fastify();
      app.setErrorHandler(problemDetailsErrorHandler());
      app.get('/x', async () => {
        throw thrown();
      });
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      return { base, stop: () => app.close() };
    },
  },
];

describe.each(ADAPTERS)('$name: the header policy on the wire', (adapter) => {
  test('headers that describe the body or the connection are never sent, and the problem still is', async () => {
    for (const thrown of [hostileError, () => new TooManyRequestsException('Slow down', { retryAfter: 7, headers: BODY_OR_CONNECTION })]) {
      const { base, stop } = await adapter.start(thrown);
      try {
        const response = await request(`${base}/x`);
        expect(response.status).toBe(429);
        expect(response.headers['content-type']).toBe('application/problem+json');
        expect(response.headers['retry-after']).toBe('7');
        for (const name of ['trailer', 'content-encoding', 'content-range', 'content-disposition', 'content-language', 'content-location', 'etag', 'te', 'upgrade']) {
          expect(response.headers[name]).toBeUndefined();
        }
        expect(response.headers['transfer-encoding']).toBeUndefined();
        expect(response.json).toMatchObject({ status: 429, title: 'Too Many Requests' });
      } finally {
        await stop();
      }
    }
  });

  test('a set-cookie array goes out as separate header lines', async () => {
    const cookies = ['a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/', 'b=2; HttpOnly'];
    const { base, stop } = await adapter.start(() => new UnauthorizedException('Log in again', { headers: { 'set-cookie': cookies } }));
    try {
      const response = await request(`${base}/x`);
      expect(response.status).toBe(401);
      expect(response.headers['set-cookie']).toEqual(cookies);
    } finally {
      await stop();
    }
  });

  test('oversized headers are bounded so that Node fetch still reads the response', async () => {
    const error = createError(503, 'Down');
    (error as { headers?: Record<string, string> }).headers = { 'x-a': 'a'.repeat(8000), 'x-b': 'b'.repeat(8000), 'x-c': 'c'.repeat(8000), ['x-' + 'n'.repeat(300)]: 'long name' };
    const { base, stop } = await adapter.start(() => error);
    try {
      const response = await fetch(`${base}/x`);
      expect(response.status).toBe(503);
      expect(response.headers.get('x-a')).toBe('a'.repeat(8000));
      expect(response.headers.get('x-b')).toBeNull();
      expect(response.headers.get('x-c')).toBeNull();
      expect(await response.json()).toMatchObject({ status: 503 });
    } finally {
      await stop();
    }
  });

  test('one unreadable header drops that header, not the response', async () => {
    const headers = Object.defineProperty({ 'retry-after': '30' }, 'x-broken', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });
    const error = Object.assign(new Error('Slow down'), { status: 429, expose: true, headers });
    const { base, stop } = await adapter.start(() => error);
    try {
      const response = await request(`${base}/x`);
      expect(response.status).toBe(429);
      expect(response.headers['retry-after']).toBe('30');
      expect(response.headers['x-broken']).toBeUndefined();
    } finally {
      await stop();
    }
  });
});

describe('fetch adapter: the header policy', () => {
  test('body and connection headers are dropped, set-cookie lines stay separate', async () => {
    const response = toFetchResponse(new UnauthorizedException('x', { headers: { ...BODY_OR_CONNECTION, 'set-cookie': ['a=1', 'b=2'] } }));
    expect(response.status).toBe(401);
    for (const name of Object.keys(BODY_OR_CONNECTION)) expect(response.headers.get(name)).toBeNull();
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.json()).toMatchObject({ status: 401 });
  });
});

describe('filterHeaders: one owner for header rules', () => {
  test('a header that is only forbidden in general is kept on the status that needs it', () => {
    expect(new RangeNotSatisfiableException('x', { completeLength: 20 }).headers).toEqual({ 'content-range': 'bytes */20' });
    expect(new UpgradeRequiredException('x', { upgrade: 'TLS/1.3' }).headers).toEqual({ upgrade: 'TLS/1.3' });
    expect(filterHeaders({ 'content-range': 'bytes */20', upgrade: 'h2c' }, 404)).toEqual({});
  });

  test('a Proxy or revoked Proxy of headers drops what it cannot give', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(filterHeaders(revoked.proxy, 500)).toEqual({});
    const trap = new Proxy({ 'retry-after': '5', 'x-a': '1' }, {
      get(target, key) {
        if (key === 'x-a') throw new Error('trap');
        return Reflect.get(target, key);
      },
    });
    expect(filterHeaders(trap, 429)).toEqual({ 'retry-after': '5' });
  });

  test('a million unsendable headers: only a bounded number of them is read', () => {
    let reads = 0;
    const many: Record<string, string> = {};
    for (let i = 0; i < 1_000_000; i++) many[`bad header ${i}`] = 'x';
    const counting = new Proxy(many, {
      get(target, key) {
        reads++;
        return Reflect.get(target, key);
      },
    });
    const response = toProblemResponse(Object.assign(new Error('x'), { status: 400, headers: counting }));
    expect(response.status).toBe(400);
    expect(reads).toBeLessThanOrEqual(HEADER_LIMITS.visited);
    expect(Object.keys(response.headers)).toEqual(['content-type']);
  });

  test('a set-cookie array keeps at most HEADER_LIMITS.cookies sendable lines, each its own', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `c${i}=${i}`);
    expect(filterHeaders({ 'set-cookie': [...lines, 'bad=\r\nx'] }, 401)['set-cookie']).toEqual(lines.slice(0, HEADER_LIMITS.cookies));
    expect(filterHeaders({ 'set-cookie': ['bad=\r\nx', 'ok=1'] }, 401)).toEqual({ 'set-cookie': 'ok=1' });
  });

  test('header names over the bound and values with CR/LF are dropped', () => {
    expect(filterHeaders({ ['x'.repeat(HEADER_LIMITS.name + 1)]: '1', 'x-ok': '1', 'x-crlf': 'a\r\nb' }, 400)).toEqual({ 'x-ok': '1' });
  });

  test('the total size of an error\'s headers is bounded', () => {
    const headers = filterHeaders(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`x-${i}`, 'v'.repeat(1000)])), 500);
    const total = Object.entries(headers).reduce((sum, [name, value]) => sum + name.length + String(value).length + 4, 0);
    expect(total).toBeLessThanOrEqual(HEADER_LIMITS.totalBytes);
    expect(Object.keys(headers).length).toBeGreaterThan(0);
  });
});

describe('typed header options are checked at run time', () => {
  test('an option on a class that does not take it is a TypeError', () => {
    const options = { retryAfter: 30 } as never;
    expect(() => new NotFoundException('x', options)).toThrow(TypeError);
    expect(() => new NotFoundException('x', options)).toThrow('options.retryAfter is not an option of a 404 exception (it is taken by 413, 429, 503)');
    expect(() => new HttpException(404, 'x', options)).toThrow(TypeError);
    expect(() => new UnauthorizedException('x', { allow: ['GET'] } as never)).toThrow(TypeError);
    expect(new HttpException(429, 'x', { retryAfter: 30 } as never).headers).toEqual({ 'retry-after': '30' });
  });

  test('Retry-After is digits or an IMF-fixdate with a four-digit year; anything else is a RangeError', () => {
    expect(() => new TooManyRequestsException('x', { retryAfter: 1e21 })).toThrow(RangeError);
    expect(() => new TooManyRequestsException('x', { retryAfter: Number.MAX_SAFE_INTEGER + 2 })).toThrow(RangeError);
    expect(() => new ServiceUnavailableException('x', { retryAfter: new Date(Date.UTC(10000, 0, 1)) })).toThrow(RangeError);
    expect(() => new ServiceUnavailableException('x', { retryAfter: new Date(Date.UTC(999, 0, 1)) })).toThrow(RangeError);
    expect(new TooManyRequestsException('x', { retryAfter: Number.MAX_SAFE_INTEGER }).headers['retry-after']).toBe(String(Number.MAX_SAFE_INTEGER));
    expect(new ServiceUnavailableException('x', { retryAfter: new Date(Date.UTC(9999, 11, 31)) }).headers['retry-after']).toBe('Fri, 31 Dec 9999 00:00:00 GMT');
    for (const value of [0, 1.5, 86400, 1e15]) {
      expect(new TooManyRequestsException('x', { retryAfter: value }).headers['retry-after']).toMatch(/^\d+$/);
    }
  });
});
