/**
 * A handler registered where it cannot see errors warns once, naming the fix: Koa middleware
 * that is not first, an Express handler with routes registered after it.
 */
import { createServer } from 'node:http';
import express5 from 'express';
import Koa3 from 'koa';
import { NotFoundException } from 'typed-http-exceptions';
import { problemDetailsHandler } from 'typed-http-exceptions/express';
import { problemDetailsMiddleware } from 'typed-http-exceptions/koa';
import { MISPLACED_HANDLER_WARNING } from '../../src/adapters/placement-warning';
import { close, listen, request } from '../helpers/http-client';

// The npm aliases of express@4 and koa@2 have no types of their own; the API used is the same.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const express4 = require('express4') as typeof express5;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Koa2 = require('koa2') as typeof Koa3;

// Jest's sandboxed `process` does not deliver 'warning' events: watch the emitWarning calls instead.
let warnings: string[] = [];
let emitWarning: jest.SpyInstance;
beforeEach(() => {
  warnings = [];
  emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(((message: string, options?: { code?: string }) => {
    if (options?.code === MISPLACED_HANDLER_WARNING) warnings.push(message);
  }) as typeof process.emitWarning);
});
afterEach(() => emitWarning.mockRestore());
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe.each([
  ['Koa 3', Koa3],
  ['Koa 2', Koa2],
])('%s', (_name, Koa) => {
  test('registered first: no warning', async () => {
    const app = new Koa();
    app.use(problemDetailsMiddleware());
    app.use(async () => {
      throw new NotFoundException('x');
    });
    const server = createServer(app.callback());
    const base = await listen(server);
    try {
      expect((await request(`${base}/a`)).status).toBe(404);
      await settle();
      expect(warnings).toEqual([]);
    } finally {
      await close(server);
    }
  });

  test('registered second: one warning, however many requests, naming the fix; it still handles what it sees', async () => {
    const app = new Koa();
    app.use(async (_ctx, next) => next());
    app.use(problemDetailsMiddleware());
    app.use(async () => {
      throw new NotFoundException('x');
    });
    const server = createServer(app.callback());
    const base = await listen(server);
    try {
      for (let i = 0; i < 3; i++) expect((await request(`${base}/a`)).json).toMatchObject({ status: 404, detail: 'x' });
      await settle();
      expect(warnings).toEqual([
        'problemDetailsMiddleware() is middleware number 2 of the Koa app: errors thrown by the 1 before it get Koa\'s plain-text answer, not a problem. Register it first: app.use(problemDetailsMiddleware()) before any other app.use().',
      ]);
    } finally {
      await close(server);
    }
  });
});

describe.each([
  ['Express 5', express5],
  ['Express 4', express4],
])('%s', (_name, express) => {
  test('registered before the routes: the first error it sees (from body parsing) warns once, naming the fix', async () => {
    const app = express();
    app.use(express.json());
    app.use(problemDetailsHandler());
    app.post('/users', () => {
      throw new NotFoundException('never reaches the handler');
    });
    app.get('/users/:id', () => {
      throw new NotFoundException('never reaches the handler');
    });
    const server = createServer(app);
    const base = await listen(server);
    try {
      for (let i = 0; i < 2; i++) {
        const malformed = await request(`${base}/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
        expect(malformed.status).toBe(400);
        expect(malformed.headers['content-type']).toBe('application/problem+json');
      }
      await settle();
      expect(warnings).toEqual([
        "problemDetailsHandler() is registered before 2 of the app's routes or routers: their errors go to Express's default HTML handler, not to it. Register it last: app.use(problemDetailsHandler()) after every route.",
      ]);
    } finally {
      await close(server);
    }
  });

  test('registered after the routes and routers: no warning', async () => {
    const app = express();
    const router = express.Router();
    router.get('/x', () => {
      throw new NotFoundException('x');
    });
    app.use('/r', router);
    app.get('/users/:id', () => {
      throw new NotFoundException('x');
    });
    app.use(problemDetailsHandler());
    const server = createServer(app);
    const base = await listen(server);
    try {
      expect((await request(`${base}/users/1`)).status).toBe(404);
      expect((await request(`${base}/r/x`)).status).toBe(404);
      await settle();
      expect(warnings).toEqual([]);
    } finally {
      await close(server);
    }
  });
});
