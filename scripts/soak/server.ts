/**
 * One soak server: the workload's routes on one adapter, using the BUILT package (dist/),
 * in its own process (started by scripts/soak/index.ts with `node --expose-gc`). It talks to
 * the parent over IPC:
 *   parent → { cmd: 'heap' }   child → { type: 'heap', heapUsed, samples }  (forced GC first)
 *   parent → { cmd: 'stats' }  child → { type: 'stats', requests, onErrorCalls, frameworkErrors }
 *   parent → { cmd: 'stop' }   child closes the server and exits 0
 * It installs no `uncaughtException` handler: a crash ends the process, and the parent sees it.
 *
 * Usage (from index.ts, after transpiling): node --expose-gc server.js <adapter> <cjs|esm> <repo root>
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Library from 'typed-http-exceptions';
import type * as ExpressAdapter from 'typed-http-exceptions/express';
import type * as FastifyAdapter from 'typed-http-exceptions/fastify';
import type * as KoaAdapter from 'typed-http-exceptions/koa';
import type * as NodeAdapter from 'typed-http-exceptions/node';
import type ExpressModule from 'express';
import type FastifyModule from 'fastify';
import type KoaModule from 'koa';
import type createHttpError from 'http-errors';
import { routeTable, type Toolkit } from './workload';

export type AdapterName = 'express' | 'fastify' | 'koa' | 'node';

export type ChildMessage =
  | { type: 'ready'; port: number; adapter: AdapterName; format: string; loadedFrom: string; routes: string[] }
  | { type: 'heap'; heapUsed: number; samples: number[] }
  | { type: 'stats'; requests: number; onErrorCalls: number; frameworkErrors: number };

export type ParentMessage = { cmd: 'heap' } | { cmd: 'stats' } | { cmd: 'stop' };

declare const gc: (() => void) | undefined;

const [adapterArg, formatArg = 'cjs', rootArg = process.cwd()] = process.argv.slice(2);
const adapter = adapterArg as AdapterName;
const format = formatArg === 'esm' ? 'esm' : 'cjs';
// Resolve everything (the package itself included, by its own name) from the repository root.
const load = createRequire(join(rootArg, 'package.json'));

async function loadPackage<T>(subpath: '' | '/express' | '/fastify' | '/koa' | '/node'): Promise<{ module: T; file: string }> {
  const file = load.resolve(`typed-http-exceptions${subpath}`);
  if (format === 'cjs') return { module: load(file) as T, file };
  // The same entry point in the ESM build: exports map dist/cjs/... ↔ dist/esm/...
  const esmFile = file.replace(`${sep}dist${sep}cjs${sep}`, `${sep}dist${sep}esm${sep}`);
  return { module: (await import(pathToFileURL(esmFile).href)) as T, file: esmFile };
}

const counters = { requests: 0, onErrorCalls: 0, frameworkErrors: 0 };
const onError = (): void => {
  counters.onErrorCalls++;
};

async function main(): Promise<void> {
  if (typeof gc !== 'function') throw new Error('start the soak server with node --expose-gc');
  const lib = (await loadPackage<typeof Library>('')).module;
  const kit: Toolkit = { lib, createError: load('http-errors') as typeof createHttpError };
  const table = routeTable();
  // Every request ends in a thrown error: the route's, or a NotFoundException for unknown paths.
  const raiseFor = (path: string): (() => unknown) => {
    const raise = table.get(path);
    return raise === undefined
      ? () => {
          throw new lib.NotFoundException();
        }
      : () => raise(kit);
  };

  let server: Server;
  let loadedFrom: string;
  let close: () => Promise<void>;
  switch (adapter) {
    case 'node': {
      const { module, file } = await loadPackage<typeof NodeAdapter>('/node');
      loadedFrom = file;
      server = createServer((req: IncomingMessage, res: ServerResponse) => {
        const raise = raiseFor((req.url ?? '/').split('?')[0] as string);
        void (async () => {
          try {
            await raise();
          } catch (error: unknown) {
            module.sendProblem(res, error, { onError });
          }
        })();
      });
      close = closer(server);
      break;
    }
    case 'express': {
      const { module, file } = await loadPackage<typeof ExpressAdapter>('/express');
      loadedFrom = file;
      const express = load('express') as typeof ExpressModule;
      const app = express();
      app.set('env', 'production');
      app.set('etag', false);
      // Async wrapper: Express 5 forwards rejections (even `undefined`) to the error handler.
      app.all('/{*path}', async (req) => {
        await raiseFor(req.path)();
      });
      app.use(module.problemDetailsHandler({ onError }));
      server = createServer(app);
      close = closer(server);
      break;
    }
    case 'fastify': {
      const { module, file } = await loadPackage<typeof FastifyAdapter>('/fastify');
      loadedFrom = file;
      const fastify = load('fastify') as typeof FastifyModule;
      const app = fastify({ logger: false });
      app.setErrorHandler(module.problemDetailsErrorHandler({ onError }));
      app.setNotFoundHandler(async () => {
        throw new lib.NotFoundException();
      });
      for (const path of table.keys()) {
        app.get(path, async () => {
          await raiseFor(path)();
        });
      }
      await app.listen({ port: 0, host: '127.0.0.1' });
      server = app.server;
      close = async () => {
        server.closeAllConnections();
        await app.close();
      };
      break;
    }
    case 'koa': {
      const { module, file } = await loadPackage<typeof KoaAdapter>('/koa');
      loadedFrom = file;
      const Koa = load('koa') as typeof KoaModule;
      const app = new Koa();
      app.on('error', () => {
        counters.frameworkErrors++;
      });
      app.use(module.problemDetailsMiddleware({ onError }));
      app.use(async (ctx) => {
        await raiseFor(ctx.path)();
      });
      server = createServer(app.callback());
      close = closer(server);
      break;
    }
    default:
      throw new Error(`unknown adapter ${String(adapter)}`);
  }

  server.on('request', () => {
    counters.requests++;
  });
  if (!server.listening) {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
  }

  process.on('message', (message: ParentMessage) => {
    void (async () => {
      if (message.cmd === 'heap') send({ type: 'heap', ...(await measureHeap()) });
      else if (message.cmd === 'stats') send({ type: 'stats', ...counters });
      else if (message.cmd === 'stop') {
        await close();
        process.disconnect?.();
        process.exit(0);
      }
    })();
  });
  // The parent going away (killed, crashed) takes the server with it.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port: (server.address() as AddressInfo).port, adapter, format, loadedFrom, routes: [...table.keys()] });
}

function closer(server: Server): () => Promise<void> {
  return async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

/** heapUsed after forced full GCs: the smallest of several samples, to keep noise out. */
async function measureHeap(): Promise<{ heapUsed: number; samples: number[] }> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    // Let pending callbacks and timers (closed sockets, parsers going back to the pool) run.
    await new Promise((resolve) => setTimeout(resolve, 20));
    (gc as () => void)();
    (gc as () => void)();
    samples.push(process.memoryUsage().heapUsed);
  }
  return { heapUsed: Math.min(...samples), samples };
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

main().catch((error: unknown) => {
  console.error('soak server failed to start:', error);
  process.exit(2);
});
