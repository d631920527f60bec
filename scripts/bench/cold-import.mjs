// Comparison 4: cold import time of the core and of each adapter entry: a fresh `node` process per
// sample (see cold-import-sample.mjs), the entries interleaved, the median per entry. An empty
// module is measured the same way, as the floor any import costs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { distDir, median, report, SCALE } from './lib.mjs';

const dist = distDir();
const scratch = mkdtempSync(join(tmpdir(), 'bench-import-'));
const empty = join(scratch, 'empty.mjs');
const emptyCjs = join(scratch, 'empty.cjs');
const warmup = join(scratch, 'warmup.mjs');
const warmupCjs = join(scratch, 'warmup.cjs');
writeFileSync(empty, 'export {};\n');
writeFileSync(emptyCjs, 'module.exports = {};\n');
writeFileSync(warmup, 'export const warm = true;\n');
writeFileSync(warmupCjs, 'exports.warm = true;\n');

const ENTRIES = [
  { name: 'empty module (floor)', format: 'esm', file: empty },
  { name: 'typed-http-exceptions', format: 'esm', file: join(dist, 'esm', 'index.js') },
  { name: 'typed-http-exceptions (require)', format: 'cjs', file: join(dist, 'cjs', 'index.js') },
  ...['express', 'fastify', 'koa', 'node', 'fetch', 'nestjs'].map((adapter) => ({
    name: `typed-http-exceptions/${adapter}`,
    format: 'esm',
    file: join(dist, 'esm', 'adapters', `${adapter}.js`),
  })),
].filter((entry) => existsSync(entry.file));

const SAMPLES = Math.max(5, Math.round(21 * SCALE));
const sampler = fileURLToPath(new URL('./cold-import-sample.mjs', import.meta.url));
const samples = new Map(ENTRIES.map((entry) => [entry.name, []]));
try {
  for (let round = 0; round < SAMPLES; round++) {
    for (const entry of ENTRIES) {
      const output = execFileSync(process.execPath, [sampler, entry.format, entry.file, entry.format === 'cjs' ? warmupCjs : warmup], { encoding: 'utf8' });
      samples.get(entry.name).push(Number(output));
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
report({
  comparison: 'cold-import',
  method: 'performance.now() around the import in a fresh process, after warming the loader with an unrelated module',
  results: ENTRIES.map((entry) => {
    const perSample = samples.get(entry.name);
    return { name: entry.name, format: entry.format, ms: median(perSample), min: Math.min(...perSample), max: Math.max(...perSample), samples: perSample.length };
  }),
});
