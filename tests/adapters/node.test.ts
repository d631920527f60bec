import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, createServer as createHttp2Server, type Http2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import createError from 'http-errors';
import { BadRequestException, HttpException, NotFoundException, TooManyRequestsException, UnauthorizedException, UpgradeRequiredException } from '../../src/index.js';
import { sendProblem, type SendProblemOptions } from '../../src/adapters/node.js';
import { createApp as createExampleServer } from '../../examples/node.js';
import { close, listen, request } from '../helpers/http-client.js';
import { expectValidProblem } from '../helpers/problem-schema.js';

type Route = (req: IncomingMessage, res: ServerResponse) => unknown;

const routes: Record<string, Route> = {
  '/sync': () => {
    throw new NotFoundException('No user 42');
  },
  '/async': async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    throw new NotFoundException('No order 7');
  },
  '/rate-limited': () => {
    throw new TooManyRequestsException('Slow down', { retryAfter: 30 });
  },
  '/auth': () => {
    throw new UnauthorizedException('Token expired', { wwwAuthenticate: 'Bearer realm="api"' });
  },
  '/unknown': () => {
    throw new Error('connection string postgres://admin:hunter2@db');
  },
  '/null': () => {
    throw null;
  },
  '/string': () => {
    throw 'just a string';
  },
  '/object': () => {
    throw { status: 404, message: 'plain object, not an error' };
  },
  '/crlf': () => {
    throw new HttpException(400, 'bad header', { headers: { 'x-evil': 'a\r\nSet-Cookie: pwned=1', 'x-good': 'fine' } });
  },
  '/http-errors': () => {
    throw createError(403, 'No access to project 9');
  },
  '/sent': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('partial');
    throw new Error('failed half way');
  },
  '/upgrade': () => {
    throw new UpgradeRequiredException('Use TLS', { upgrade: 'TLS/1.3' });
  },
};

function app(options?: SendProblemOptions): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = routes[path] ?? (() => {
      throw new NotFoundException(`No route for ${path}`);
    });
    Promise.resolve()
      .then(() => route(req, res))
      .catch((error: unknown) => sendProblem(res, error, options));
  });
}

describe('typed-http-exceptions/node sendProblem', () => {
  const seen: Array<{ error: unknown; url: string | undefined }> = [];
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = app({ onError: (error, req) => void seen.push({ error, url: req?.url }) });
    base = await listen(server);
  });
  afterAll(() => close(server));

  test('a typed exception thrown synchronously becomes its problem response', async () => {
    const res = await request(`${base}/sync?token=secret`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/sync' });
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
    expectValidProblem(res.json);
  });

  test('a typed exception from an async handler', async () => {
    const res = await request(`${base}/async`);
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ status: 404, detail: 'No order 7' });
  });

  test('429 carries Retry-After', async () => {
    const res = await request(`${base}/rate-limited`);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.json).toMatchObject({ title: 'Too Many Requests', status: 429 });
  });

  test('401 carries WWW-Authenticate', async () => {
    const res = await request(`${base}/auth`);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
  });

  test('an unknown Error is a 500 with no message and no stack', async () => {
    const res = await request(`${base}/unknown`);
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/unknown' });
    expect(res.text).not.toContain('hunter2');
    expect(res.text).not.toContain('at ');
  });

  test.each(['/null', '/string', '/object'])('throwing a non-error (%s) is a 500, never a hang', async (path) => {
    const res = await request(`${base}${path}`);
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: path });
  });

  test('a header value with CR/LF is not sent and the server keeps serving', async () => {
    const res = await request(`${base}/crlf`);
    expect(res.status).toBe(400);
    expect(res.headers['x-evil']).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['x-good']).toBe('fine');
    expect((await request(`${base}/sync`)).status).toBe(404);
  });

  test('http-errors errors keep their status and exposed message', async () => {
    const res = await request(`${base}/http-errors`);
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ title: 'Forbidden', detail: 'No access to project 9' });
  });

  test('HEAD gets status and headers but no body', async () => {
    const res = await request(`${base}/sync`, { method: 'HEAD' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(Number(res.headers['content-length'])).toBeGreaterThan(0);
    expect(res.text).toBe('');
  });

  test('onError sees the original error and the request', async () => {
    seen.length = 0;
    await request(`${base}/unknown`);
    expect(seen).toHaveLength(1);
    expect((seen[0]?.error as Error).message).toContain('hunter2');
    expect(seen[0]?.url).toBe('/unknown');
  });

  test('a response already started is not written twice; the connection is closed and the server keeps serving', async () => {
    seen.length = 0;
    await expect(request(`${base}/sent`)).rejects.toThrow();
    expect(seen).toHaveLength(1);
    expect((await request(`${base}/sync`)).status).toBe(404);
  });

  test('426 sends Upgrade on HTTP/1.1', async () => {
    const res = await request(`${base}/upgrade`);
    expect(res.headers['upgrade']).toBe('TLS/1.3');
  });
});

describe('sendProblem options', () => {
  test('mapError maps a foreign error first', async () => {
    class ValidationFailure extends Error {}
    const server = createServer((_req, res) => {
      sendProblem(res, new ValidationFailure('age must be positive'), {
        mapError: (error) => (error instanceof ValidationFailure ? new BadRequestException(error.message, { errors: [{ detail: error.message, pointer: '#/age' }] }) : undefined),
      });
    });
    const base = await listen(server);
    try {
      const res = await request(`${base}/people`);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ detail: 'age must be positive', errors: [{ detail: 'age must be positive', pointer: '#/age' }] });
    } finally {
      await close(server);
    }
  });

  test('an onError or mapError that throws is contained: the client still gets a safe 500', async () => {
    const server = createServer((_req, res) => {
      sendProblem(res, new NotFoundException('x'), {
        onError: () => {
          throw new Error('logger down');
        },
        mapError: () => {
          throw new Error('mapper bug');
        },
      });
    });
    const base = await listen(server);
    try {
      const res = await request(`${base}/x`);
      expect(res.status).toBe(500);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/x' });
    } finally {
      await close(server);
    }
  });

  test('a rejecting async onError does not cause an unhandled rejection', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    const server = createServer((_req, res) => sendProblem(res, new NotFoundException(), { onError: async () => Promise.reject(new Error('async logger down')) }));
    const base = await listen(server);
    try {
      expect((await request(`${base}/x`)).status).toBe(404);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
      await close(server);
    }
  });

  test('the instance option and debug', async () => {
    const server = createServer((_req, res) => sendProblem(res, new Error('boom', { cause: new Error('root cause') }), { instance: '/fixed', debug: true }));
    const base = await listen(server);
    try {
      const res = await request(`${base}/x`);
      const body = res.json as Record<string, unknown>;
      expect(body).toMatchObject({ status: 500, detail: 'boom', instance: '/fixed' });
      expect(body['stack']).toEqual(expect.stringContaining('Error: boom'));
      expect(body['cause']).toEqual([expect.objectContaining({ message: 'root cause' })]);
    } finally {
      await close(server);
    }
  });
});

describe('sendProblem over HTTP/2', () => {
  test('connection-specific headers such as Upgrade are never sent over HTTP/2', async () => {
    const server: Http2Server = createHttp2Server((_req, res) => sendProblem(res, new UpgradeRequiredException('Use TLS', { upgrade: 'TLS/1.3', headers: { connection: 'close', 'x-kept': 'yes' } })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = connect(`http://127.0.0.1:${port}`);
    try {
      const { headers, body } = await new Promise<{ headers: Record<string, unknown>; body: string }>((resolve, reject) => {
        const stream = client.request({ ':path': '/h2' });
        let body = '';
        let headers: Record<string, unknown> = {};
        stream.on('response', (h) => (headers = h));
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (body += chunk));
        stream.on('end', () => resolve({ headers, body }));
        stream.on('error', reject);
        stream.end();
      });
      expect(headers[':status']).toBe(426);
      expect(headers['upgrade']).toBeUndefined();
      expect(headers['connection']).toBeUndefined();
      expect(headers['x-kept']).toBe('yes');
      expect(JSON.parse(body)).toMatchObject({ status: 426, instance: '/h2' });
    } finally {
      client.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('examples/node.ts', () => {
  test('serves users and answers every failure with a problem', async () => {
    const errorLog = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const server = createExampleServer();
    const base = await listen(server);
    try {
      expect((await request(`${base}/users/1`)).json).toEqual({ id: 1, name: 'Ada' });
      expect((await request(`${base}/users/2`)).json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 2', instance: '/users/2' });
      const limited = await request(`${base}/search`);
      expect([limited.status, limited.headers['retry-after']]).toEqual([429, '30']);
      const invalid = await request(`${base}/users`, { method: 'POST', body: '{}' });
      expect(invalid.json).toMatchObject({ status: 422, errors: [{ detail: 'must be a non-empty string', pointer: '#/name' }] });
      const boom = await request(`${base}/boom`);
      expect(boom.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/boom' });
      expect(errorLog).toHaveBeenCalledWith('GET /boom', expect.objectContaining({ message: 'database password is hunter2' }));
      for (const res of [limited, invalid, boom]) expectValidProblem(res.json);
    } finally {
      errorLog.mockRestore();
      await close(server);
    }
  });
});
