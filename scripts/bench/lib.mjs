// Shared helpers of the benchmark (scripts/bench/index.mjs runs each comparison in its own process).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The built package under test: `dist/` of the repository (what users get), or the folder in
 * `BENCH_DIST` (used to compare two builds). Fails clearly when it has not been built.
 */
export function distDir() {
  const dir = resolve(process.env.BENCH_DIST ?? join(ROOT, 'dist'));
  if (!existsSync(join(dir, 'esm', 'index.js'))) {
    throw new Error(`No build in ${dir}: run \`npm run build\` first`);
  }
  return dir;
}

/** file: URL of a module of the ESM build, e.g. distUrl('adapters/express.js'). */
export function distUrl(path) {
  return pathToFileURL(join(distDir(), 'esm', path)).href;
}

/** Effort knob: `BENCH_SCALE=0.2` for a quick smoke run, 1 for the real thing. */
export const SCALE = Number(process.env.BENCH_SCALE ?? '1');

/** A progress line on stderr (stdout is left to the results): `bench: <comparison>: <message>`. */
export function progress(message) {
  process.stderr.write(`bench: ${process.env.BENCH_COMPARISON ?? 'bench'}: ${message}\n`);
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Sends a comparison's result to the parent (index.mjs) or prints it when run on its own. */
export function report(result) {
  if (process.send) process.send(result, () => process.exit(0));
  else console.log(JSON.stringify(result, null, 2));
}

/**
 * A loop of `n` iterations around one expression, compiled as its own function so each
 * variant gets its own inline caches and optimised code (a shared loop would go polymorphic
 * and penalise whichever variant ran second). The result feeds a checksum so nothing is
 * dead code; `setup` runs once, outside the loop, with `env` in scope.
 *
 * The loop runs STACK_DEPTH calls deep, through one recursive function shared by every
 * variant (so the frames above the loop are the same code in the same state for all of
 * them): an exception is made inside a route handler, a dozen or more frames below the
 * server's event loop, so in production every variant captures a full stack of
 * Error.stackTraceLimit (10) frames. A shallow loop would mostly measure how many frames a
 * library's own constructors add.
 */
export function compileLoop(env, setup, expression, use) {
  // eslint-disable-next-line no-new-func
  const loop = new Function(
    'env',
    `${setup}
    return function loop(n) {
      let sink = 0;
      for (let i = 0; i < n; i++) {
        const value = ${expression};
        sink += ${use};
      }
      return sink;
    };`,
  )(env);
  return (n) => descend(loop, n, STACK_DEPTH);
}

/** Calls between the benchmark loop and the code that runs it (see compileLoop); 0 for a shallow stack. */
export const STACK_DEPTH = Number(process.env.BENCH_STACK_DEPTH ?? '10');

function descend(loop, n, level) {
  return level === 0 ? loop(n) : descend(loop, n, level - 1) + 0;
}

function timeBatch(run, n) {
  const start = process.hrtime.bigint();
  const sink = run(n);
  const ns = Number(process.hrtime.bigint() - start);
  if (sink === -1) console.log('unreachable'); // keeps `sink` observable
  return ns;
}

/**
 * Interleaved micro-benchmark: after a warm-up, each round runs every variant for `roundMs`
 * (in batches of about 5 ms), in an order that rotates from round to round; the result per
 * variant is the median over rounds of operations per second.
 */
export function microBench(variants, { rounds = 15, roundMs = 200, warmupMs = 300 } = {}) {
  const batch = new Map();
  progress(`warming up ${variants.length} variants`);
  for (const variant of variants) {
    // Warm up (lets the JIT optimise) and size a batch to about 5 ms.
    let n = 100;
    const until = performance.now() + warmupMs;
    while (performance.now() < until) {
      const ns = timeBatch(variant.run, n);
      if (ns < 2e6) n *= 2;
      else n = Math.max(1, Math.round((n * 5e6) / ns));
    }
    batch.set(variant.name, n);
  }
  const samples = new Map(variants.map((variant) => [variant.name, []]));
  for (let round = 0; round < rounds; round++) {
    if (round % 5 === 0) progress(`round ${round + 1}/${rounds} (${variants.length} variants × ${roundMs} ms)`);
    for (let k = 0; k < variants.length; k++) {
      const variant = variants[(round + k) % variants.length];
      const n = batch.get(variant.name);
      let ops = 0;
      let ns = 0;
      while (ns < roundMs * 1e6) {
        ns += timeBatch(variant.run, n);
        ops += n;
      }
      samples.get(variant.name).push((ops * 1e9) / ns);
    }
  }
  return variants.map((variant) => {
    const perRound = samples.get(variant.name);
    return { name: variant.name, opsPerSec: median(perRound), min: Math.min(...perRound), max: Math.max(...perRound), rounds: perRound.length };
  });
}
