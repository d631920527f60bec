/**
 * The soak's mixed workload: one table of routes, each with what the server throws and what
 * the client must get back. The server (scripts/soak/server.ts) takes `raise` from here; the
 * load generator (scripts/soak/index.ts) takes the expectations. Every route throws: the
 * soak drives the error path only.
 *
 * The secret "hunter2" appears in thrown messages, causes and the query string of every
 * request; it must never reach a response. Neither may a stack trace.
 */
import type * as Library from 'typed-http-exceptions';
import type createHttpError from 'http-errors';

/** What a route gets to throw with: the built package and http-errors, as loaded by the server. */
export interface Toolkit {
  readonly lib: typeof Library;
  readonly createError: typeof createHttpError;
}

export interface RouteSpec {
  /** Request path (the server matches on it; the client adds `?token=hunter2`). */
  readonly path: string;
  readonly method?: 'GET' | 'HEAD';
  /** The response status the client must get. */
  readonly status: number;
  /** Relative frequency in the mix. */
  readonly weight: number;
  /** Throws (or rejects with) the route's error. Unset: no route, the framework's not-found path. */
  readonly raise?: (kit: Toolkit) => unknown;
  /** Extra checks of the parsed body and headers; returns a failure message or undefined. */
  readonly check?: (body: Record<string, unknown>, headers: Record<string, string | string[] | undefined>) => string | undefined;
}

export const SECRET = 'hunter2';

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function circular(value: Record<string, unknown>): Record<string, unknown> {
  value['self'] = value;
  return value;
}

function hostileProxy(): object {
  const trap = (): never => {
    throw new Error(`hostile proxy ${SECRET}`);
  };
  return new Proxy({}, { get: trap, getPrototypeOf: trap, ownKeys: trap, has: trap, getOwnPropertyDescriptor: trap });
}

function expectMembers(expected: Record<string, unknown>): NonNullable<RouteSpec['check']> {
  return (body) => {
    for (const [name, value] of Object.entries(expected)) {
      if (JSON.stringify(body[name]) !== JSON.stringify(value)) return `member ${name}: expected ${JSON.stringify(value)}, got ${JSON.stringify(body[name])}`;
    }
    return undefined;
  };
}

function expectAbsent(...names: string[]): NonNullable<RouteSpec['check']> {
  return (body) => {
    const present = names.filter((name) => Object.hasOwn(body, name));
    return present.length === 0 ? undefined : `members that must be left out are present: ${present.join(', ')}`;
  };
}

function all(...checks: Array<NonNullable<RouteSpec['check']>>): NonNullable<RouteSpec['check']> {
  return (body, headers) => {
    for (const check of checks) {
      const failure = check(body, headers);
      if (failure !== undefined) return failure;
    }
    return undefined;
  };
}

export const ROUTES: readonly RouteSpec[] = [
  // Typed exceptions, the everyday case.
  {
    path: '/typed/not-found',
    status: 404,
    weight: 4,
    raise: ({ lib }) => {
      throw new lib.NotFoundException('No user 42');
    },
    check: expectMembers({ title: 'Not Found', detail: 'No user 42' }),
  },
  {
    path: '/typed/not-found',
    method: 'HEAD',
    status: 404,
    weight: 1,
  },
  {
    path: '/typed/rate-limited',
    status: 429,
    weight: 2,
    raise: ({ lib }) => {
      throw new lib.TooManyRequestsException('Slow down', { retryAfter: 30 });
    },
    check: (_body, headers) => (headers['retry-after'] === '30' ? undefined : `retry-after: ${String(headers['retry-after'])}`),
  },
  {
    path: '/typed/validation',
    status: 400,
    weight: 2,
    raise: ({ lib }) => {
      throw new lib.BadRequestException('Invalid body', { errors: [{ detail: 'must be a number', pointer: '#/age' }] });
    },
    check: expectMembers({ errors: [{ detail: 'must be a number', pointer: '#/age' }] }),
  },
  {
    path: '/typed/unavailable',
    status: 503,
    weight: 1,
    raise: ({ lib }) => {
      throw new lib.ServiceUnavailableException(`pool exhausted, password ${SECRET}`, { retryAfter: 5, cause: new Error(SECRET) });
    },
    check: (_body, headers) => (headers['retry-after'] === '5' ? undefined : `retry-after: ${String(headers['retry-after'])}`),
  },
  {
    path: '/typed/async',
    status: 409,
    weight: 2,
    raise: async ({ lib }) => {
      await nextTick();
      throw new lib.ConflictException('Version 3 is not the latest', { extensions: { latest: 4 } });
    },
    check: expectMembers({ detail: 'Version 3 is not the latest', latest: 4 }),
  },
  // Unknown errors: a plain 500, nothing of the message.
  {
    path: '/unknown/error',
    status: 500,
    weight: 3,
    raise: () => {
      throw new Error(`connect ECONNREFUSED postgres://admin:${SECRET}@db`);
    },
  },
  {
    path: '/unknown/async',
    status: 500,
    weight: 2,
    raise: async () => {
      await nextTick();
      throw new TypeError(`Cannot read properties of undefined (reading '${SECRET}')`);
    },
  },
  // http-errors convention (Koa, Fastify, http-errors).
  {
    path: '/http-errors/403',
    status: 403,
    weight: 1,
    raise: ({ createError }) => {
      throw createError(403, 'No access to project 9');
    },
    check: expectMembers({ detail: 'No access to project 9' }),
  },
  {
    path: '/http-errors/500',
    status: 500,
    weight: 1,
    raise: ({ createError }) => {
      throw createError(500, `internal ${SECRET}`);
    },
  },
  // Hostile throws.
  {
    path: '/hostile/null',
    status: 500,
    weight: 1,
    raise: () => {
      throw null;
    },
  },
  {
    path: '/hostile/undefined',
    status: 500,
    weight: 1,
    raise: () => {
      throw undefined;
    },
  },
  {
    path: '/hostile/string',
    status: 500,
    weight: 1,
    raise: () => {
      throw SECRET;
    },
  },
  {
    path: '/hostile/circular-object',
    status: 500,
    weight: 1,
    raise: () => {
      throw circular({ status: 404, message: SECRET });
    },
  },
  {
    path: '/hostile/circular-cause',
    status: 400,
    weight: 1,
    raise: () => {
      const error = Object.assign(new Error('Bad range'), { status: 400 });
      (error as { cause?: unknown }).cause = error;
      throw error;
    },
    check: all(expectMembers({ detail: 'Bad range' }), expectAbsent('cause', 'stack')),
  },
  {
    path: '/hostile/proxy',
    status: 500,
    weight: 1,
    raise: () => {
      throw hostileProxy();
    },
  },
  {
    path: '/hostile/getters',
    status: 500,
    weight: 1,
    raise: () => {
      const error = new Error(SECRET);
      for (const key of ['status', 'statusCode', 'expose', 'message', 'headers']) {
        Object.defineProperty(error, key, {
          get(): never {
            throw new Error(SECRET);
          },
        });
      }
      throw error;
    },
  },
  {
    path: '/hostile/bad-status',
    status: 500,
    weight: 1,
    raise: () => {
      throw Object.assign(new Error(SECRET), { status: 999, statusCode: '404' });
    },
  },
  {
    path: '/hostile/crlf-header',
    status: 400,
    weight: 1,
    raise: ({ lib }) => {
      throw new lib.HttpException(400, 'bad header', { headers: { 'x-evil': 'a\r\nSet-Cookie: pwned=1', 'x-good': 'fine' } });
    },
    check: (_body, headers) =>
      headers['x-good'] === 'fine' && headers['x-evil'] === undefined && headers['set-cookie'] === undefined ? undefined : 'CR/LF header handling',
  },
  {
    path: '/hostile/crlf-header-foreign',
    status: 400,
    weight: 1,
    raise: () => {
      throw Object.assign(new Error('bad header'), {
        status: 400,
        headers: { 'x-evil': 'a\r\nSet-Cookie: pwned=1', 'x-nul': 'a\u0000b', 'x-utf': 'caf\u00e9\u20ac', 'bad name': 'x', 'x-good': 'fine' },
      });
    },
    check: (_body, headers) =>
      headers['x-good'] === 'fine' && headers['x-evil'] === undefined && headers['x-nul'] === undefined && headers['x-utf'] === undefined && headers['set-cookie'] === undefined
        ? undefined
        : 'CR/LF header handling (foreign error)',
  },
  {
    path: '/hostile/huge-message',
    status: 400,
    weight: 1,
    raise: ({ lib }) => {
      throw new lib.BadRequestException('x'.repeat(1_000_000), { title: 't'.repeat(50_000) });
    },
  },
  {
    path: '/hostile/huge-unknown',
    status: 500,
    weight: 1,
    raise: () => {
      throw new Error(`${SECRET} ${'z'.repeat(1_000_000)}`);
    },
  },
  {
    path: '/hostile/huge-extension',
    status: 422,
    weight: 1,
    raise: ({ lib }) => {
      throw new lib.UnprocessableContentException('Too much', { extensions: { blob: 'y'.repeat(500_000), kept: 'yes' } });
    },
    check: all(expectMembers({ kept: 'yes' }), expectAbsent('blob')),
  },
  {
    path: '/hostile/bad-extensions',
    status: 400,
    weight: 1,
    raise: ({ lib }) => {
      throw new lib.BadRequestException('Bad input', {
        extensions: {
          kept: 'yes',
          toJsonThrows: {
            toJSON(): never {
              throw new Error(SECRET);
            },
          },
          bigint: 10n,
          circular: circular({}),
          getterThrows: {
            get value(): never {
              throw new Error(SECRET);
            },
          },
        },
      });
    },
    check: all(expectMembers({ kept: 'yes', detail: 'Bad input' }), expectAbsent('toJsonThrows', 'bigint', 'circular', 'getterThrows')),
  },
  {
    path: '/hostile/proto',
    status: 400,
    weight: 1,
    raise: ({ lib }) => {
      const extensions = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "kept": 1}') as Record<string, unknown>;
      throw new lib.BadRequestException('Proto', { extensions, headers: JSON.parse('{"__proto__": "x", "x-good": "fine"}') as Record<string, string> });
    },
    check: (body, headers) => {
      if (({} as Record<string, unknown>)['polluted'] !== undefined) return 'Object.prototype polluted (client side)';
      if (Object.getPrototypeOf(body) !== Object.prototype || Object.hasOwn(body, '__proto__')) return '__proto__ member sent';
      if (body['kept'] !== 1 || headers['x-good'] !== 'fine') return 'the safe members were lost';
      return undefined;
    },
  },
  // No route: the framework's not-found path, with a path that needs percent-encoding in `instance`.
  {
    path: '/missing/caf%C3%A9/%E2%82%AC%20x',
    status: 404,
    weight: 1,
  },
];

/** Routes with a `raise`, by path (HEAD shares the GET route). */
export function routeTable(): Map<string, NonNullable<RouteSpec['raise']>> {
  const table = new Map<string, NonNullable<RouteSpec['raise']>>();
  for (const route of ROUTES) if (route.raise !== undefined) table.set(route.path, route.raise);
  return table;
}
