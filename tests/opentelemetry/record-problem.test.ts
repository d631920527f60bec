/**
 * recordProblem against the real OpenTelemetry SDK: spans from a BasicTracerProvider, exported
 * through a SimpleSpanProcessor into an InMemorySpanExporter, read back as the SDK exports them.
 */
import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import createError from 'http-errors';
import {
  BadRequestException,
  HttpException,
  InternalServerErrorException,
  NotFoundException,
  ServiceUnavailableException,
  toProblemDetails,
  UnprocessableContentException,
  type ProblemDetails,
} from 'typed-http-exceptions';
import { recordProblem, type RecordedException, type SpanLike, type SpanStatusLike } from '../../src/opentelemetry/index.js';

/** `true` only when A and B are the same type (not merely assignable). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_proof?: T): void {}

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('record-problem.test');

afterAll(() => provider.shutdown());

/** Runs `body` on a fresh SERVER span, ends it and returns the span as exported. */
function exported(body: (span: Span) => void): ReadableSpan {
  exporter.reset();
  const span = tracer.startSpan('GET /things/:id', { kind: SpanKind.SERVER });
  body(span);
  span.end();
  const spans = exporter.getFinishedSpans();
  expect(spans).toHaveLength(1);
  return spans[0] as ReadableSpan;
}

/** The span as exported after `recordProblem(span, error, problem)`. */
function record(error: unknown, problem?: ProblemDetails): ReadableSpan {
  return exported((span) => recordProblem(span, error, problem ?? toProblemDetails(error)));
}

/** The attributes of the span's single `exception` event. */
function exceptionEvent(span: ReadableSpan): Record<string, unknown> {
  expect(span.events.map((event) => event.name)).toEqual(['exception']);
  return { ...span.events[0]?.attributes };
}

/** Every string the span carries outside its exception event: name, attributes, status. */
function spanStrings(span: ReadableSpan): string {
  return JSON.stringify({ name: span.name, attributes: span.attributes, status: span.status });
}

describe('types', () => {
  test("@opentelemetry/api's Span is a SpanLike, and trace.getActiveSpan() fits the first parameter", () => {
    // Compile-time: these lines stop compiling if SpanLike drifts away from the real Span.
    assertType<Span extends SpanLike ? true : false>();
    const real: Span = tracer.startSpan('typed');
    const structural: SpanLike = real;
    const fromContext: Parameters<typeof recordProblem>[0] = trace.getActiveSpan();
    assertType<Equal<ReturnType<typeof recordProblem>, void>>();
    assertType<Equal<SpanStatusLike['code'], 2>>();
    // The literal 2 is the API's own ERROR member, so the numeric status cannot mean something else.
    assertType<SpanStatusLike['code'] extends SpanStatusCode.ERROR ? true : false>();
    expect(SpanStatusCode.ERROR).toBe(2);
    // @ts-expect-error an object without setStatus/recordException is not a span
    const partial: SpanLike = { setAttribute: () => undefined };
    void partial;
    void fromContext;
    structural.setAttribute('k', 1);
    real.end();
  });
});

describe('client errors (4xx): attributes and the exception event, status left unset', () => {
  test('a NotFoundException', () => {
    const span = record(new NotFoundException('No user 42'));
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.attributes).toEqual({ 'http.response.status_code': 404 });
    expect(span.status).toEqual({ code: SpanStatusCode.UNSET });
    const event = exceptionEvent(span);
    expect(event['exception.type']).toBe('NotFoundException');
    expect(event['exception.message']).toBe('No user 42');
    expect(event['exception.stacktrace']).toEqual(expect.stringContaining('NotFoundException: No user 42'));
  });

  test.each([400, 401, 403, 404, 405, 409, 410, 413, 418, 422, 429, 451, 499])('status %i: no ERROR and no error.type', (status) => {
    const span = record(new HttpException(status, 'client side'));
    expect(span.attributes).toEqual({ 'http.response.status_code': status });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.status.message).toBeUndefined();
  });

  test('a validation problem (422 with errors)', () => {
    const error = new UnprocessableContentException('Invalid order', { errors: [{ detail: 'must be positive', pointer: '#/quantity' }] });
    const span = record(error);
    expect(span.attributes).toEqual({ 'http.response.status_code': 422 });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(exceptionEvent(span)['exception.type']).toBe('UnprocessableContentException');
  });
});

describe('server errors (5xx): status ERROR and error.type', () => {
  test('an unexposed 503: no status description, the message only in the exception event', () => {
    const span = record(new ServiceUnavailableException('replica db-3 refused: password expired'));
    expect(span.attributes).toEqual({ 'http.response.status_code': 503, 'error.type': '503' });
    // 'Service Unavailable' follows from the status code, so the conventions say no description.
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(spanStrings(span)).not.toContain('password');
    const event = exceptionEvent(span);
    expect(event['exception.type']).toBe('ServiceUnavailableException');
    // Kept in the event on purpose: it is the server-side diagnosis, as in a log line.
    expect(event['exception.message']).toBe('replica db-3 refused: password expired');
  });

  test('an exposed 503: its detail is the status description', () => {
    const span = record(new ServiceUnavailableException('Down for maintenance until 14:00 UTC', { expose: true, retryAfter: 600 }));
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'Down for maintenance until 14:00 UTC' });
    expect(span.attributes['error.type']).toBe('503');
  });

  test('a 5xx problem type with a title of its own: the title is the description, the unexposed detail is not', () => {
    const error = new HttpException(502, 'ledger at 10.0.0.7 timed out', { type: 'https://example.com/problems/ledger-down', title: 'Ledger unavailable' });
    const span = record(error);
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'Ledger unavailable' });
    expect(spanStrings(span)).not.toContain('10.0.0.7');
    expect(span.attributes).toEqual({ 'http.response.status_code': 502, 'error.type': '502' });
  });

  test('InternalServerErrorException without detail', () => {
    const span = record(new InternalServerErrorException());
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(exceptionEvent(span)['exception.type']).toBe('InternalServerErrorException');
  });

  test('a foreign Error becomes a 500; its message stays off the span status', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'apiKey=sk_live_123')");
    const span = record(error);
    expect(span.attributes).toEqual({ 'http.response.status_code': 500, 'error.type': '500' });
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(spanStrings(span)).not.toContain('sk_live');
    const event = exceptionEvent(span);
    expect(event['exception.type']).toBe('TypeError');
    expect(event['exception.message']).toContain('sk_live_123');
    expect(event['exception.stacktrace']).toEqual(expect.stringContaining('TypeError:'));
  });

  test("an error's code does not replace its type (the SDK would prefer code; the conventions want the type)", () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(exceptionEvent(record(error))['exception.type']).toBe('Error');
  });
});

describe('foreign errors with a status (http-errors convention)', () => {
  test('createError(404) is a client error, recorded as NotFoundError', () => {
    const span = record(createError(404, 'No such file'));
    expect(span.attributes).toEqual({ 'http.response.status_code': 404 });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(exceptionEvent(span)).toMatchObject({ 'exception.type': 'NotFoundError', 'exception.message': 'No such file' });
  });

  test('createError(500) keeps its message off the status', () => {
    const span = record(createError(500, 'disk /dev/sda1 full'));
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(spanStrings(span)).not.toContain('sda1');
    expect(span.attributes['error.type']).toBe('500');
  });

  test('createError(503, { expose: true }) shows its detail', () => {
    const span = record(createError(503, 'Try again in a minute', { expose: true }));
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'Try again in a minute' });
  });
});

describe('the problem decides the status', () => {
  test('a mapped problem wins over the raw error', () => {
    // As with mapError: the raw value is a plain Error (a 500), the client got a 422.
    const raw = new Error('zod: quantity must be positive');
    const span = record(raw, toProblemDetails(new UnprocessableContentException('Invalid order')));
    expect(span.attributes).toEqual({ 'http.response.status_code': 422 });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(exceptionEvent(span)).toMatchObject({ 'exception.type': 'Error', 'exception.message': 'zod: quantity must be positive' });
  });

  test('without a problem, toProblemDetails(error) is used', () => {
    const client = exported((span) => recordProblem(span, new BadRequestException('bad')));
    expect(client.attributes).toEqual({ 'http.response.status_code': 400 });
    const server = exported((span) => recordProblem(span, new Error('x')));
    expect(server.attributes).toEqual({ 'http.response.status_code': 500, 'error.type': '500' });
    expect(server.status).toEqual({ code: SpanStatusCode.ERROR });
  });

  test('a problem that is no 4xx/5xx problem falls back to toProblemDetails(error)', () => {
    const broken = [{ status: 302 }, { status: '404' }, { status: 404.5 }, null, 'problem'] as unknown as ProblemDetails[];
    for (const problem of broken) {
      const span = record(new NotFoundException('gone'), problem);
      expect(span.attributes).toEqual({ 'http.response.status_code': 404 });
    }
  });

  test('a problem whose members throw falls back too', () => {
    const hostile = new Proxy({} as ProblemDetails, {
      get() {
        throw new Error('getter');
      },
    });
    const span = record(new ServiceUnavailableException('x'), hostile);
    expect(span.attributes).toEqual({ 'http.response.status_code': 503, 'error.type': '503' });
  });
});

describe('thrown values that are not errors', () => {
  test.each<[string, unknown, Record<string, unknown>]>([
    ['a string', 'boom', { 'exception.type': 'string', 'exception.message': 'boom' }],
    ['an empty string', '', { 'exception.type': 'string' }],
    ['null', null, { 'exception.type': 'null' }],
    ['undefined', undefined, { 'exception.type': 'undefined' }],
    ['a number', 42, { 'exception.type': 'number', 'exception.message': '42' }],
    ['a boolean', false, { 'exception.type': 'boolean', 'exception.message': 'false' }],
    ['a bigint', 10n, { 'exception.type': 'bigint', 'exception.message': '10' }],
    ['a symbol', Symbol('oops'), { 'exception.type': 'symbol', 'exception.message': 'Symbol(oops)' }],
    ['a plain object', { user: 'ann', token: 'secret' }, { 'exception.type': 'object' }],
    ['a function', () => undefined, { 'exception.type': 'function' }],
  ])('%s: a 500 with an exception event', (_name, thrown, event) => {
    const span = record(thrown);
    expect(span.attributes).toEqual({ 'http.response.status_code': 500, 'error.type': '500' });
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(exceptionEvent(span)).toEqual(event);
  });

  test('an object with a string message is recorded as an error (the core still makes it a 500: it is no Error)', () => {
    const span = record({ name: 'ValidationError', message: 'bad input', status: 400 });
    expect(span.attributes).toEqual({ 'http.response.status_code': 500, 'error.type': '500' });
    expect(exceptionEvent(span)).toEqual({ 'exception.type': 'ValidationError', 'exception.message': 'bad input' });
  });
});

describe('hostile errors', () => {
  test('a Proxy whose every trap throws', () => {
    const trap = (): never => {
      throw new Error('trap');
    };
    const hostile = new Proxy({}, { get: trap, getPrototypeOf: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap });
    const span = record(hostile);
    expect(span.attributes).toEqual({ 'http.response.status_code': 500, 'error.type': '500' });
    expect(exceptionEvent(span)).toEqual({ 'exception.type': 'object' });
  });

  test('a revoked Proxy', () => {
    const { proxy, revoke } = Proxy.revocable(new Error('x'), {});
    revoke();
    expect(exceptionEvent(record(proxy))).toEqual({ 'exception.type': 'object' });
  });

  test('an Error whose name, message and stack getters throw', () => {
    const error = new Error('hidden');
    // stack first: V8 builds it lazily from name and message.
    for (const key of ['stack', 'message', 'name']) {
      Object.defineProperty(error, key, {
        get() {
          throw new Error(`no ${key}`);
        },
      });
    }
    const span = record(error);
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(exceptionEvent(span)).toEqual({ 'exception.type': 'Error' });
  });

  test('members that are not strings are left out', () => {
    const error = Object.assign(new Error('real'), { name: 7, stack: { lines: [] } });
    expect(exceptionEvent(record(error))).toEqual({ 'exception.type': 'Error', 'exception.message': 'real' });
  });

  test('huge members are cut: message 4096, stack 16384, status description 1024 characters', () => {
    const error = new ServiceUnavailableException('m'.repeat(1_000_000), { expose: true });
    Object.defineProperty(error, 'stack', { value: 's'.repeat(1_000_000) });
    const span = record(error);
    const event = exceptionEvent(span);
    expect(event['exception.message']).toBe('m'.repeat(4096));
    expect(event['exception.stacktrace']).toBe('s'.repeat(16_384));
    expect(span.status.message).toBe('m'.repeat(1024));
  });

  test('a cut never splits a surrogate pair', () => {
    const message = 'a'.repeat(4095) + '😀';
    expect(exceptionEvent(record(new Error(message)))['exception.message']).toBe('a'.repeat(4095));
  });
});

describe('spans', () => {
  test.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a string', 'span'],
  ])('%s: nothing happens, nothing throws', (_name, span) => {
    expect(() => recordProblem(span as SpanLike, new Error('x'), toProblemDetails(new Error('x')))).not.toThrow();
  });

  test('a span whose methods all throw', () => {
    const throwing = (): never => {
      throw new Error('span broke');
    };
    const span: SpanLike = { setAttribute: throwing, setStatus: throwing, recordException: throwing, isRecording: throwing };
    expect(() => recordProblem(span, new Error('x'))).not.toThrow();
  });

  test('a Proxy span whose property reads throw', () => {
    const span = new Proxy({} as SpanLike, {
      get() {
        throw new Error('get');
      },
    });
    expect(() => recordProblem(span, new Error('x'))).not.toThrow();
  });

  test('one failing method does not stop the others', () => {
    const finished = exported((real) => {
      const flaky: SpanLike = {
        setAttribute() {
          throw new Error('attribute store full');
        },
        setStatus: (status) => real.setStatus(status),
        recordException: (exception) => real.recordException(exception),
      };
      recordProblem(flaky, new Error('x'));
    });
    expect(finished.attributes).toEqual({});
    expect(finished.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(exceptionEvent(finished)['exception.type']).toBe('Error');
  });

  test('a span with methods missing gets what it has', () => {
    const calls: Array<[string, unknown]> = [];
    const span = { setStatus: (status: SpanStatusLike) => calls.push(['setStatus', status]) } as unknown as SpanLike;
    recordProblem(span, new Error('x'));
    expect(calls).toEqual([['setStatus', { code: 2 }]]);
  });

  test('a span that is not recording is left alone', () => {
    const calls: string[] = [];
    const span: SpanLike = {
      isRecording: () => false,
      setAttribute: () => calls.push('setAttribute'),
      setStatus: () => calls.push('setStatus'),
      recordException: () => calls.push('recordException'),
    };
    recordProblem(span, new Error('x'));
    expect(calls).toEqual([]);
  });

  test('exactly these calls, in this order, with plain copies of the error', () => {
    const calls: unknown[][] = [];
    const span: SpanLike = {
      isRecording: () => true,
      setAttribute: (...args) => calls.push(['setAttribute', ...args]),
      setStatus: (...args) => calls.push(['setStatus', ...args]),
      recordException: (...args) => calls.push(['recordException', ...args]),
    };
    const error = new ServiceUnavailableException('hidden');
    recordProblem(span, error, toProblemDetails(error));
    const recorded = calls[2]?.[1] as RecordedException;
    expect(calls).toEqual([
      ['setAttribute', 'http.response.status_code', 503],
      ['setAttribute', 'error.type', '503'],
      ['recordException', { name: 'ServiceUnavailableException', message: 'hidden', stack: error.stack }],
      ['setStatus', { code: 2 }],
    ]);
    expect(recorded).not.toBe(error);
  });

  test("the SDK's non-recording span (no sampling) and an ended span", () => {
    const nonRecording = trace.wrapSpanContext({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 0 });
    expect(nonRecording.isRecording()).toBe(false);
    expect(() => recordProblem(nonRecording, new Error('x'))).not.toThrow();

    exporter.reset();
    const ended = tracer.startSpan('done');
    ended.end();
    expect(() => recordProblem(ended, new Error('late'))).not.toThrow();
    expect(exporter.getFinishedSpans()[0]?.events).toEqual([]);
  });
});
