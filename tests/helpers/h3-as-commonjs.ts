/**
 * h3 2 ships only ES modules, which Jest's CommonJS runtime cannot load on Node 20 (it can from
 * Node 24.9). `loadH3()` bundles the real, unchanged h3 (with srvx and rou3) to one CommonJS file
 * with esbuild and requires it. Use it as the factory of `jest.mock('h3', …)`.
 */
import { buildSync } from 'esbuild';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function loadH3(): unknown {
  const outfile = join(tmpdir(), `typed-http-exceptions-jest-h3-${process.pid}-${Date.now()}.cjs`);
  buildSync({ entryPoints: [require.resolve('h3')], bundle: true, format: 'cjs', platform: 'node', target: 'node20', outfile, logLevel: 'error' });
  try {
    return jest.requireActual(outfile);
  } finally {
    rmSync(outfile, { force: true });
  }
}
