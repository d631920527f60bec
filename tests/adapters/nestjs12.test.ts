/**
 * ProblemDetailsFilter in a real Nest 12 app (Nest 12 is ESM-only), on the Express and the
 * Fastify platform, beside the Nest 11 tests in nestjs.test.ts. Nest 12 cannot be installed
 * beside the root's Nest 11, so tests/nest12 is its own small project (package.json and lock
 * file); its node_modules is installed here with `npm ci` when missing. The app
 * (tests/nest12/app.mjs) loads our package from the built dist/esm, so this needs
 * `npm run build` first (`npm test` does it), and runs in a child process.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { request } from '../helpers/http-client.js';
import { expectValidProblem } from '../helpers/problem-schema.js';

const root = join(__dirname, '..', '..');
const project = join(root, 'tests', 'nest12');
const builtFilter = join(root, 'dist', 'esm', 'adapters', 'nestjs.js');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

// A user's file: decorators, both platforms, the built .d.ts resolved through "exports".
const typedApp = `
import 'reflect-metadata';
import { Controller, Get, Module, type ExceptionFilter } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { NotFoundException } from 'typed-http-exceptions';
import { ProblemDetailsFilter, type ProblemDetailsFilterOptions } from 'typed-http-exceptions/nestjs';

@Controller()
class UsersController {
  @Get('users/:id')
  find(): never {
    throw new NotFoundException('No user 42');
  }
}

@Module({ controllers: [UsersController] })
class AppModule {}

const filter: ExceptionFilter = new ProblemDetailsFilter();
// @ts-expect-error: Nest 12's ExceptionFilter has a catch() (proves its types were resolved)
const notAFilter: ExceptionFilter = {};
const options: ProblemDetailsFilterOptions<FastifyRequest> = { onError: (_error, req) => console.log(req.url) };
// @ts-expect-error: onError gets the request type given
const wrong: ProblemDetailsFilterOptions<FastifyRequest> = { onError: (_error, req) => req.noSuchMember };

const express = await NestFactory.create(AppModule);
express.useGlobalFilters(filter, new ProblemDetailsFilter<{ originalUrl: string }>({ onError: (_error, req) => console.log(req.originalUrl) }));
const fastify = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter());
fastify.useGlobalFilters(new ProblemDetailsFilter(options));
export { notAFilter, wrong };
`;

/** What app.mjs prints once both platforms listen. */
interface Started {
  readonly nest: string;
  readonly express: number;
  readonly fastify: number;
  readonly filter: string;
}

/** Whether tests/nest12/node_modules holds the exact versions its package.json pins (a finished install). */
function isInstalled(): boolean {
  const pinned = (JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
  return Object.entries(pinned).every(([name, version]) => {
    const installed = join(project, 'node_modules', name, 'package.json');
    return existsSync(installed) && (JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version === version;
  });
}

/** Installs tests/nest12/node_modules from its lock file unless it is there and current (a fresh clone, CI, a version bump). */
function ensureInstalled(): void {
  if (isInstalled()) return;
  // The npm that runs this test (`npm test` sets npm_execpath to its CLI script), else the one on PATH.
  const npmCli = process.env['npm_execpath'];
  const [command, cli]: [string, string[]] = npmCli !== undefined && /npm-cli\.js$/.test(npmCli) ? [process.execPath, [npmCli]] : ['npm', []];
  // Under `npm test` the environment names the root as npm's project folder; this install is tests/nest12's.
  const env = { ...process.env };
  delete env['npm_config_local_prefix'];
  // No package of the lock file has an install script; --ignore-scripts keeps it that way.
  const result = spawnSync(command, [...cli, 'ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project, env, encoding: 'utf8', timeout: 170_000 });
  if (result.status !== 0) {
    throw new Error(`npm ci in tests/nest12 failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}):\n${result.stderr}`);
  }
}

/** Starts tests/nest12/app.mjs and resolves to the ports it prints; rejects with its stderr if it cannot start. */
function startApp(child: ChildProcessWithoutNullStreams): Promise<Started> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`Nest 12 app (tests/nest12/app.mjs) could not start: ${why}\n${stderr}`));
    };
    const timer = setTimeout(() => fail('it printed no ports within 30 s'), 30_000);
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const end = stdout.indexOf('\n');
      if (end === -1) return;
      clearTimeout(timer);
      try {
        resolve(JSON.parse(stdout.slice(0, end)) as Started);
      } catch {
        fail(`unexpected output ${JSON.stringify(stdout.slice(0, end))}`);
      }
    });
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`it exited (${code ?? signal}) before listening`));
  });
}

async function stopApp(child: ChildProcessWithoutNullStreams | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

describe('the built dist/esm Nest adapter', () => {
  test('loads with no Nest (nor any other package) to resolve: Nest is only ever imported as types', () => {
    if (!existsSync(builtFilter)) throw new Error(`${builtFilter} is missing: run \`npm run build\` first (\`npm test\` does it)`);
    // A copy of dist/esm outside the repository: no node_modules above it, so a runtime import of
    // @nestjs/* (or of anything but its own files) would fail to load.
    const scratch = mkdtempSync(join(tmpdir(), 'nest12-dist-'));
    try {
      cpSync(join(root, 'dist', 'esm'), join(scratch, 'esm'), { recursive: true });
      const url = pathToFileURL(join(scratch, 'esm', 'adapters', 'nestjs.js')).href;
      const script = `const m = await import(${JSON.stringify(url)}); console.log(typeof m.ProblemDetailsFilter, typeof new m.ProblemDetailsFilter().catch);`;
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: scratch, encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.stdout.trim()).toBe('function function');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

const internalError = { type: 'about:blank', title: 'Internal Server Error', status: 500 };

describe('a Nest 12 app (tests/nest12/app.mjs) in a child process', () => {
  let child: ChildProcessWithoutNullStreams | undefined;
  let started: Started;

  beforeAll(async () => {
    if (!existsSync(builtFilter)) throw new Error(`${builtFilter} is missing: run \`npm run build\` first (\`npm test\` does it)`);
    ensureInstalled();
    child = spawn(process.execPath, [join(project, 'app.mjs')], { cwd: project });
    started = await startApp(child);
  }, 240_000);

  afterAll(() => stopApp(child));

  test('runs Nest 12 (not the root Nest 11) with the filter of dist/esm, reached through the "./nestjs" export', () => {
    expect(started.nest).toMatch(/^12\./);
    expect(realpathSync(started.filter)).toBe(realpathSync(builtFilter));
  });

  test("Nest 12's types accept the filter: a user's strict TypeScript (NodeNext) against the built .d.ts", () => {
    // Outside the repository, so '@nestjs/*' resolves to Nest 12 only (the root has Nest 11).
    const scratch = mkdtempSync(join(tmpdir(), 'nest12-types-'));
    try {
      const modules = join(scratch, 'node_modules');
      const ours = join(modules, 'typed-http-exceptions');
      mkdirSync(ours, { recursive: true });
      cpSync(join(root, 'package.json'), join(ours, 'package.json'));
      cpSync(join(root, 'dist'), join(ours, 'dist'), { recursive: true });
      for (const name of readdirSync(join(project, 'node_modules'))) {
        if (!name.startsWith('.')) symlinkSync(join(project, 'node_modules', name), join(modules, name));
      }
      writeFileSync(join(scratch, 'package.json'), JSON.stringify({ type: 'module' }));
      writeFileSync(join(scratch, 'app.ts'), typedApp);
      const compilerOptions = {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        noEmit: true,
        types: ['node'],
        typeRoots: [join(root, 'node_modules', '@types')],
      };
      writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['app.ts'] }));
      const result = spawnSync(process.execPath, [tsc, '-p', scratch, '--traceResolution'], { cwd: scratch, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      const errors = result.stdout.split('\n').filter((line) => line.includes('error TS'));
      expect(errors).toEqual([]);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/Module name '@nestjs\/common' was successfully resolved to '[^']*\/tests\/nest12\/node_modules\/@nestjs\/common\/index\.d\.ts' with Package ID '@nestjs\/common\/index\.d\.ts@12\./);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 60_000);

  describe.each([
    ['Express', 'express'],
    ['Fastify', 'fastify'],
  ] as const)('ProblemDetailsFilter on the %s platform', (_name, platform) => {
    let base: string;
    beforeAll(() => {
      base = `http://127.0.0.1:${started[platform]}`;
    });

    test('our NotFoundException: 404 application/problem+json with its detail', async () => {
      const res = await request(`${base}/ours/not-found?token=secret`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/ours/not-found' });
      expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
      expectValidProblem(res.json);
    });

    test('our TooManyRequestsException from an async handler: 429 with Retry-After', async () => {
      const res = await request(`${base}/ours/rate-limited`);
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('30');
      expect(res.json).toEqual({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Slow down', instance: '/ours/rate-limited' });
      expectValidProblem(res.json);
    });

    test("Nest 12's own BadRequestException: 400 with its message as detail", async () => {
      const res = await request(`${base}/nest/bad-request`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('application/problem+json');
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

    test("Nest 12's InternalServerErrorException: 500 with its message hidden", async () => {
      const res = await request(`${base}/nest/internal`);
      expect(res.status).toBe(500);
      expect(res.json).toEqual({ ...internalError, instance: '/nest/internal' });
      expect(res.text).not.toContain('hunter2');
    });

    test("an unknown route is Nest's 404, as a problem without the query string", async () => {
      const res = await request(`${base}/no/such/route?token=secret`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'Cannot GET /no/such/route', instance: '/no/such/route' });
      expect(res.text).not.toContain('secret');
      expectValidProblem(res.json);
    });

    test('a plain Error is a bare 500; onError gets the error and the platform request', async () => {
      const res = await request(`${base}/plain-error?x=1`);
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.json).toEqual({ ...internalError, instance: '/plain-error' });
      expect(res.text).not.toContain('hunter2');
      expectValidProblem(res.json);
      expect((await request(`${base}/last-error`)).json).toEqual({ message: 'connection string postgres://admin:hunter2@db', url: '/plain-error?x=1' });
    });

    test('HEAD of a GET route: status and headers of the problem, no body', async () => {
      const res = await request(`${base}/ours/not-found`, { method: 'HEAD' });
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/problem+json');
      const full = await request(`${base}/ours/not-found`);
      expect(res.headers['content-length']).toBe(String(Buffer.byteLength(full.text)));
      expect(res.text).toBe('');
    });

    test('a @Head() route and an unknown route with HEAD', async () => {
      const headOnly = await request(`${base}/head-only`, { method: 'HEAD' });
      expect(headOnly.status).toBe(409);
      expect(headOnly.headers['content-type']).toBe('application/problem+json');
      expect(headOnly.text).toBe('');
      const missing = await request(`${base}/no/such/route`, { method: 'HEAD' });
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toBe('application/problem+json');
      expect(missing.text).toBe('');
    });
  });
});
