/**
 * arktype 2 ships only ES modules, which Jest's CommonJS runtime cannot load on Node 20 (it can
 * from Node 24.9). `loadArktype` returns the real, unchanged arktype (with @ark/schema and
 * @ark/util) bundled to CommonJS by esbuild; a test file uses it as
 * `jest.mock('arktype', () => jest.requireActual<typeof import('../validation/arktype-cjs')>('../validation/arktype-cjs').loadArktype())`.
 */
import { buildSync } from 'esbuild';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The arktype module, loaded through an esbuild CommonJS bundle. */
export function loadArktype(): typeof import('arktype') {
  const outfile = join(tmpdir(), `typed-http-exceptions-jest-arktype-${process.pid}-${Date.now()}.cjs`);
  buildSync({ entryPoints: [require.resolve('arktype')], bundle: true, format: 'cjs', platform: 'node', target: 'node20', outfile, logLevel: 'error' });
  try {
    return jest.requireActual<typeof import('arktype')>(outfile);
  } finally {
    rmSync(outfile, { force: true });
  }
}
