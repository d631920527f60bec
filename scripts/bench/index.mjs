// `npm run bench` (not part of `npm test`): performance of the BUILT package (dist/, run
// `npm run build` first) against its floors and peers. Each comparison runs in its own child
// process; the variants of a comparison run in interleaved rounds and report medians; every
// target is a ratio (or a size/time) taken in the same run. Prints a Markdown table and the
// machine; `--json <file>` also writes the results as JSON.
//
//   node scripts/bench/index.mjs [--json results.json] [--only construct,express,...]
//   node scripts/bench/index.mjs --from results.json   (re-print the table of a saved run)
//   BENCH_SCALE=0.2 for a quick smoke run (fewer rounds, shorter loads); progress goes to stderr
//   BENCH_DIST=<folder> to measure another build (default: dist/)
import { fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { distDir, SCALE, STACK_DEPTH } from './lib.mjs';

const COMPARISONS = [
  { id: 'construct', script: 'construct.mjs' },
  { id: 'problem-response', script: 'problem-response.mjs' },
  { id: 'express', script: 'http.mjs', args: ['express'] },
  { id: 'fastify', script: 'http.mjs', args: ['fastify'] },
  { id: 'koa', script: 'http.mjs', args: ['koa'] },
  { id: 'cold-import', script: 'cold-import.mjs' },
  { id: 'bundle-size', script: 'bundle-size.mjs' },
];

function option(name) {
  const index = process.argv.indexOf(`--${name}`);
  if (index !== -1) return process.argv[index + 1];
  const inline = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

function runComparison({ id, script, args = [] }) {
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    process.stderr.write(`bench: ${id}: start\n`);
    const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, {
      // Progress lines go to stderr; stdout carries only the results.
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, BENCH_COMPARISON: id },
    });
    let result;
    child.on('message', (message) => (result = message));
    child.on('error', reject);
    child.on('exit', (code) => {
      process.stderr.write(`bench: ${id}: ${code === 0 ? 'done' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
      if (code === 0 && result !== undefined) resolvePromise(result);
      else reject(new Error(`${id} failed (exit code ${code})`));
    });
  });
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    // Other work on the machine shows up as noise: say how busy it was.
    loadAverageAtStart: os.loadavg().map((load) => Number(load.toFixed(2))),
  };
}

const format = {
  ops: (value) => `${Math.round(value).toLocaleString('en-US')} ops/s`,
  rps: (value) => `${Math.round(value).toLocaleString('en-US')} req/s`,
  ms: (value) => `${value.toFixed(1)} ms`,
  kb: (bytes) => `${(bytes / 1024).toFixed(2)} KB`,
  ratio: (value) => `${value.toFixed(2)}×`,
};

/** Table rows, target checks and information lines (ratios that are not targets) from the raw results. */
function summarise(results) {
  const rows = [];
  const targets = [];
  const notes = [];
  const target = (name, value, limit, holds) => targets.push({ name, value, target: limit, holds });
  const note = (name, value) => notes.push({ name, value });
  const ratio = (a, b) => (a === undefined || b === undefined ? undefined : a / b);
  const atLeast = (value, limit) => value !== undefined && value >= limit;

  const construct = results.construct;
  if (construct) {
    const ops = Object.fromEntries(construct.results.map((r) => [r.name, r.opsPerSec]));
    const floor = ops['new Error()'];
    const subclass = ops['class extends Error {}'];
    for (const r of construct.results) {
      const relative = [`${format.ratio(r.opsPerSec / floor)} new Error()`];
      if (subclass !== undefined) relative.push(`${format.ratio(r.opsPerSec / subclass)} bare subclass`);
      rows.push(['Construct a 404 exception', r.name, format.ops(r.opsPerSec), relative.join(', ')]);
    }
    const ours = ops['typed-http-exceptions'];
    const policy = ops['typed-http-exceptions, server-errors policy'];
    const vsFloor = ratio(ours, floor);
    const vsSubclass = ratio(ours, subclass);
    const policyVsFloor = ratio(policy, floor);
    target('construct a 404, default policy, vs new Error()', vsFloor, '≥ 0.85×', atLeast(vsFloor, 0.85));
    target('construct a 404, default policy, vs class extends Error {}', vsSubclass, '≥ 0.95×', atLeast(vsSubclass, 0.95));
    target("construct a 404, 'server-errors' policy, vs new Error()", policyVsFloor, '≥ 5×', atLeast(policyVsFloor, 5));
  }

  const problem = results['problem-response'];
  if (problem) {
    const byName = Object.fromEntries(problem.results.map((r) => [r.name, r.opsPerSec]));
    const floor = byName['new Error() + JSON.stringify'];
    problem.results.forEach((r, index) => {
      rows.push([index === 0 ? "toProblemResponse(new NotFoundException('x'))" : '', r.name, format.ops(r.opsPerSec), `${format.ratio(r.opsPerSec / floor)} floor`]);
    });
    const vsFloor = ratio(byName['typed-http-exceptions'], floor);
    target('toProblemResponse, default policy, vs new Error() + JSON.stringify', vsFloor, '≥ 0.75×', atLeast(vsFloor, 0.75));
    const policy = ratio(byName['typed-http-exceptions, server-errors policy'], floor);
    if (policy !== undefined) note("toProblemResponse, 'server-errors' policy, vs new Error() + JSON.stringify", policy);
  }

  for (const [id, label] of [
    ['express', 'Express 5 route throwing a 404'],
    ['fastify', 'Fastify 5 route throwing a 404'],
    ['koa', 'Koa 3 route throwing a 404'],
  ]) {
    const http = results[id];
    if (!http) continue;
    const byName = Object.fromEntries(http.results.map((r) => [r.name, r]));
    const handWritten = byName['hand-written handler'];
    for (const r of http.results) {
      rows.push([
        `${label} (${http.load.connections} connections, ${http.load.seconds} s × ${http.load.rounds} rounds)`,
        r.name,
        format.rps(r.requestsPerSec),
        `${format.ratio(r.requestsPerSec / handWritten.requestsPerSec)} hand-written (per server CPU-second: ${format.ratio(r.requestsPerCpuSecond / handWritten.requestsPerCpuSecond)})`,
      ]);
    }
    for (const [variant, policyLabel, limit] of [
      ['typed-http-exceptions', 'default policy', 0.95],
      ['typed-http-exceptions, server-errors policy', "'server-errors' policy", 1.1],
    ]) {
      const ours = byName[variant];
      const perSecond = ratio(ours?.requestsPerSec, handWritten.requestsPerSec);
      target(`${id} adapter, ${policyLabel}, vs hand-written handler (req/s)`, perSecond, `≥ ${limit}×`, atLeast(perSecond, limit));
      // Steadier on a busy machine than req/s: what the server process itself spent per request.
      const perCpu = ratio(ours?.requestsPerCpuSecond, handWritten.requestsPerCpuSecond);
      if (perCpu !== undefined) note(`${id} adapter, ${policyLabel}, vs hand-written handler (requests per server CPU-second)`, perCpu);
    }
    const sameException = byName['hand-written handler, NotFoundException thrown'];
    if (sameException) {
      // The adapter's own share, with the exception's cost taken out.
      note(`${id} adapter alone (vs hand-written handler, same exception thrown; req/s)`, byName['typed-http-exceptions'].requestsPerSec / sameException.requestsPerSec);
    }
    const stringified = byName['hand-written handler, JSON.stringify per request'];
    if (stringified) {
      // What serialising at all costs, against the constant body.
      note(`${id} hand-written handler serialising per request vs constant body (req/s)`, stringified.requestsPerSec / handWritten.requestsPerSec);
    }
  }

  const bundle = results['bundle-size'];
  if (bundle) {
    for (const r of bundle.results) {
      rows.push([`Bundle, minified + gzip (${bundle.tool})`, r.name, format.kb(r.gzipBytes), `${format.kb(r.minifiedBytes)} minified`]);
    }
    for (const [prefix, name, limitKb] of [
      ['one class', 'one class bundled (gzip)', 1.5],
      ['NotFoundException + toProblemResponse', 'one class + toProblemResponse bundled (gzip)', 3],
      ['whole core', 'whole core bundled (gzip)', 8],
      ['Express adapter', 'Express adapter bundled (gzip)', 3],
    ]) {
      const r = bundle.results.find((result) => result.name.startsWith(prefix));
      target(name, r === undefined ? undefined : r.gzipBytes / 1024, `≤ ${limitKb} KB`, r !== undefined && r.gzipBytes <= limitKb * 1024);
    }
  }

  const cold = results['cold-import'];
  if (cold) {
    const floor = cold.results.find((r) => r.name.startsWith('empty module'));
    for (const r of cold.results) {
      const net = r === floor ? '' : `${format.ms(r.ms - floor.ms)} above the empty module`;
      rows.push([`Cold import (${cold.results[0].samples} fresh processes each)`, r.name, format.ms(r.ms), net]);
    }
    const core = cold.results.find((r) => r.name === 'typed-http-exceptions');
    target('cold import of the core (ESM)', core?.ms, '≤ 8 ms', core !== undefined && core.ms <= 8);
  }
  return { rows, targets, notes };
}

function markdown(rows, targets, notes, info) {
  const lines = ['| Benchmark | Variant | Result | Relative |', '| --- | --- | --- | --- |'];
  let previous;
  for (const [benchmark, ...rest] of rows) {
    lines.push(`| ${benchmark === previous ? '' : benchmark} | ${rest.join(' | ')} |`);
    if (benchmark !== '') previous = benchmark;
  }
  lines.push('', '| Target | Measured | Target | Holds |', '| --- | --- | --- | --- |');
  for (const t of targets) {
    const unit = t.target.includes('KB') ? ' KB' : t.target.includes('ms') ? ' ms' : '×';
    // Three decimals for ratios, so that a miss by a hair does not print as the target itself.
    const value = t.value === undefined ? 'not measured' : (unit === '×' ? t.value.toFixed(3) : t.value.toFixed(2)) + unit;
    lines.push(`| ${t.name} | ${value} | ${t.target} | ${t.value === undefined ? '' : t.holds ? 'yes' : '**no**'} |`);
  }
  if (notes.length > 0) {
    lines.push('', '| Information (not a target) | Measured |', '| --- | --- |');
    for (const n of notes) lines.push(`| ${n.name} | ${n.value.toFixed(3)}× |`);
  }
  const m = info.machine;
  lines.push(
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}; load average at start ${m.loadAverageAtStart.join(' / ')}.`,
    `Run ${info.date}. Micro-benchmarks run ${info.stackDepth} calls deep (a full ${info.stackDepth}-frame stack to capture, as in a route handler); medians over interleaved rounds.`,
  );
  return lines.join('\n');
}

const only = option('only')?.split(',');
const jsonPath = option('json');
const from = option('from');
let info;
let results = {};
if (from !== undefined) {
  // Re-print the table of an earlier run (for the README) without measuring again.
  ({ results, ...info } = JSON.parse(readFileSync(resolve(from), 'utf8')));
} else {
  info = { date: new Date().toISOString(), machine: machine(), dist: distDir(), scale: SCALE, stackDepth: STACK_DEPTH };
  const started = Date.now();
  for (const comparison of COMPARISONS) {
    if (only && !only.includes(comparison.id)) continue;
    results[comparison.id] = await runComparison(comparison);
  }
  process.stderr.write(`bench: all done in ${((Date.now() - started) / 1000).toFixed(0)} s (BENCH_SCALE=${SCALE})\n`);
}
const { rows, targets, notes } = summarise(results);
console.log(markdown(rows, targets, notes, info));
if (jsonPath) {
  writeFileSync(resolve(jsonPath), JSON.stringify({ ...info, results, targets, notes }, null, 2) + '\n');
  console.log(`\nResults written to ${jsonPath}`);
}
