import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from 'jest';

function packageEntries(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(__dirname, 'package.json'), 'utf8')) as { name: string; exports: Record<string, string | { import: { default: string } }> };
  const entries: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target !== 'object') continue;
    const name = pkg.name + subpath.slice(1);
    entries[`^${name.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}$`] = '<rootDir>/' + target.import.default.replace('./dist/esm/', 'src/').replace(/\.js$/, '.ts');
  }
  return entries;
}

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  // Sources import './x.js' (what Node's ESM needs); under Jest those are the .ts files.
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // Examples and tests import the package by name, as users do; in tests that is the source
    // file behind each "exports" entry (./dist/esm/adapters/koa.js <- src/adapters/koa.ts).
    ...packageEntries(),
  },
  testTimeout: 30_000,
};

export default config;
