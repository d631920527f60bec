/**
 * Soak test of the error path, against the BUILT package (dist/): for each adapter, a server
 * in its own `node --expose-gc` process (scripts/soak/server.ts) and a keep-alive load
 * generator here, at full speed on 127.0.0.1 with a fixed concurrency, driving the mixed
 * workload of scripts/soak/workload.ts (typed exceptions, unknown errors, hostile throws).
 *
 * Every response is validated (not a sample): status as expected for its route,
 * `content-type: application/problem+json`, Content-Length right, body valid against the
 * RFC 9457 schema (tests/fixtures) with body.status equal to the response status,
 * `instance` the request path without its query, no "hunter2" secret, no stack, no
 * `stack`/`cause` member, no detail on 5xx, body under 64 KiB, plus the route's own checks.
 * A request without a complete response within --timeout-ms counts as hung.
 *
 * Asserted per adapter: no crash (the server process exits only when told to), no hung
 * request, no invalid response, no socket error, `onError` called once for every request the
 * server received, and heap growth below --max-heap-growth % between the post-warm-up and
 * the post-load measurement (each the smallest of several samples after forced GCs).
 *
 * Usage: npm run build && ts-node --transpile-only scripts/soak/index.ts
 *          [--seconds 60] [--adapters express,fastify,koa,node] [--concurrency 32]
 *          [--warmup-seconds 5] [--timeout-ms 5000] [--max-heap-growth 10] [--format cjs|esm]
 * Exit code 0 when every assertion holds, 1 otherwise, 2 on a usage or setup error.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import ts from 'typescript';
import type { AdapterName, ChildMessage, ParentMessage } from './server';
import { ROUTES, routeTable, SECRET, type RouteSpec } from './workload';

const ROOT = join(__dirname, '..', '..');
const ADAPTERS: readonly AdapterName[] = ['express', 'fastify', 'koa', 'node'];
const MAX_BODY_BYTES = 64 * 1024;

interface Settings {
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly adapters: readonly AdapterName[];
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly maxHeapGrowth: number;
  readonly format: 'cjs' | 'esm';
}

function settings(): Settings {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      'warmup-seconds': { type: 'string', default: '5' },
      adapters: { type: 'string', default: ADAPTERS.join(',') },
      concurrency: { type: 'string', default: '32' },
      'timeout-ms': { type: 'string', default: '5000' },
      'max-heap-growth': { type: 'string', default: '10' },
      format: { type: 'string', default: 'cjs' },
    },
    strict: true,
  });
  const number = (name: string, raw: string | undefined, min: number): number => {
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min) throw new UsageError(`--${name} must be a number >= ${min}, got ${String(raw)}`);
    return value;
  };
  const seconds = number('seconds', values.seconds, 1);
  const adapters = (values.adapters ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
  for (const name of adapters) {
    if (!(ADAPTERS as readonly string[]).includes(name)) throw new UsageError(`unknown adapter "${name}"; use ${ADAPTERS.join(',')}`);
  }
  if (adapters.length === 0) throw new UsageError('--adapters lists no adapter');
  if (values.format !== 'cjs' && values.format !== 'esm') throw new UsageError('--format must be cjs or esm');
  return {
    seconds,
    // Long enough for the JIT and the frameworks' caches to settle before the first heap sample
    // (with 3 s, 10-second runs showed up to 5% growth that 60-second runs do not have).
    warmupSeconds: number('warmup-seconds', values['warmup-seconds'], 0),
    adapters: adapters as AdapterName[],
    concurrency: Math.floor(number('concurrency', values.concurrency, 1)),
    timeoutMs: number('timeout-ms', values['timeout-ms'], 100),
    maxHeapGrowth: number('max-heap-growth', values['max-heap-growth'], 0),
    format: values.format,
  };
}

class UsageError extends Error {}

// ---------------------------------------------------------------------------------------------
// Child processes: one server per adapter, always killed when this process ends.
// ---------------------------------------------------------------------------------------------

const children = new Set<ChildProcess>();
let buildDir: string | undefined;

function cleanUp(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  if (buildDir !== undefined) rmSync(buildDir, { recursive: true, force: true });
  buildDir = undefined;
}
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

/** Transpiles the server (and the workload it imports) to plain CommonJS: no ts-node in the measured process. */
function buildServer(): string {
  const dir = mkdtempSync(join(tmpdir(), 'typed-http-exceptions-soak-'));
  buildDir = dir;
  writeFileSync(join(dir, 'package.json'), '{ "type": "commonjs" }\n');
  for (const name of ['server', 'workload']) {
    const source = readFileSync(join(__dirname, `${name}.ts`), 'utf8');
    // A .cts file name keeps `import()` (the ESM build) a real dynamic import.
    const { outputText } = ts.transpileModule(source, {
      fileName: `${name}.cts`,
      compilerOptions: { module: ts.ModuleKind.NodeNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    writeFileSync(join(dir, `${name}.js`), outputText);
  }
  return join(dir, 'server.js');
}

interface Server {
  readonly child: ChildProcess;
  readonly ready: Extract<ChildMessage, { type: 'ready' }>;
  /** Set once the process ended (code or signal); `expected` when we asked it to stop. */
  readonly ended: { exited: boolean; expected: boolean; code: number | null; signal: NodeJS.Signals | null };
  readonly stderr: () => string;
  ask<T extends ChildMessage['type']>(cmd: ParentMessage['cmd'], reply: T, timeoutMs?: number): Promise<Extract<ChildMessage, { type: T }>>;
  stop(): Promise<void>;
}

async function startServer(serverJs: string, adapter: AdapterName, format: string): Promise<Server> {
  const child = fork(serverJs, [adapter, format, ROOT], { execArgv: ['--expose-gc'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'], cwd: ROOT });
  children.add(child);
  let stderr = '';
  const keep = (chunk: Buffer): void => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  };
  child.stderr?.on('data', keep);
  child.stdout?.on('data', keep);
  const ended = { exited: false, expected: false, code: null as number | null, signal: null as NodeJS.Signals | null };
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      Object.assign(ended, { exited: true, code, signal });
      children.delete(child);
      resolve();
    }),
  );
  const waiters: Array<(message: ChildMessage) => boolean> = [];
  child.on('message', (message: ChildMessage) => {
    const index = waiters.findIndex((waiter) => waiter(message));
    if (index !== -1) waiters.splice(index, 1);
  });
  const waitFor = <T extends ChildMessage['type']>(type: T, timeoutMs: number): Promise<Extract<ChildMessage, { type: T }>> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${adapter} server: no "${type}" reply within ${timeoutMs} ms\n${stderr}`)), timeoutMs);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`${adapter} server exited (code ${String(ended.code)}, signal ${String(ended.signal)}) while waiting for "${type}"\n${stderr}`));
      });
      waiters.push((message) => {
        if (message.type !== type) return false;
        clearTimeout(timer);
        resolve(message as Extract<ChildMessage, { type: T }>);
        return true;
      });
    });
  const ready = await waitFor('ready', 30_000);
  return {
    child,
    ready,
    ended,
    stderr: () => stderr,
    ask(cmd, reply, timeoutMs = 30_000) {
      const answer = waitFor(reply, timeoutMs);
      child.send({ cmd } satisfies ParentMessage);
      return answer;
    },
    async stop() {
      if (ended.exited) return;
      ended.expected = true;
      child.send({ cmd: 'stop' } satisfies ParentMessage);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Load generator and validation.
// ---------------------------------------------------------------------------------------------

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validateSchema = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'rfc9457-problem.schema.json'), 'utf8')) as object);

interface LoadStats {
  requests: number;
  invalid: number;
  socketErrors: number;
  hung: number;
  latenciesMs: number[];
  /** First failures, for the report: "route: message". */
  samples: string[];
  durationMs: number;
}

type Headers = Record<string, string | string[] | undefined>;

/** Why a response is not what the route must produce; undefined when it is. */
function invalidity(route: RouteSpec, status: number, headers: Headers, raw: Buffer): string | undefined {
  if (status !== route.status) return `status ${status}, expected ${route.status}`;
  if (headers['content-type'] !== 'application/problem+json') return `content-type ${String(headers['content-type'])}`;
  if (headers['set-cookie'] !== undefined) return 'a set-cookie header was sent';
  const allHeaders = JSON.stringify(headers);
  if (allHeaders.includes(SECRET)) return 'the secret reached a header';
  if (route.method === 'HEAD') {
    if (raw.length !== 0) return 'HEAD response with a body';
    const length = Number(headers['content-length']);
    return Number.isInteger(length) && length > 0 ? undefined : `HEAD content-length ${String(headers['content-length'])}`;
  }
  if (headers['content-length'] !== String(raw.length)) return `content-length ${String(headers['content-length'])}, body has ${raw.length} bytes`;
  if (raw.length >= MAX_BODY_BYTES) return `body of ${raw.length} bytes`;
  const text = raw.toString('utf8');
  if (text.includes(SECRET)) return 'the secret reached the body';
  if (/\n\s+at /.test(text) || text.includes('\\n    at ')) return 'a stack trace reached the body';
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `body is not JSON: ${text.slice(0, 80)}`;
  }
  if (!validateSchema(body)) return `not an RFC 9457 problem: ${ajv.errorsText(validateSchema.errors)}`;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body is not an object';
  const problem = body as Record<string, unknown>;
  if (problem['status'] !== status) return `body.status ${String(problem['status'])} differs from the response status ${status}`;
  if (typeof problem['title'] !== 'string' || typeof problem['type'] !== 'string') return 'type or title missing';
  if (problem['instance'] !== route.path) return `instance ${String(problem['instance'])}, expected ${route.path}`;
  if ('stack' in problem || 'cause' in problem) return 'stack or cause member sent';
  if (status >= 500 && 'detail' in problem) return 'a 5xx carries a detail';
  return route.check?.(problem, headers);
}

async function runLoad(port: number, durationMs: number, config: Settings, crashed: () => boolean): Promise<LoadStats> {
  const agent = new Agent({ keepAlive: true, maxSockets: config.concurrency, maxFreeSockets: config.concurrency });
  // Weighted round-robin over the routes: the same mix in every run.
  const schedule: RouteSpec[] = [];
  for (const route of ROUTES) for (let i = 0; i < route.weight; i++) schedule.push(route);
  const stats: LoadStats = { requests: 0, invalid: 0, socketErrors: 0, hung: 0, latenciesMs: [], samples: [], durationMs: 0 };
  const note = (route: RouteSpec, message: string): void => {
    if (stats.samples.length < 10) stats.samples.push(`${route.method ?? 'GET'} ${route.path}: ${message}`);
  };
  let next = 0;
  const started = performance.now();
  const deadline = started + durationMs;

  const one = (route: RouteSpec): Promise<void> =>
    new Promise((resolve) => {
      const begin = performance.now();
      let settled = false;
      const finish = (outcome: 'ok' | 'invalid' | 'socket' | 'hung', message?: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        stats.requests++;
        if (outcome === 'ok') stats.latenciesMs.push(performance.now() - begin);
        else if (outcome === 'invalid') stats.invalid++;
        else if (outcome === 'socket') stats.socketErrors++;
        else stats.hung++;
        if (message !== undefined) note(route, message);
        resolve();
      };
      const req = httpRequest(
        { host: '127.0.0.1', port, path: `${route.path}?token=${SECRET}`, method: route.method ?? 'GET', agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => finish('socket', `response error: ${error.message}`));
          res.on('end', () => {
            const failure = invalidity(route, res.statusCode ?? 0, res.headers, Buffer.concat(chunks));
            finish(failure === undefined ? 'ok' : 'invalid', failure);
          });
        },
      );
      const timer = setTimeout(() => {
        finish('hung', `no complete response within ${config.timeoutMs} ms`);
        req.destroy();
      }, config.timeoutMs);
      req.on('error', (error) => finish('socket', `request error: ${error.message}`));
      req.end();
    });

  const worker = async (): Promise<void> => {
    while (performance.now() < deadline && !crashed()) {
      const route = schedule[next++ % schedule.length] as RouteSpec;
      await one(route);
    }
  };
  await Promise.all(Array.from({ length: config.concurrency }, worker));
  stats.durationMs = performance.now() - started;
  agent.destroy();
  return stats;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

// ---------------------------------------------------------------------------------------------
// One adapter: start, warm up, measure, load, measure, stop.
// ---------------------------------------------------------------------------------------------

interface Row {
  adapter: AdapterName;
  requests: number;
  rps: number;
  errors: number;
  hung: number;
  crashes: number;
  p50: number;
  p99: number;
  heapBefore: number;
  heapAfter: number;
  growth: number;
  lost: number;
  failures: string[];
}

async function soakAdapter(serverJs: string, adapter: AdapterName, config: Settings): Promise<Row> {
  const row: Row = { adapter, requests: 0, rps: 0, errors: 0, hung: 0, crashes: 0, p50: Number.NaN, p99: Number.NaN, heapBefore: Number.NaN, heapAfter: Number.NaN, growth: Number.NaN, lost: 0, failures: [] };
  let server: Server | undefined;
  try {
    server = await startServer(serverJs, adapter, config.format);
    const live = server;
    const expectedRoutes = [...routeTable().keys()].sort();
    if (JSON.stringify([...live.ready.routes].sort()) !== JSON.stringify(expectedRoutes)) row.failures.push('the server and the client disagree on the routes');
    process.stdout.write(`${adapter}: server pid ${String(live.child.pid)} on port ${live.ready.port}, package from ${live.ready.loadedFrom.replace(ROOT, '.')}\n`);
    const crashed = (): boolean => live.ended.exited && !live.ended.expected;

    const warm = await runLoad(live.ready.port, config.warmupSeconds * 1000, config, crashed);
    const before = await live.ask('heap', 'heap');
    const load = await runLoad(live.ready.port, config.seconds * 1000, config, crashed);
    const after = await live.ask('heap', 'heap');
    const server_ = await live.ask('stats', 'stats');

    const sorted = Float64Array.from(load.latenciesMs).sort();
    Object.assign(row, {
      requests: load.requests,
      rps: load.requests / (load.durationMs / 1000),
      errors: warm.invalid + warm.socketErrors + load.invalid + load.socketErrors,
      hung: warm.hung + load.hung,
      p50: percentile(Array.from(sorted), 50),
      p99: percentile(Array.from(sorted), 99),
      heapBefore: before.heapUsed,
      heapAfter: after.heapUsed,
      growth: ((after.heapUsed - before.heapUsed) / before.heapUsed) * 100,
      lost: server_.requests - server_.onErrorCalls,
    });
    for (const sample of [...warm.samples, ...load.samples].slice(0, 10)) row.failures.push(sample);
    if (row.errors > 0) row.failures.push(`${row.errors} responses failed validation or hit a socket error`);
    if (row.hung > 0) row.failures.push(`${row.hung} requests hung (no response within ${config.timeoutMs} ms)`);
    if (row.lost !== 0) row.failures.push(`onError was called ${server_.onErrorCalls} times for ${server_.requests} requests`);
    if (server_.frameworkErrors > 0) row.failures.push(`${server_.frameworkErrors} errors reached the framework's own error handler`);
    if (warm.requests + load.requests > server_.requests) row.failures.push(`the client got ${warm.requests + load.requests} answers to ${server_.requests} requests`);
    if (row.growth >= config.maxHeapGrowth) row.failures.push(`heap grew ${row.growth.toFixed(1)}% (limit ${config.maxHeapGrowth}%); samples before ${mb(before.samples)}, after ${mb(after.samples)}`);
    if (load.requests === 0) row.failures.push('no request completed');
    await live.stop();
  } catch (error: unknown) {
    row.failures.push(error instanceof Error ? error.message : String(error));
  } finally {
    if (server !== undefined) {
      if (server.ended.exited && !server.ended.expected) {
        row.crashes = 1;
        row.failures.push(`the server process died (code ${String(server.ended.code)}, signal ${String(server.ended.signal)}):\n${server.stderr()}`);
      } else if (server.ended.exited && server.ended.code !== 0) {
        row.failures.push(`the server process exited with code ${String(server.ended.code)} when stopped:\n${server.stderr()}`);
      }
      await server.stop();
    }
  }
  return row;
}

function mb(values: readonly number[]): string {
  return values.map((value) => (value / 1048576).toFixed(2)).join('/');
}

function table(rows: readonly Row[]): string {
  const header = ['adapter', 'requests', 'req/s', 'errors', 'hung', 'crashes', 'lost', 'p50 ms', 'p99 ms', 'heap before MB', 'heap after MB', 'growth %', 'result'];
  const lines = rows.map((row) => [
    row.adapter,
    String(row.requests),
    row.rps.toFixed(0),
    String(row.errors),
    String(row.hung),
    String(row.crashes),
    String(row.lost),
    row.p50.toFixed(2),
    row.p99.toFixed(2),
    (row.heapBefore / 1048576).toFixed(2),
    (row.heapAfter / 1048576).toFixed(2),
    row.growth.toFixed(2),
    row.failures.length === 0 ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => (line[i] as string).length)));
  const format = (cells: readonly string[]): string => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join(' | ')} |`;
  return [format(header), `|${widths.map((width, i) => (i === 0 ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`)).join('|')}|`, ...lines.map(format)].join('\n');
}

/** The built package must exist; a dist older than src/ is reported (the soak tests what was built). */
function checkBuild(): void {
  const entry = join(ROOT, 'dist', 'cjs', 'index.js');
  if (!existsSync(entry) || !existsSync(join(ROOT, 'dist', 'esm', 'index.js'))) throw new UsageError('dist/ is missing: run `npm run build` first (`npm run soak` does)');
  const built = statSync(entry).mtimeMs;
  const newer = (dir: string): string | undefined => {
    for (const entry_ of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry_.name);
      if (entry_.isDirectory()) {
        const found = newer(path);
        if (found !== undefined) return found;
      } else if (statSync(path).mtimeMs > built) return path;
    }
    return undefined;
  };
  const stale = newer(join(ROOT, 'src'));
  if (stale !== undefined) process.stdout.write(`warning: ${stale.replace(ROOT, '.')} is newer than dist/: the soak runs the last build\n`);
}

async function main(): Promise<number> {
  const config = settings();
  checkBuild();
  const serverJs = buildServer();
  process.stdout.write(
    `soak: ${config.adapters.join(', ')}; ${config.seconds} s each after ${config.warmupSeconds} s warm-up; ${config.concurrency} connections; ` +
      `${ROUTES.length} request kinds; timeout ${config.timeoutMs} ms; ${config.format} build; heap growth limit ${config.maxHeapGrowth}%\n`,
  );
  const rows: Row[] = [];
  for (const adapter of config.adapters) rows.push(await soakAdapter(serverJs, adapter, config));
  process.stdout.write(`\n${table(rows)}\n`);
  const failed = rows.filter((row) => row.failures.length > 0);
  for (const row of failed) process.stdout.write(`\n${row.adapter} FAILED:\n${row.failures.map((line) => `  - ${line}`).join('\n')}\n`);
  process.stdout.write(failed.length === 0 ? '\nsoak passed\n' : `\nsoak FAILED for ${failed.map((row) => row.adapter).join(', ')}\n`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    cleanUp();
    process.exit(code);
  },
  (error: unknown) => {
    cleanUp();
    process.stderr.write(`${error instanceof UsageError ? 'usage' : 'soak setup failed'}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
