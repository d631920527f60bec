/**
 * recordProblem from the onError hook of a real Express 5 server: one SERVER span per request,
 * made active for the request's whole async chain, exported by the real SDK after real HTTP
 * requests.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer, type Server } from 'node:http';
import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type ContextManager } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import express from 'express';
import { NotFoundException, ServiceUnavailableException, toProblemDetails } from 'typed-http-exceptions';
import { problemDetailsHandler } from 'typed-http-exceptions/express';
import { recordProblem } from '../../src/opentelemetry/index.js';
import { close, listen, request } from '../helpers/http-client.js';

/**
 * Context propagation through AsyncLocalStorage, so that `trace.getActiveSpan()` in the error
 * handler still sees the request's span after an `await` (what @opentelemetry/context-async-hooks
 * provides in an application).
 */
class AsyncLocalContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.storage.run(ctx, () => fn.apply(thisArg, args));
  }
  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const manager = this;
    return function (this: unknown, ...args: unknown[]) {
      return manager.with(ctx, () => (target as (...a: unknown[]) => unknown).apply(this, args));
    } as T;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.storage.disable();
    return this;
  }
}

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('express.test');

function createApp(): express.Express {
  const app = express();
  app.set('env', 'test');
  // One SERVER span per request, active for everything the request runs, ended with the response.
  app.use((req, res, next) => {
    const span = tracer.startSpan(`${req.method} ${req.path}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': req.path } });
    res.once('close', () => span.end());
    context.with(trace.setSpan(context.active(), span), next);
  });
  app.get('/ok', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/users/:id', (req) => {
    throw new NotFoundException(`No user ${req.params.id}`);
  });
  app.get('/report', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    throw new Error('connect postgres://report:s3cr3t@db.internal/reports refused');
  });
  app.get('/maintenance', async () => {
    await Promise.resolve();
    throw new ServiceUnavailableException('Down for maintenance until 14:00 UTC', { expose: true, retryAfter: 600 });
  });
  app.get('/thrown-string', () => {
    throw 'plain string';
  });
  // #region opentelemetry
  app.use(
    problemDetailsHandler({
      onError: (error) => recordProblem(trace.getActiveSpan(), error, toProblemDetails(error)),
    }),
  );
  // #endregion opentelemetry
  return app;
}

let server: Server;
let base: string;

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalContextManager());
  server = createServer(createApp());
  base = await listen(server);
});

afterAll(async () => {
  await close(server);
  await provider.shutdown();
  context.disable();
});

/** Requests `path` and waits (up to a second) for its span to be exported. */
async function requestAndSpan(path: string): Promise<{ status: number; text: string; span: ReadableSpan }> {
  const response = await request(`${base}${path}`);
  const name = `GET ${path}`;
  for (let i = 0; i < 100; i++) {
    const span = exporter.getFinishedSpans().find((finished) => finished.name === name);
    if (span !== undefined) return { status: response.status, text: response.text, span };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no span ${name} was exported`);
}

test('a route that succeeds: recordProblem is never called, the span stays clean', async () => {
  const { status, span } = await requestAndSpan('/ok');
  expect(status).toBe(200);
  expect(span.status).toEqual({ code: SpanStatusCode.UNSET });
  expect(span.events).toEqual([]);
  expect(span.attributes).toEqual({ 'http.request.method': 'GET', 'url.path': '/ok' });
});

test('a 404: status code and the exception on the span, span status left unset', async () => {
  const { status, span } = await requestAndSpan('/users/42');
  expect(status).toBe(404);
  expect(span.kind).toBe(SpanKind.SERVER);
  expect(span.attributes).toEqual({ 'http.request.method': 'GET', 'url.path': '/users/42', 'http.response.status_code': 404 });
  expect(span.status).toEqual({ code: SpanStatusCode.UNSET });
  expect(span.events.map((event) => event.name)).toEqual(['exception']);
  expect(span.events[0]?.attributes).toMatchObject({ 'exception.type': 'NotFoundException', 'exception.message': 'No user 42' });
});

test('an async 500 with a secret in its message: ERROR without a description, the secret neither in the body nor on the status', async () => {
  const { status, text, span } = await requestAndSpan('/report');
  expect(status).toBe(500);
  expect(text).not.toContain('s3cr3t');
  expect(span.attributes).toMatchObject({ 'http.response.status_code': 500, 'error.type': '500' });
  expect(span.status).toEqual({ code: SpanStatusCode.ERROR });
  expect(JSON.stringify([span.attributes, span.status])).not.toContain('s3cr3t');
  // The exception event is for the operator, as a log line is.
  expect(span.events[0]?.attributes).toMatchObject({ 'exception.type': 'Error', 'exception.message': expect.stringContaining('s3cr3t') });
});

test('an exposed 503: its detail becomes the status description', async () => {
  const { status, text, span } = await requestAndSpan('/maintenance');
  expect(status).toBe(503);
  expect(JSON.parse(text)).toMatchObject({ detail: 'Down for maintenance until 14:00 UTC' });
  expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'Down for maintenance until 14:00 UTC' });
  expect(span.attributes).toMatchObject({ 'http.response.status_code': 503, 'error.type': '503' });
});

test('a thrown string: a 500 span with an exception event of type string', async () => {
  const { status, span } = await requestAndSpan('/thrown-string');
  expect(status).toBe(500);
  expect(span.status).toEqual({ code: SpanStatusCode.ERROR });
  expect(span.events[0]?.attributes).toEqual({ 'exception.type': 'string', 'exception.message': 'plain string' });
});

test('concurrent requests each record on their own span', async () => {
  exporter.reset();
  const paths = ['/users/1', '/report', '/users/2', '/maintenance', '/users/3'];
  const results = await Promise.all(paths.map((path) => requestAndSpan(path)));
  for (const [i, { span }] of results.entries()) {
    expect(span.attributes['url.path']).toBe(paths[i]);
    expect(span.events).toHaveLength(1);
  }
  expect(results.map(({ span }) => span.attributes['http.response.status_code'])).toEqual([404, 500, 404, 503, 404]);
});
