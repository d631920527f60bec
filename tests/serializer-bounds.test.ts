import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { runInNewContext } from 'node:vm';
import { HttpException, NotFoundException, toProblemDetails, toProblemResponse, type ProblemDetails } from '../src/index.js';
import { sendProblem } from '../src/adapters/node.js';
import { requestPath } from '../src/adapters/prepare-problem.js';
import { expectValidProblem } from './helpers/problem-schema.js';

const INTERNAL = { type: 'about:blank', title: 'Internal Server Error', status: 500 };
const URI_LIMIT = 2048;

/** A valid problem whose type and instance are bounded URI references. */
function expectBounded(body: ProblemDetails): void {
  expectValidProblem(body);
  expect(body.type.length).toBeLessThanOrEqual(URI_LIMIT);
  if (body.instance !== undefined) expect(body.instance.length).toBeLessThanOrEqual(URI_LIMIT);
  expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThanOrEqual(48 * 1024);
}

/** An exception whose `extensions` is replaced after construction (the constructor copies what it is given). */
function withExtensions(extensions: unknown): NotFoundException {
  const error = new NotFoundException('x');
  Object.defineProperty(error, 'extensions', { value: extensions, configurable: true });
  return error;
}

describe('type and instance: IP literals (RFC 3986 IP-literal)', () => {
  test.each([
    'https://[2001:db8::1]/p',
    'https://[2001:db8::1]:8443/p',
    'https://[::1]/p?q=1#f',
    'https://user@[2001:db8::1]:8443/p',
    'https://[::ffff:192.0.2.1]/p',
    'https://[1:2:3:4:5:6:7:8]/p',
    'https://[v1.fe80::a+en1]/p',
    '//[2001:db8::1]/p',
  ])('type %p is kept as it is', (type) => {
    const body = toProblemDetails(new HttpException(400, 'x', { type }));
    expect(body.type).toBe(type);
    expectValidProblem(body);
  });

  test('an IPv6 instance is kept as it is', () => {
    const body = toProblemDetails(new NotFoundException('x'), { instance: 'https://[2001:db8::1]:8443/p' });
    expect(body.instance).toBe('https://[2001:db8::1]:8443/p');
    expectValidProblem(body);
  });

  test('typeBaseUrl with an IPv6 host resolves to a kept IPv6 type', () => {
    const body = toProblemDetails(new HttpException(400, 'x', { type: 'out-of-credit' }), { typeBaseUrl: 'https://[2001:db8::1]:8443/problems/' });
    expect(body.type).toBe('https://[2001:db8::1]:8443/problems/out-of-credit');
    expectValidProblem(body);
  });

  test.each([
    ['https://[2001:db8::1::2]/p'],
    ['https://[12345::1]/p'],
    ['https://[1:2:3:4:5:6:7:8:9]/p'],
    ['https://[::1]x/p'],
    ['https://[not an address]/p'],
    ['https://[::1/p'],
    ['https://[::1]:port/p'],
    ['/[::1]'],
    ['//['],
  ])('a malformed literal %p is encoded, still a valid URI reference', (type) => {
    const body = toProblemDetails(new HttpException(400, 'x', { type }));
    expect(body.type).not.toBe(type);
    expectValidProblem(body);
  });

  test('a cut inside an IP literal (huge userinfo) still gives a valid reference', () => {
    for (let pad = URI_LIMIT - 30; pad < URI_LIMIT; pad++) {
      const type = `https://${'u'.repeat(pad)}@[2001:db8::1]/p`;
      expectBounded(toProblemDetails(new HttpException(400, 'x', { type })));
    }
  });
});

describe('requestPath: request-target forms (RFC 9112 3.2)', () => {
  test.each([
    ['/users/42?x=1', '/users/42'],
    ['/a#f', '/a'],
    ['http://evil.example/login?x=1', '/login'],
    ['HTTPS://evil.example:8443/a/b#f', '/a/b'],
    ['http://user:pw@evil.example/login', '/login'],
    ['http://[2001:db8::1]:8080/x?y', '/x'],
    ['http://evil.example', '/'],
    ['http://evil.example?x=1', '/'],
    ['http://evil.example//other.example/x', '/%2Fother.example/x'],
  ])('%p gives %p', (url, expected) => {
    expect(requestPath(url)).toBe(expected);
  });

  test.each([['*'], ['evil.example:443'], ['[2001:db8::1]:443'], ['urn:x'], ['javascript:alert(1)'], ['login'], [''], [undefined]])(
    '%p gives no instance',
    (url) => {
      expect(requestPath(url)).toBeUndefined();
    },
  );

  describe('through a real node:http server', () => {
    let server: Server;
    let port: number;

    beforeAll(async () => {
      server = createServer((req: IncomingMessage, res: ServerResponse) => sendProblem(res, new NotFoundException('nope')));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });

    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    /** Sends one raw request and returns the parsed JSON body. */
    function rawRequest(requestLine: string): Promise<{ head: string; body: Record<string, unknown> }> {
      return new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(`${requestLine}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`);
        });
        let data = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (data += chunk));
        socket.on('error', reject);
        socket.on('end', () => {
          const split = data.indexOf('\r\n\r\n');
          try {
            resolve({ head: data.slice(0, split), body: JSON.parse(data.slice(split + 4)) as Record<string, unknown> });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      });
    }

    test('absolute-form target: instance is the path only', async () => {
      const { head, body } = await rawRequest('GET http://evil.example/login?x=1 HTTP/1.1');
      expect(head.startsWith('HTTP/1.1 404')).toBe(true);
      expect(body['instance']).toBe('/login');
      expectValidProblem(body);
    });

    test('asterisk-form target: no instance', async () => {
      const { head, body } = await rawRequest('OPTIONS * HTTP/1.1');
      expect(head.startsWith('HTTP/1.1 404')).toBe(true);
      expect(body).not.toHaveProperty('instance');
      expectValidProblem(body);
    });
  });
});

describe('work is bounded by the output budget, not the input size', () => {
  test.each([
    ['é', 'é'.repeat(1_000_000)],
    ['emoji', '😀'.repeat(500_000)],
    ['lone surrogates', '\ud800'.repeat(1_000_000)],
    ['plain ASCII', 'a'.repeat(1_000_000)],
    ['an absolute URL', `https://example.com/${'é'.repeat(1_000_000)}`],
    ['spaces and hashes', '# '.repeat(500_000)],
  ])('a megabyte of %s as type and instance gives a bounded, valid body', (_name, text) => {
    const body = toProblemDetails(new HttpException(400, 'x', { type: text, instance: text }));
    expectBounded(body);
    expect(body.instance?.length).toBeGreaterThan(0);
    const resolved = toProblemDetails(new HttpException(400, 'x', { type: text }), { typeBaseUrl: 'https://example.com/problems/' });
    expectBounded(resolved);
  });

  test('no string operation of the serializer looks at more than the URI budget', () => {
    const text = `https://example.com/${'é😀 #'.repeat(250_000)}`;
    const errors = [new HttpException(400, 'x', { type: text, instance: text }), new HttpException(400, 'x', { type: text.slice(20) })];
    let longest = 0;
    const prototype = String.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
    const names = ['toWellFormed', 'replace', 'replaceAll', 'indexOf', 'search', 'split', 'slice'];
    const originals = names.map((name) => prototype[name] as (...args: unknown[]) => unknown);
    const originalEncode = globalThis.encodeURIComponent;
    names.forEach((name, i) => {
      const original = originals[i] as (...args: unknown[]) => unknown;
      prototype[name] = function (this: string, ...args: unknown[]) {
        // slice reads only what it returns; everything else reads the whole string.
        if (name !== 'slice') longest = Math.max(longest, this.length);
        return original.apply(this, args);
      };
    });
    globalThis.encodeURIComponent = (value: string | number | boolean) => {
      longest = Math.max(longest, String(value).length);
      return originalEncode(value);
    };
    const bodies: ProblemDetails[] = [];
    try {
      for (const error of errors) {
        bodies.push(toProblemDetails(error), toProblemDetails(error, { typeBaseUrl: 'https://example.com/problems/' }));
      }
    } finally {
      names.forEach((name, i) => (prototype[name] = originals[i] as (...args: unknown[]) => unknown));
      globalThis.encodeURIComponent = originalEncode;
    }
    for (const body of bodies) expectBounded(body);
    // At most LIMITS.uri input characters, each encoded to at most 12 ("%F0%9F%98%80"): never the megabyte.
    expect(longest).toBeLessThanOrEqual(12 * URI_LIMIT);
  });

  test('the cut output is the cut of the full encoding (nothing visible changes)', () => {
    const text = 'é'.repeat(1_000_000);
    const body = toProblemDetails(new NotFoundException('x'), { instance: `/${text}` });
    expect(body.instance).toBe(`/${encodeURIComponent(text.slice(0, 400))}`.slice(0, 2047));
    const long = toProblemDetails(new NotFoundException('x'), { instance: `/${'a'.repeat(5000)}` });
    expect(long.instance).toBe(`/${'a'.repeat(URI_LIMIT - 1)}`);
  });

  test('a Proxy for a million extension members is read only a bounded number of times', () => {
    const names = Array.from({ length: 1_000_000 }, (_, i) => `k${i}`);
    const counts = { get: 0, getOwnPropertyDescriptor: 0, has: 0 };
    const extensions = new Proxy({} as Record<string, unknown>, {
      ownKeys: () => names,
      getOwnPropertyDescriptor: (_target, name) => {
        counts.getOwnPropertyDescriptor++;
        return typeof name === 'string' && name.startsWith('k') ? { value: 1, enumerable: true, configurable: true, writable: true } : undefined;
      },
      get: (_target, name) => {
        counts.get++;
        return typeof name === 'string' && name.startsWith('k') ? 1 : undefined;
      },
      has: (_target, name) => {
        counts.has++;
        return typeof name === 'string' && name.startsWith('k');
      },
    });
    const body = toProblemDetails(withExtensions(extensions));
    expectBounded(body);
    expect(body['k0']).toBe(1);
    expect(counts.get).toBeLessThan(1000);
    expect(counts.getOwnPropertyDescriptor).toBeLessThan(1000);
    expect(counts.has).toBeLessThan(1000);
  });

  test('a million members with getters: only a bounded number are run', () => {
    let reads = 0;
    const extensions: Record<string, unknown> = {};
    for (let i = 0; i < 1_000_000; i++) {
      Object.defineProperty(extensions, `k${i}`, { enumerable: true, get: () => (reads++, 'v') });
    }
    const body = toProblemResponse(withExtensions(extensions));
    expectBounded(JSON.parse(body.body) as ProblemDetails);
    expect(reads).toBeLessThan(1000);
  });

  test('members that are left out still count, so skipped names cannot force a full walk', () => {
    let reads = 0;
    const extensions: Record<string, unknown> = {};
    // Each value is over the budget alone: none is copied, yet each would be read.
    const big = 'x'.repeat(10_000);
    for (let i = 0; i < 100_000; i++) Object.defineProperty(extensions, `k${i}`, { enumerable: true, get: () => (reads++, big) });
    const body = toProblemDetails(withExtensions(extensions));
    expect(body).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'x' });
    expect(reads).toBeLessThan(1000);
  });

  test('ordinary extensions are still copied in order, inherited ones are not', () => {
    const inherited = Object.create({ fromProto: 1 }) as Record<string, unknown>;
    inherited['own'] = 2;
    expect(toProblemDetails(withExtensions(inherited))).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'x', own: 2 });
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`m${i}`, i]));
    expect(toProblemDetails(new NotFoundException('x', { extensions: many }))).toMatchObject(many);
  });

  test('a Proxy whose ownKeys trap throws gives the problem without extensions', () => {
    const extensions = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    expect(toProblemDetails(withExtensions(extensions))).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'x' });
  });
});

describe('only genuine errors carry a foreign status', () => {
  class TaggedOnPrototype {
    status = 404;
    message = 'x';
    get [Symbol.toStringTag](): string {
      return 'Error';
    }
  }

  test.each<[string, unknown]>([
    ['a plain object tagged Error', { status: 404, message: 'x', [Symbol.toStringTag]: 'Error' }],
    ['a plain object with statusCode tagged Error', { statusCode: 418, message: 'x', [Symbol.toStringTag]: 'Error' }],
    ['a toStringTag getter on the prototype', new TaggedOnPrototype()],
    ['a null-prototype object tagged Error', Object.assign(Object.create(null) as object, { status: 404, message: 'x', [Symbol.toStringTag]: 'Error' })],
    ['a tagged object from another realm', runInNewContext('({ status: 404, message: "x", [Symbol.toStringTag]: "Error" })')],
    ['a Proxy whose has trap throws', new Proxy({ status: 404, message: 'x', [Symbol.toStringTag]: 'Error' }, { has: () => { throw new Error('trap'); } })],
  ])('%s is an unknown value: 500 with no detail', (_name, value) => {
    for (const debug of [false]) {
      const response = toProblemResponse(value, { debug });
      expect(response.status).toBe(500);
      expect(JSON.parse(response.body)).toEqual(INTERNAL);
    }
  });

  test('real errors, from this realm or another, are still recognised', () => {
    expect(toProblemDetails(runInNewContext('Object.assign(new Error("m"), { status: 404 })'))).toMatchObject({ status: 404, detail: 'm' });
    expect(toProblemDetails(runInNewContext('Object.assign(new RangeError("m"), { statusCode: 409 })'))).toMatchObject({ status: 409, detail: 'm' });
    expect(toProblemDetails(Object.assign(new Error('m'), { status: 404 }))).toMatchObject({ status: 404, detail: 'm' });
    class AppError extends Error {
      status = 403;
    }
    expect(toProblemDetails(new AppError('m'))).toMatchObject({ status: 403, detail: 'm' });
  });
});
