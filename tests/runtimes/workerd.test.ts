/**
 * The core and `/fetch` on Cloudflare's workerd: the fixture app in a scratch project (the
 * package installed with dist/esm only), bundled by esbuild into one ES module as Workers
 * tooling does (workerd does not resolve packages itself; esbuild's neutral platform refuses
 * any `node:` import), served as a module worker by fixtures/workerd.capnp without the
 * nodejs_compat flag, at the compatibility date of the binary itself.
 */
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describeFixtureApp } from './fixture-routes.js';
import { installEsmBuild, freePort, runtimeBinary, runtimeEnv, startServer, type RunningServer, type ScratchProject } from './runtime-harness.js';

// A missing or broken binary fails the whole file here, with what to do about it.
const workerd = runtimeBinary('workerd');
let scratch: ScratchProject | undefined;
let server: RunningServer | undefined;

beforeAll(async () => {
  scratch = await installEsmBuild();
  const worker = join(scratch.dir, 'worker');
  mkdirSync(worker);
  await build({
    absWorkingDir: scratch.dir,
    entryPoints: [join(scratch.dir, 'app', 'app.mjs')],
    outfile: join(worker, 'worker.js'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    // The conditions Workers tooling resolves packages with.
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    logLevel: 'silent',
  });
  const template = readFileSync(join(scratch.dir, 'app', 'workerd.capnp'), 'utf8');
  if (!template.includes('"COMPATIBILITY_DATE"')) throw new Error('fixtures/workerd.capnp lost its "COMPATIBILITY_DATE" placeholder');
  writeFileSync(join(worker, 'config.capnp'), template.replace('"COMPATIBILITY_DATE"', JSON.stringify(workerd.version)));
  // The config needs a fixed port: take a free one and hand it over on the command line.
  const port = await freePort();
  server = await startServer(workerd, ['serve', 'config.capnp', '--socket-addr', `http=127.0.0.1:${port}`], {
    cwd: worker,
    env: runtimeEnv(scratch.dir),
    ready: { pollUrl: `http://127.0.0.1:${port}/nope` },
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (scratch !== undefined) rmSync(scratch.dir, { recursive: true, force: true });
});

describe(`workerd ${workerd.version} (compatibility date ${workerd.version}, no nodejs_compat)`, () => {
  describeFixtureApp(() => {
    if (server === undefined) throw new Error('the workerd server did not start (see beforeAll)');
    return server.url;
  });
});
