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
import { HEADER_LIMITS, filterHeaders } from '../src/headers/header-policy.js';

// The policy on the wire (body and connection headers refused, set-cookie lines, bounds,
// unreadable headers) runs against every adapter in tests/conformance/cases/header-policy.ts.

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
