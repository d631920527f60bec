/**
 * The core and `/fetch` on Bun: `bun run app/serve-bun.mjs` serves the fixture app with
 * Bun.serve on port 0, in a scratch project whose node_modules holds the package with dist/esm
 * only (no CommonJS build); `--no-install` keeps Bun from fetching anything.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describeFixtureApp } from './fixture-routes.js';
import { installEsmBuild, runtimeBinary, runtimeEnv, startServer, type RunningServer, type ScratchProject } from './runtime-harness.js';

// A missing or broken binary fails the whole file here, with what to do about it.
const bun = runtimeBinary('bun');
let scratch: ScratchProject | undefined;
let server: RunningServer | undefined;

beforeAll(async () => {
  scratch = await installEsmBuild();
  server = await startServer(bun, ['run', '--no-install', '--no-env-file', join('app', 'serve-bun.mjs')], {
    cwd: scratch.dir,
    env: runtimeEnv(scratch.dir),
    ready: { printsUrl: true },
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (scratch !== undefined) rmSync(scratch.dir, { recursive: true, force: true });
});

describe(`Bun ${bun.version}`, () => {
  describeFixtureApp(() => {
    if (server === undefined) throw new Error('the Bun server did not start (see beforeAll)');
    return server.url;
  });
});
