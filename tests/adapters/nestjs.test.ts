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
import { APP_FILTER, ExternalContextCreator, NestFactory } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { BadRequestException, HttpException, NotFoundException } from '../../src/index.js';
import { ProblemDetailsFilter, type ProblemDetailsFilterOptions } from '../../src/adapters/nestjs.js';
import { createApp as createExampleApp } from '../../examples/nestjs.js';
import { request } from '../helpers/http-client.js';
import { expectValidProblem } from '../helpers/problem-schema.js';

// What every adapter shares (statuses, thrown values, header policy, HEAD, onError, mapError,
// responses already started, options, HTTP/2 on Fastify) runs against Nest on both platforms
// in tests/conformance/. Here: Nest's own exceptions, decorators, dependency injection and contexts.

class ValidationFailure extends Error {}
class ForeignConflict extends Error {}

@Controller()
class TestController {
  @Get('sync')
  sync(): never {
    throw new NotFoundException('No user 42');
  }

  @Get('null')
  throwNull(): never {
    throw null;
  }

  @Get('unknown')
  unknown(): never {
    throw new Error('connection string postgres://admin:hunter2@db');
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

  @Get('ended')
  ended(@Res() res: ServerResponse | FastifyReply): never {
    // Express's res is the Node response; Fastify's reply wraps it.
    const raw = 'raw' in res ? res.raw : res;
    (raw as ServerResponse).writeHead(200, { 'content-type': 'text/plain' }).end('done');
    throw new Error('failed after the response');
  }

  @Head('head-only')
  headOnly(): never {
    throw new NestConflictException('Locked');
  }
}

@Module({ controllers: [TestController] })
class TestModule {}

type Platform = 'Express' | 'Fastify';

interface Started {
  readonly app: INestApplication;
  readonly base: string;
}

async function start<R>(filter: ProblemDetailsFilter<R>, platform: Platform): Promise<Started> {
  const app = await NestFactory.create(TestModule, platform === 'Express' ? new ExpressAdapter() : new FastifyAdapter(), { logger: false });
  app.useGlobalFilters(filter);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, base: `http://127.0.0.1:${port}` };
}

const internalError = { type: 'about:blank', title: 'Internal Server Error', status: 500 };
const platforms: Platform[] = ['Express', 'Fastify'];

describe.each(platforms)("ProblemDetailsFilter on Nest's %s platform: what is Nest's own", (platform) => {
  const seen: Array<{ error: unknown }> = [];
  let started: Started;
  let base: string;

  beforeAll(async () => {
    started = await start(new ProblemDetailsFilter({ onError: (error) => void seen.push({ error }) }), platform);
    base = started.base;
  });
  afterAll(() => started.app.close());
  beforeEach(() => {
    seen.length = 0;
  });

  test('a HEAD-only route (@Head)', async () => {
    const res = await request(`${base}/head-only`, { method: 'HEAD' });
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(Number(res.headers['content-length'])).toBeGreaterThan(0);
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

    test('a malformed JSON body (the body parser\'s error, through Nest) is a 400 problem', async () => {
      const res = await request(`${base}/nest/validation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.json).toMatchObject({ title: 'Bad Request', status: 400, instance: '/nest/validation' });
      expectValidProblem(res.json);
    });
  });

  test("onError sees Nest's exception as thrown", async () => {
    await request(`${base}/nest/internal`);
    expect(seen[0]?.error).toBeInstanceOf(NestInternalServerErrorException);
  });

  test('an error after the response was complete (@Res() ended it) leaves that response intact; onError still sees it', async () => {
    const res = await request(`${base}/ended`);
    expect(res.status).toBe(200);
    expect(res.text).toBe('done');
    expect((seen[0]?.error as Error).message).toBe('failed after the response');
  });

  describe('options with Nest exceptions', () => {
    test("mapError runs first; when it declines, Nest's exceptions are still mapped; a Nest exception it returns is mapped too", async () => {
      const { app, base: url } = await start(
        new ProblemDetailsFilter({
          mapError: (error) => {
            if (error instanceof ValidationFailure) return new BadRequestException(error.message, { errors: [{ detail: error.message, pointer: '#/age' }] });
            if (error instanceof ForeignConflict) return new NestConflictException(error.message);
            return undefined;
          },
        }),
        platform,
      );
      try {
        const mapped = await request(`${url}/validation-failure`);
        expect(mapped.status).toBe(400);
        expect(mapped.json).toMatchObject({ detail: 'age must be positive', errors: [{ detail: 'age must be positive', pointer: '#/age' }] });
        expectValidProblem(mapped.json);

        const toNest = await request(`${url}/foreign-conflict`);
        expect(toNest.status).toBe(409);
        expect(toNest.json).toEqual({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'Order 7 was already shipped', instance: '/foreign-conflict' });

        const declined = await request(`${url}/nest/validation`, { method: 'POST' });
        expect(declined.status).toBe(400);
        expect(declined.json).toMatchObject({ detail: 'Validation failed', errors: [{ detail: 'name must be a string' }, { detail: 'age must be a positive number' }] });
      } finally {
        await app.close();
      }
    });

    test("the user's mapError can take over Nest's exceptions", async () => {
      const { app, base: url } = await start(
        new ProblemDetailsFilter({ mapError: (error) => (error instanceof NestNotFoundException ? new HttpException(410, 'Gone for good') : undefined) }),
        platform,
      );
      try {
        const res = await request(`${url}/nest/not-found`);
        expect(res.status).toBe(410);
        expect(res.json).toMatchObject({ status: 410, detail: 'Gone for good' });
      } finally {
        await app.close();
      }
    });

    test("a mapError that throws: Nest's exceptions, and Nest's 404 for an unknown route, are a bare 500 too", async () => {
      const { app, base: url } = await start(
        new ProblemDetailsFilter({
          mapError: () => {
            throw new Error('mapper bug');
          },
        }),
        platform,
      );
      try {
        for (const path of ['/nest/not-found', '/no/such/route']) {
          const res = await request(`${url}${path}`);
          expect(res.status).toBe(500);
          expect(res.json).toEqual({ ...internalError, instance: path });
        }
      } finally {
        await app.close();
      }
    });

    test("debug shows a Nest 5xx's message, its stack (where Nest's exception was thrown) and its cause", async () => {
      const options: ProblemDetailsFilterOptions = { instance: '/fixed', debug: true };
      const { app, base: url } = await start(new ProblemDetailsFilter(options), platform);
      try {
        const res = await request(`${url}/nest/internal`);
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
