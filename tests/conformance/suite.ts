/**
 * What the case groups share: the servers each driver file starts once, the `onError`
 * recorder and `mapError` of the main server, and request helpers that check every problem
 * body against the RFC 9457 schema.
 */
import { connect, type IncomingHttpHeaders as Http2Headers } from 'node:http2';
import { BadRequestException, NotFoundException } from 'typed-http-exceptions';
import { request, type TestResponse } from '../helpers/http-client.js';
import { expectValidProblem } from '../helpers/problem-schema.js';
import type { ConformanceDriver, ConformanceOptions, ConformanceRoute, ServerSetup, StartedServer } from './driver.js';

/** One group of shared cases: the routes it needs on every server, and its tests. */
export interface CaseGroup {
  readonly name: string;
  /** Paths start with the group's own prefix (`/head/...`), so groups never collide. */
  readonly routes: readonly ConformanceRoute[];
  /** Registers the group's tests (inside the driver's `describe`); read `suite` only inside tests and hooks. */
  register(suite: Suite): void;
}

/** One `onError` call on the main server. */
export interface OnErrorCall {
  readonly error: unknown;
  readonly request: unknown;
}

/** The main server's `onError`: records every call; can be told to throw or reject instead of returning. */
export class OnErrorRecorder {
  readonly calls: OnErrorCall[] = [];
  behaviour: 'return' | 'throw' | 'reject' = 'return';

  readonly onError = (error: unknown, request: unknown): void | Promise<void> => {
    this.calls.push({ error, request });
    if (this.behaviour === 'throw') throw new Error('logger down');
    if (this.behaviour === 'reject') return Promise.reject(new Error('async logger down'));
    return undefined;
  };

  reset(): void {
    this.calls.length = 0;
    this.behaviour = 'return';
  }
}

/** A foreign error (a validation library's, say) that the main server's `mapError` maps to a 400 with `errors`. */
export class ValidationFailure extends Error {}

/** A typed 404 for which the main server's `mapError` itself throws. */
export class UnmappableNotFound extends NotFoundException {}

/** The main server's `mapError`: maps ValidationFailure, throws for UnmappableNotFound, declines everything else. */
export function mapError(error: unknown): unknown {
  if (error instanceof ValidationFailure) return new BadRequestException(error.message, { errors: [{ detail: error.message, pointer: '#/age' }] });
  if (error instanceof UnmappableNotFound) throw new Error('mapper bug');
  return undefined;
}

/** The options of the configured server. */
export const CONFIGURED_OPTIONS: ConformanceOptions = { instance: '/fixed', typeBaseUrl: 'https://example.com/problems/', debug: true };

/** What the case groups get: the driver, its running servers and the main server's onError calls. */
export interface Suite {
  readonly driver: ConformanceDriver;
  /** The server with `{ onError: recorder, mapError }`. */
  readonly main: StartedServer;
  /** The server registered without options. */
  readonly bare: StartedServer;
  /** The server with CONFIGURED_OPTIONS. */
  readonly configured: StartedServer;
  readonly recorder: OnErrorRecorder;
  /** Starts one more server (HTTP/2 …) with every group's routes; closed after the file. */
  start(setup: Omit<ServerSetup, 'routes'>): Promise<StartedServer>;
}

/** The media type of every problem response, exactly (no parameters). */
export const PROBLEM_JSON = 'application/problem+json';

/** Time a case waits for late effects (an async onError's rejection, a logger) before it looks. */
export const SETTLE_MS = 20;

/** Waits SETTLE_MS (or `ms`), for effects that come after the response. */
export const settle = (ms = SETTLE_MS): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One HTTP/1.1 request (http-client, any headers). Every body that comes back must be an
 * `application/problem+json` RFC 9457 object: all responses of these routes are problems.
 */
export async function fetchProblem(url: string, options?: Parameters<typeof request>[1]): Promise<TestResponse> {
  const res = await request(url, options);
  if (res.text !== '') {
    expect(res.headers['content-type']).toBe(PROBLEM_JSON);
    expectValidProblem(res.json);
  }
  return res;
}

/** A response over HTTP/2. */
export interface Http2Response {
  readonly status: number;
  readonly headers: Http2Headers;
  readonly text: string;
  readonly json: unknown;
}

/** One HTTP/2 (h2c) request on a fresh session; its problem body is schema-checked like fetchProblem's. */
export async function fetchProblemHttp2(url: string, path: string, options: { method?: string; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<Http2Response> {
  const client = connect(url);
  try {
    const res = await new Promise<Http2Response>((resolve, reject) => {
      client.on('error', reject);
      const stream = client.request({ ':path': path, ':method': options.method ?? 'GET', ...options.headers });
      let headers: Http2Headers = {};
      let text = '';
      const timer = setTimeout(() => {
        stream.destroy();
        reject(new Error(`HTTP/2 request to ${path} timed out (the handler hung)`));
      }, options.timeoutMs ?? 5000);
      stream.on('response', (received) => (headers = received));
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (text += chunk));
      stream.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      stream.on('end', () => {
        clearTimeout(timer);
        resolve({ status: Number(headers[':status']), headers, text, json: text === '' ? undefined : (JSON.parse(text) as unknown) });
      });
      stream.end();
    });
    if (res.text !== '') {
      expect(res.headers['content-type']).toBe(PROBLEM_JSON);
      expectValidProblem(res.json);
    }
    return res;
  } finally {
    // Not close(): it waits for every stream to be closed by the server, which some servers leave open.
    client.destroy();
  }
}

/** The byte length of a body as Content-Length counts it. */
export const byteLength = (text: string): string => String(Buffer.byteLength(text, 'utf8'));

/** The body of a bare 500: nothing of the error shown. */
export const internalError = (instance: string): Record<string, unknown> => ({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance });
