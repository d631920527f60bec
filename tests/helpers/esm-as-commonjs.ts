/**
 * h3 2 and arktype 2 ship only ES modules, which Jest's CommonJS runtime cannot load on Node 20
 * (it can from Node 24.9). `loadAsCommonJs(name)` bundles the real, unchanged package (with its
 * own dependencies) to one CommonJS file with esbuild and requires it. Use it as the factory of
 * `jest.mock(name, …)`:
 *
 * jest.mock('h3', () => jest.requireActual<typeof import('../helpers/esm-as-commonjs')>('../helpers/esm-as-commonjs').loadAsCommonJs('h3'));
 */
import { buildSync } from 'esbuild';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function loadAsCommonJs<Module extends object = object>(name: string): Module {
  const outfile = join(tmpdir(), `typed-http-exceptions-jest-${name.replace(/\W/g, '-')}-${process.pid}-${Date.now()}.cjs`);
  buildSync({ entryPoints: [require.resolve(name)], bundle: true, format: 'cjs', platform: 'node', target: 'node20', outfile, logLevel: 'error' });
  try {
    return jest.requireActual<Module>(outfile);
  } finally {
    rmSync(outfile, { force: true });
  }
}
