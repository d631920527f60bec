/**
 * The core and `/fetch` on Deno: `deno run` serves the fixture app with Deno.serve on port 0, in
 * a scratch project whose node_modules holds the package with dist/esm only (no CommonJS
 * build), as a Deno project with a package.json uses it (`--node-modules-dir=manual`: read,
 * never installed). Network access to 127.0.0.1 only, no file access, no remote modules, no
 * lock file, and DENO_DIR in the scratch directory.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describeFixtureApp } from './fixture-routes.js';
import { installEsmBuild, runtimeBinary, runtimeEnv, startServer, type RunningServer, type ScratchProject } from './runtime-harness.js';

// A missing or broken binary fails the whole file here, with what to do about it.
const deno = runtimeBinary('deno');
let scratch: ScratchProject | undefined;
let server: RunningServer | undefined;

beforeAll(async () => {
  scratch = await installEsmBuild();
  const flags = ['--node-modules-dir=manual', '--no-lock', '--no-remote', '--no-prompt', '--allow-net=127.0.0.1'];
  server = await startServer(deno, ['run', ...flags, join('app', 'serve-deno.mjs')], {
    cwd: scratch.dir,
    env: runtimeEnv(scratch.dir),
    ready: { printsUrl: true },
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (scratch !== undefined) rmSync(scratch.dir, { recursive: true, force: true });
});

describe(`Deno ${deno.version}`, () => {
  describeFixtureApp(() => {
    if (server === undefined) throw new Error('the Deno server did not start (see beforeAll)');
    return server.url;
  });
});
