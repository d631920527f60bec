// A Nest 12 app (Nest 12 is ESM-only) with ProblemDetailsFilter from the built dist/esm,
// started on the Express and the Fastify platform, each on 127.0.0.1 port 0. Run by
// tests/adapters/nestjs12.test.ts as a child process: it prints one JSON line
// ({ nest, express, fastify, filter }) once both listen, and exits when its stdin closes (the
// test ended or died) or on SIGTERM. Plain JavaScript, so Nest's decorators are applied
// by calling them, as TypeScript's emitted code does.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BadRequestException as NestBadRequestException, Controller, Get, Head, InternalServerErrorException as NestInternalServerErrorException, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

const root = new URL('../../', import.meta.url);

// Our package through its own "exports" map, as a user's ESM import resolves it.
const rootPackage = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const entry = (subpath) => new URL(rootPackage.exports[subpath].import.default, root).href;
const { ConflictException, NotFoundException, TooManyRequestsException } = await import(entry('.'));
const { ProblemDetailsFilter } = await import(entry('./nestjs'));

// Which Nest was loaded: without tests/nest12/node_modules, Node would find the root's Nest 11.
const nestVersion = JSON.parse(readFileSync(new URL('package.json', import.meta.resolve('@nestjs/core')), 'utf8')).version;

class TestController {
  ours() {
    throw new NotFoundException('No user 42');
  }

  async oursAsync() {
    await new Promise((resolve) => setTimeout(resolve, 1));
    throw new TooManyRequestsException('Slow down', { retryAfter: 30 });
  }

  nestBadRequest() {
    throw new NestBadRequestException('Page size must be at most 100');
  }

  // What ValidationPipe's default exceptionFactory throws: one message per failed constraint.
  nestValidation() {
    throw new NestBadRequestException(['name must be a string', 'age must be a positive number']);
  }

  nestInternal() {
    throw new NestInternalServerErrorException('db password hunter2 rejected');
  }

  plainError() {
    throw new Error('connection string postgres://admin:hunter2@db');
  }

  headOnly() {
    throw new ConflictException('Locked');
  }

  lastError() {
    return lastError;
  }
}

/** Applies a Nest method decorator the way TypeScript's `__decorate` does. */
function decorate(Class, method, decorator) {
  const descriptor = Object.getOwnPropertyDescriptor(Class.prototype, method);
  Object.defineProperty(Class.prototype, method, decorator(Class.prototype, method, descriptor) ?? descriptor);
}

decorate(TestController, 'ours', Get('ours/not-found'));
decorate(TestController, 'oursAsync', Get('ours/rate-limited'));
decorate(TestController, 'nestBadRequest', Get('nest/bad-request'));
decorate(TestController, 'nestValidation', Post('nest/validation'));
decorate(TestController, 'nestInternal', Get('nest/internal'));
decorate(TestController, 'plainError', Get('plain-error'));
decorate(TestController, 'headOnly', Head('head-only'));
decorate(TestController, 'lastError', Get('last-error'));
Controller()(TestController);

class TestModule {}
Module({ controllers: [TestController] })(TestModule);

// What onError last saw, per platform, served by GET /last-error.
let lastError = null;
const onError = (error, request) => {
  lastError = { message: error instanceof Error ? error.message : String(error), url: request.originalUrl ?? request.url };
};

async function start(adapter) {
  const app = adapter === undefined ? await NestFactory.create(TestModule, { logger: false }) : await NestFactory.create(TestModule, adapter, { logger: false });
  app.useGlobalFilters(new ProblemDetailsFilter({ onError }));
  await app.listen(0, '127.0.0.1');
  return app;
}

const apps = [];
try {
  apps.push(await start(undefined), await start(new FastifyAdapter()));
} catch (error) {
  console.error('Nest 12 app failed to start:', error);
  process.exit(1);
}
const [express, fastify] = apps.map((app) => app.getHttpServer().address().port);
process.stdout.write(JSON.stringify({ nest: nestVersion, express, fastify, filter: fileURLToPath(entry('./nestjs')) }) + '\n');

async function stop() {
  await Promise.allSettled(apps.map((app) => app.close()));
  process.exit(0);
}
process.once('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
