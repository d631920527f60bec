import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BadRequestException as NestBadRequestException,
  ConflictException as NestConflictException,
  Controller,
  Get,
  Head,
  HttpException as NestHttpException,
  InternalServerErrorException as NestInternalServerErrorException,
  Module,
  NotFoundException as NestNotFoundException,
  Post,
  Res,
  UnprocessableEntityException as NestUnprocessableEntityException,
  type INestApplication,
} from '@nestjs/common';
import { APP_FILTER, ApplicationConfig, ExternalContextCreator, NestContainer, NestFactory } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { RouterExceptionFilters } from '@nestjs/core/router/router-exception-filters';
import { RouterProxy, type RouterProxyCallback } from '@nestjs/core/router/router-proxy';
import type { Request } from 'express';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { BadRequestException, HttpException, NotFoundException, TooManyRequestsException, UnauthorizedException } from '../../src/index.js';
import { ProblemDetailsFilter, type ProblemDetailsFilterOptions } from '../../src/adapters/nestjs.js';
import { createApp as createExampleApp } from '../../examples/nestjs.js';
import { request } from '../helpers/http-client.js';
import { expectValidProblem } from '../helpers/problem-schema.js';

class ValidationFailure extends Error {}
class ForeignConflict extends Error {}

@Controller()
class TestController {
  @Get('sync')
  sync(): never {
    throw new NotFoundException('No user 42');
  }

  @Get('async')
  async async(): Promise<never> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    throw new NotFoundException('No order 7');
  }

  @Get('rate-limited')
  rateLimited(): never {
    throw new TooManyRequestsException('Slow down', { retryAfter: 30 });
  }

  @Get('auth')
  auth(): never {
    throw new UnauthorizedException('Token expired', { wwwAuthenticate: 'Bearer realm="api"' });
  }

  @Get('unknown')
  unknown(): never {
    throw new Error('connection string postgres://admin:hunter2@db');
  }

  @Get('null')
  throwNull(): never {
    throw null;
  }

  @Get('string')
  throwString(): never {
    throw 'just a string';
  }

  @Get('object')
  throwObject(): never {
    throw { status: 404, message: 'plain object, not an error' };
  }

  @Get('crlf')
  crlf(): never {
    throw new HttpException(400, 'bad header', { headers: { 'x-evil': 'a\r\nSet-Cookie: pwned=1', 'x-good': 'fine' } });
  }

  @Get('nest/not-found')
  nestNotFound(): never {
    throw new NestNotFoundException('No widget 3');
  }

  @Get('nest/not-found-bare')
  nestNotFoundBare(): never {
    throw new NestNotFoundException();
  }

  @Get('nest/bad-request')
  async nestBadRequest(): Promise<never> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    throw new NestBadRequestException('Page size must be at most 100');
  }

  // What ValidationPipe's default exceptionFactory throws: the flattened constraint messages.
  @Post('nest/validation')
  nestValidation(): never {
    throw new NestBadRequestException(['name must be a string', 'age must be a positive number']);
  }

  @Get('nest/validation-422')
  nestValidation422(): never {
    throw new NestUnprocessableEntityException(['email must be an email']);
  }

  @Get('nest/internal')
  nestInternal(): never {
    throw new NestInternalServerErrorException('db password hunter2 rejected', { cause: new Error('root cause') });
  }

  @Get('nest/teapot')
  nestTeapot(): never {
    throw new NestHttpException('I am a teapot', 418);
  }

  @Get('nest/custom-body')
  nestCustomBody(): never {
    throw new NestHttpException({ status: 403, error: 'This is a custom message' }, 403);
  }

  @Get('nest/not-an-error-status')
  nestRedirect(): never {
    throw new NestHttpException('Moved', 302);
  }

  @Get('validation-failure')
  validationFailure(): never {
    throw new ValidationFailure('age must be positive');
  }

  @Get('foreign-conflict')
  foreignConflict(): never {
    throw new ForeignConflict('Order 7 was already shipped');
  }

  @Get('sent')
  sent(@Res() res: ServerResponse): never {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('partial');
    throw new Error('failed half way');
  }

  @Get('ended')
  ended(@Res() res: ServerResponse): never {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('done');
    throw new Error('failed after the response');
  }

  @Head('head-only')
  headOnly(): never {
    throw new NestConflictException('Locked');
  }
}

@Module({ controllers: [TestController] })
class TestModule {}

interface Started {
  readonly app: INestApplication;
  readonly base: string;
}

async function start<R>(filter: ProblemDetailsFilter<R>): Promise<Started> {
  const app = await NestFactory.create(TestModule, { logger: false });
  app.useGlobalFilters(filter);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, base: `http://127.0.0.1:${port}` };
}

const internalError = { type: 'about:blank', title: 'Internal Server Error', status: 500 };

describe('typed-http-exceptions/nestjs ProblemDetailsFilter on the Express platform', () => {
  const seen: Array<{ error: unknown; url: string }> = [];
  let started: Started;
  let base: string;

  beforeAll(async () => {
    started = await start(new ProblemDetailsFilter<Request>({ onError: (error, req) => void seen.push({ error, url: req.originalUrl }) }));
    base = started.base;
  });
  afterAll(() => started.app.close());

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
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No order 7', instance: '/async' });
    expectValidProblem(res.json);
  });

  test('429 carries Retry-After', async () => {
    const res = await request(`${base}/rate-limited`);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Slow down', instance: '/rate-limited' });
    expectValidProblem(res.json);
  });

  test('401 carries WWW-Authenticate', async () => {
    const res = await request(`${base}/auth`);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
    expectValidProblem(res.json);
  });

  test('an unknown Error is a 500 with no message and no stack', async () => {
    const res = await request(`${base}/unknown`);
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ ...internalError, instance: '/unknown' });
    expect(res.text).not.toContain('hunter2');
    expect(res.text).not.toContain('at ');
    expectValidProblem(res.json);
  });

  test.each(['/null', '/string', '/object'])('throwing a non-error (%s) is a 500, never a hang', async (path) => {
    const res = await request(`${base}${path}`);
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ ...internalError, instance: path });
    expectValidProblem(res.json);
  });

  test('a header value with CR/LF is not sent and the server keeps serving', async () => {
    const res = await request(`${base}/crlf`);
    expect(res.status).toBe(400);
    expect(res.headers['x-evil']).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['x-good']).toBe('fine');
    expectValidProblem(res.json);
    expect((await request(`${base}/sync`)).status).toBe(404);
  });

  test('HEAD gets status and headers but no body', async () => {
    const res = await request(`${base}/sync`, { method: 'HEAD' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    const full = await request(`${base}/sync`);
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(full.text)));
    expect(res.text).toBe('');
  });

  test('a HEAD-only route', async () => {
    const res = await request(`${base}/head-only`, { method: 'HEAD' });
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.text).toBe('');
  });

  describe("Nest's own exceptions", () => {
    test('NotFoundException: 404 with its message as detail', async () => {
      const res = await request(`${base}/nest/not-found`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No widget 3', instance: '/nest/not-found' });
      expectValidProblem(res.json);
    });

    test('a NotFoundException without a message has no detail (it would only repeat the title)', async () => {
      const res = await request(`${base}/nest/not-found-bare`);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, instance: '/nest/not-found-bare' });
    });

    test('BadRequestException from an async handler', async () => {
      const res = await request(`${base}/nest/bad-request`);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Page size must be at most 100', instance: '/nest/bad-request' });
      expectValidProblem(res.json);
    });

    test('a ValidationPipe-style message list becomes errors', async () => {
      const res = await request(`${base}/nest/validation`, { method: 'POST' });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'Validation failed',
        instance: '/nest/validation',
        errors: [{ detail: 'name must be a string' }, { detail: 'age must be a positive number' }],
      });
      expectValidProblem(res.json);
    });

    test('a message list with another 4xx status (errorHttpStatusCode: 422)', async () => {
      const res = await request(`${base}/nest/validation-422`);
      expect(res.status).toBe(422);
      expect(res.json).toMatchObject({ status: 422, detail: 'Validation failed', errors: [{ detail: 'email must be an email' }] });
      expectValidProblem(res.json);
    });

    test('InternalServerErrorException: 500 with no detail', async () => {
      const res = await request(`${base}/nest/internal`);
      expect(res.status).toBe(500);
      expect(res.json).toEqual({ ...internalError, instance: '/nest/internal' });
      expect(res.text).not.toContain('hunter2');
    });

    test('HttpException with status 418', async () => {
      const res = await request(`${base}/nest/teapot`);
      expect(res.status).toBe(418);
      expect(res.json).toMatchObject({ status: 418, detail: 'I am a teapot', instance: '/nest/teapot' });
      expectValidProblem(res.json);
    });

    test('HttpException with a custom response object that has no message: status only', async () => {
      const res = await request(`${base}/nest/custom-body`);
      expect(res.status).toBe(403);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Forbidden', status: 403, instance: '/nest/custom-body' });
    });

    test('HttpException with a status outside 400-599 is a plain 500', async () => {
      const res = await request(`${base}/nest/not-an-error-status`);
      expect(res.status).toBe(500);
      expect(res.json).toEqual({ ...internalError, instance: '/nest/not-an-error-status' });
    });

    test("an unknown route is Nest's NotFoundException, as a 404 problem without the query string", async () => {
      const res = await request(`${base}/no/such/route?token=secret`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'Cannot GET /no/such/route', instance: '/no/such/route' });
      expect(res.text).not.toContain('secret');
      expectValidProblem(res.json);
    });

    test('an unknown route with HEAD', async () => {
      const res = await request(`${base}/no/such/route`, { method: 'HEAD' });
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.text).toBe('');
    });

    test('a malformed JSON body (body-parser error mapped by Nest) is a 400 problem', async () => {
      const res = await request(`${base}/nest/validation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.json).toMatchObject({ title: 'Bad Request', status: 400, instance: '/nest/validation' });
      expectValidProblem(res.json);
    });
  });

  test('onError sees the original error and the request', async () => {
    seen.length = 0;
    await request(`${base}/unknown?x=1`);
    expect(seen).toHaveLength(1);
    expect((seen[0]?.error as Error).message).toContain('hunter2');
    expect(seen[0]?.url).toBe('/unknown?x=1');
  });

  test("onError sees Nest's exception as thrown", async () => {
    seen.length = 0;
    await request(`${base}/nest/internal`);
    expect(seen[0]?.error).toBeInstanceOf(NestInternalServerErrorException);
  });

  test('a response already started (@Res() wrote part of it) is not written twice: onError is called, the connection closed, the server keeps serving', async () => {
    seen.length = 0;
    await expect(request(`${base}/sent`)).rejects.toThrow();
    expect(seen).toHaveLength(1);
    expect((seen[0]?.error as Error).message).toBe('failed half way');
    expect((await request(`${base}/sync`)).status).toBe(404);
  });

  test('an error after the response was complete leaves that response intact; onError still sees it', async () => {
    seen.length = 0;
    const res = await request(`${base}/ended`);
    expect(res.status).toBe(200);
    expect(res.text).toBe('done');
    expect((seen[0]?.error as Error).message).toBe('failed after the response');
  });
});

describe('ProblemDetailsFilter options', () => {
  test("mapError runs first; when it declines, Nest's exceptions are still mapped; a Nest exception it returns is mapped too", async () => {
    const { app, base } = await start(
      new ProblemDetailsFilter({
        mapError: (error) => {
          if (error instanceof ValidationFailure) return new BadRequestException(error.message, { errors: [{ detail: error.message, pointer: '#/age' }] });
          if (error instanceof ForeignConflict) return new NestConflictException(error.message);
          return undefined;
        },
      }),
    );
    try {
      const mapped = await request(`${base}/validation-failure`);
      expect(mapped.status).toBe(400);
      expect(mapped.json).toEqual({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'age must be positive',
        instance: '/validation-failure',
        errors: [{ detail: 'age must be positive', pointer: '#/age' }],
      });
      expectValidProblem(mapped.json);

      const toNest = await request(`${base}/foreign-conflict`);
      expect(toNest.status).toBe(409);
      expect(toNest.json).toEqual({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'Order 7 was already shipped', instance: '/foreign-conflict' });

      const declined = await request(`${base}/nest/validation`, { method: 'POST' });
      expect(declined.status).toBe(400);
      expect(declined.json).toMatchObject({ detail: 'Validation failed', errors: [{ detail: 'name must be a string' }, { detail: 'age must be a positive number' }] });
    } finally {
      await app.close();
    }
  });

  test("the user's mapError can take over Nest's exceptions", async () => {
    const { app, base } = await start(
      new ProblemDetailsFilter({ mapError: (error) => (error instanceof NestNotFoundException ? new HttpException(410, 'Gone for good') : undefined) }),
    );
    try {
      const res = await request(`${base}/nest/not-found`);
      expect(res.status).toBe(410);
      expect(res.json).toMatchObject({ status: 410, detail: 'Gone for good' });
    } finally {
      await app.close();
    }
  });

  test('an onError or mapError that throws is contained: the client still gets a safe 500', async () => {
    const { app, base } = await start(
      new ProblemDetailsFilter({
        onError: () => {
          throw new Error('logger down');
        },
        mapError: () => {
          throw new Error('mapper bug');
        },
      }),
    );
    try {
      for (const path of ['/sync', '/nest/not-found', '/no/such/route']) {
        const res = await request(`${base}${path}`);
        expect(res.status).toBe(500);
        expect(res.json).toEqual({ ...internalError, instance: path });
      }
      const head = await request(`${base}/sync`, { method: 'HEAD' });
      expect(head.status).toBe(500);
    } finally {
      await app.close();
    }
  });

  test('a rejecting async onError does not cause an unhandled rejection', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    const { app, base } = await start(new ProblemDetailsFilter({ onError: async () => Promise.reject(new Error('async logger down')) }));
    try {
      expect((await request(`${base}/sync`)).status).toBe(404);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
      await app.close();
    }
  });

  test("instance, typeBaseUrl and debug (the stack is where Nest's exception was thrown)", async () => {
    const options: ProblemDetailsFilterOptions = { instance: '/fixed', debug: true, typeBaseUrl: 'https://example.com/problems/' };
    const { app, base } = await start(new ProblemDetailsFilter(options));
    try {
      const res = await request(`${base}/nest/internal`);
      const body = res.json as Record<string, unknown>;
      expect(body).toMatchObject({ status: 500, detail: 'db password hunter2 rejected', instance: '/fixed' });
      expect(body['stack']).toEqual(expect.stringContaining('nestjs.test.ts'));
      expect(body['cause']).toEqual([expect.objectContaining({ message: 'root cause' })]);
      expectValidProblem(body);
    } finally {
      await app.close();
    }
  });
});

describe('ProblemDetailsFilter as an APP_FILTER provider', () => {
  @Module({ imports: [TestModule], providers: [{ provide: APP_FILTER, useValue: new ProblemDetailsFilter() }] })
  class AppFilterModule {}

  test('registered through dependency injection it catches everything too', async () => {
    const app = await NestFactory.create(AppFilterModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    try {
      expect((await request(`${base}/sync`)).json).toMatchObject({ status: 404, detail: 'No user 42' });
      expect((await request(`${base}/nest/not-found`)).json).toMatchObject({ status: 404, detail: 'No widget 3' });
      expect((await request(`${base}/nope`)).headers['content-type']).toBe('application/problem+json');
      expect((await request(`${base}/null`)).json).toEqual({ ...internalError, instance: '/null' });
    } finally {
      await app.close();
    }
  });
});

describe('ProblemDetailsFilter outside HTTP', () => {
  test('in a non-HTTP context (GraphQL-style external context) it steps aside: Nest rethrows the original error, onError is not called', async () => {
    const onError = jest.fn();
    const app = await NestFactory.create(TestModule, { logger: false });
    app.useGlobalFilters(new ProblemDetailsFilter({ onError }));
    await app.init();
    try {
      const controller = app.get(TestController);
      // What @nestjs/graphql does for a resolver: Nest's own context creator, global filters included.
      const handler = app.get(ExternalContextCreator).create(controller, controller.unknown, 'unknown', undefined, undefined, undefined, undefined, undefined, 'graphql');
      await expect(handler()).rejects.toThrow('connection string postgres://admin:hunter2@db');
      expect(onError).not.toHaveBeenCalled();
    } finally {
      await app.close();
    }
  });

  test.each(['rpc', 'ws', 'graphql'])('host.getType() === %s: returns without writing or throwing', (type) => {
    const onError = jest.fn();
    const host = new ExecutionContextHost([{ data: 1 }, { context: true }]);
    host.setType(type);
    expect(new ProblemDetailsFilter({ onError }).catch(new NotFoundException('x'), host)).toBeUndefined();
    expect(onError).not.toHaveBeenCalled();
  });
});

/**
 * The Fastify platform (@nestjs/platform-fastify is not installed): a real Fastify 5
 * server whose routes run through Nest's own RouterProxy and ExceptionsHandler with the
 * filter registered as a global filter, which is how Nest dispatches a route's error on
 * that platform (the filter gets the FastifyRequest and FastifyReply).
 */
describe('ProblemDetailsFilter on a Fastify reply (Nest dispatch, Fastify 5 server)', () => {
  const seen: Array<{ error: unknown; url: string }> = [];
  let server: FastifyInstance;
  let base: string;

  type Route = (req: FastifyRequest, reply: FastifyReply) => unknown;
  const routes: Record<string, Route> = {
    '/sync': () => {
      throw new NotFoundException('No user 42');
    },
    '/rate-limited': async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      throw new TooManyRequestsException('Slow down', { retryAfter: 30 });
    },
    '/nest/validation': () => {
      throw new NestBadRequestException(['name must be a string']);
    },
    '/nest/internal': () => {
      throw new NestInternalServerErrorException('hunter2');
    },
    '/unknown': () => {
      throw new Error('hunter2');
    },
    '/null': () => {
      throw null;
    },
    '/crlf': () => {
      throw new HttpException(400, 'bad header', { headers: { 'x-evil': 'a\r\nSet-Cookie: pwned=1', 'x-good': 'fine' } });
    },
    '/headers-before': (_req, reply) => {
      reply.header('access-control-allow-origin', '*');
      reply.header('content-type', 'text/csv');
      reply.header('etag', '"v1"');
      throw new NotFoundException('No report');
    },
    '/sent': (_req, reply) => {
      reply.raw.writeHead(200, { 'content-type': 'text/plain' });
      reply.raw.write('partial');
      throw new Error('failed half way');
    },
  };

  beforeAll(async () => {
    const config = new ApplicationConfig();
    config.useGlobalFilters(new ProblemDetailsFilter<FastifyRequest>({ onError: (error, req) => void seen.push({ error, url: req.url }) }));
    const filters = new RouterExceptionFilters(new NestContainer(), config, undefined as never);
    const proxy = new RouterProxy();
    // A route as Nest's router runs it: errors go to the ExceptionsHandler with the global filters.
    const dispatch = (route: Route) => {
      const callback = route as unknown as RouterProxyCallback;
      const handle = proxy.createProxy(callback, filters.create({}, callback, undefined));
      return (req: FastifyRequest, reply: FastifyReply) => handle(req, reply, () => undefined);
    };
    server = Fastify();
    for (const [path, route] of Object.entries(routes)) server.get(path, dispatch(route));
    // As Nest's RoutesResolver.registerNotFoundHandler does.
    server.setNotFoundHandler(
      dispatch((req) => {
        throw new NestNotFoundException(`Cannot ${req.method} ${req.raw.url}`);
      }),
    );
    await server.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  test('a typed exception: status, exact media type, body', async () => {
    const res = await request(`${base}/sync?token=secret`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/sync' });
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
    expectValidProblem(res.json);
  });

  test('async route, 429 with Retry-After', async () => {
    const res = await request(`${base}/rate-limited`);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('30');
    expectValidProblem(res.json);
  });

  test("Nest's exceptions: validation list, hidden 5xx message, unknown route", async () => {
    const validation = await request(`${base}/nest/validation`);
    expect(validation.json).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Validation failed', instance: '/nest/validation', errors: [{ detail: 'name must be a string' }] });
    const internal = await request(`${base}/nest/internal`);
    expect(internal.json).toEqual({ ...internalError, instance: '/nest/internal' });
    const missing = await request(`${base}/nope?token=secret`);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'Cannot GET /nope', instance: '/nope' });
    for (const res of [validation, internal, missing]) expectValidProblem(res.json);
  });

  test.each(['/unknown', '/null'])('%s is a 500 with no message', async (path) => {
    const res = await request(`${base}${path}`);
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ ...internalError, instance: path });
  });

  test('CR/LF header dropped, server keeps serving', async () => {
    const res = await request(`${base}/crlf`);
    expect(res.status).toBe(400);
    expect(res.headers['x-evil']).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['x-good']).toBe('fine');
    expect((await request(`${base}/sync`)).status).toBe(404);
  });

  test('headers set on the reply before the error: CORS kept, the ones describing the intended body dropped', async () => {
    const res = await request(`${base}/headers-before`);
    expect(res.status).toBe(404);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.headers['etag']).toBeUndefined();
  });

  test('HEAD gets status and headers but no body', async () => {
    const res = await request(`${base}/sync`, { method: 'HEAD' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    const full = await request(`${base}/sync`);
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(full.text)));
    expect(res.text).toBe('');
  });

  test('onError gets the FastifyRequest; an already-started reply is closed, not written twice', async () => {
    seen.length = 0;
    await expect(request(`${base}/sent`)).rejects.toThrow();
    expect(seen).toHaveLength(1);
    expect((seen[0]?.error as Error).message).toBe('failed half way');
    expect(seen[0]?.url).toBe('/sent');
    expect((await request(`${base}/sync`)).status).toBe(404);
  });
});

describe('examples/nestjs.ts', () => {
  let app: INestApplication;
  let base: string;
  const consoleError = jest.spyOn(console, 'error');

  beforeAll(async () => {
    consoleError.mockImplementation(() => undefined);
    app = await createExampleApp();
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    consoleError.mockRestore();
  });

  test('a found user, and a missing one as a 404 problem', async () => {
    expect((await request(`${base}/users/1`)).json).toEqual({ id: 1, name: 'Ada' });
    const res = await request(`${base}/users/99`);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 99', instance: '/users/99' });
    expectValidProblem(res.json);
  });

  test('429 with Retry-After', async () => {
    const res = await request(`${base}/search`);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('30');
    expectValidProblem(res.json);
  });

  test('422 with errors, and a valid user created', async () => {
    const bad = await request(`${base}/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(bad.status).toBe(422);
    expect(bad.json).toMatchObject({ status: 422, errors: [{ detail: 'must be a non-empty string', pointer: '#/name' }] });
    expectValidProblem(bad.json);
    const good = await request(`${base}/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Grace"}' });
    expect(good.status).toBe(201);
  });

  test("Nest's ForbiddenException", async () => {
    const res = await request(`${base}/admin`);
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ title: 'Forbidden', detail: 'Admins only' });
  });

  test('an unexpected Error is a plain 500, logged through onError', async () => {
    consoleError.mockClear();
    const res = await request(`${base}/boom`);
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ ...internalError, instance: '/boom' });
    expect(consoleError).toHaveBeenCalledWith(expect.objectContaining({ message: 'database password is hunter2' }));
  });

  test('an unknown route is a 404 problem', async () => {
    const res = await request(`${base}/nope`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
  });
});
