// `npm run bench` (not part of `npm test`): performance of the BUILT package (dist/, run
// `npm run build` first) against its floors and peers. Each comparison runs in its own child
// process; the variants of a comparison run in interleaved rounds and report medians; every
// target is a ratio (or a size/time) taken in the same run. Prints a Markdown table and the
// machine; `--json <file>` also writes the results as JSON.
//
//   node scripts/bench/index.mjs [--json results.json] [--only construct,express,...]
//   node scripts/bench/index.mjs --from results.json   (re-print the table of a saved run)
//   BENCH_SCALE=0.3 for a quick smoke run (fewer rounds, shorter loads)
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
    process.stderr.write(`bench: ${id} ...`);
    const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result;
    child.on('message', (message) => (result = message));
    child.on('error', reject);
    child.on('exit', (code) => {
      process.stderr.write(` ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
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

/** Table rows and target checks from the raw results. */
function summarise(results) {
  const rows = [];
  const targets = [];
  const target = (name, value, limit, holds, detail) => targets.push({ name, value, target: limit, holds, detail });

  const construct = results.construct;
  if (construct) {
    const byName = Object.fromEntries(construct.results.map((r) => [r.name, r.opsPerSec]));
    const ours = byName['typed-http-exceptions'];
    const floor = byName['new Error()'];
    for (const r of construct.results) {
      rows.push(['Construct a 404 exception', r.name, format.ops(r.opsPerSec), `${format.ratio(r.opsPerSec / floor)} new Error()`]);
    }
    target('construction vs new Error()', ours / floor, '≥ 0.8×', ours / floor >= 0.8);
    const peers = construct.results.filter((r) => r.name !== 'typed-http-exceptions' && r.name !== 'new Error()');
    const fastestPeer = peers.reduce((a, b) => (b.opsPerSec > a.opsPerSec ? b : a));
    target(`construction vs fastest peer (${fastestPeer.name})`, ours / fastestPeer.opsPerSec, '> 1×', ours > fastestPeer.opsPerSec);
  }

  const problem = results['problem-response'];
  if (problem) {
    const [ours, floor] = problem.results;
    rows.push(["toProblemResponse(new NotFoundException('x'))", ours.name, format.ops(ours.opsPerSec), `${format.ratio(ours.opsPerSec / floor.opsPerSec)} floor`]);
    rows.push(['', floor.name, format.ops(floor.opsPerSec), '1.00× floor']);
    target('toProblemResponse vs new Error() + JSON.stringify', ours.opsPerSec / floor.opsPerSec, '≥ 0.5×', ours.opsPerSec / floor.opsPerSec >= 0.5);
  }

  for (const [id, label] of [
    ['express', 'Express 5 route throwing a 404'],
    ['fastify', 'Fastify 5 route throwing a 404'],
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
    const ours = byName['typed-http-exceptions'];
    const ratio = ours.requestsPerSec / handWritten.requestsPerSec;
    const cpuRatio = ours.requestsPerCpuSecond / handWritten.requestsPerCpuSecond;
    target(`${id} adapter vs hand-written handler (req/s)`, ratio, '≥ 0.95×', ratio >= 0.95);
    target(`${id} adapter vs hand-written handler (requests per server CPU-second)`, cpuRatio, '≥ 0.95×', cpuRatio >= 0.95);
    const sameException = byName['hand-written handler, NotFoundException thrown'];
    if (sameException) {
      // Not a target: the adapter's own share, with the exception's cost taken out.
      target(`${id} adapter alone (vs hand-written handler, same exception thrown; req/s)`, ours.requestsPerSec / sameException.requestsPerSec, 'information', null);
    }
    const stringified = byName['hand-written handler, JSON.stringify per request'];
    if (stringified) {
      // Not a target: what serialising at all costs, against the constant body.
      target(`${id} hand-written handler serialising per request vs constant body (req/s)`, stringified.requestsPerSec / handWritten.requestsPerSec, 'information', null);
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
    target('cold import of the core (ESM)', core.ms, '≤ 10 ms', core.ms <= 10);
  }

  const bundle = results['bundle-size'];
  if (bundle) {
    for (const r of bundle.results) {
      rows.push([`Bundle, minified + gzip (${bundle.tool})`, r.name, format.kb(r.gzipBytes), `${format.kb(r.minifiedBytes)} minified`]);
    }
    const one = bundle.results.find((r) => r.name.startsWith('one class'));
    const all = bundle.results.find((r) => r.name.startsWith('whole API'));
    target('one-class bundle (gzip)', one.gzipBytes / 1024, '≤ 1.5 KB', one.gzipBytes <= 1.5 * 1024);
    target('whole-API bundle (gzip)', all.gzipBytes / 1024, '≤ 6 KB', all.gzipBytes <= 6 * 1024);
  }
  return { rows, targets };
}

function markdown(rows, targets, info) {
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
    const value = unit === '×' ? t.value.toFixed(3) : t.value.toFixed(2);
    lines.push(`| ${t.name} | ${value}${unit} | ${t.target} | ${t.holds === null ? '' : t.holds ? 'yes' : '**no**'} |`);
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
  for (const comparison of COMPARISONS) {
    if (only && !only.includes(comparison.id)) continue;
    results[comparison.id] = await runComparison(comparison);
  }
}
const { rows, targets } = summarise(results);
console.log(markdown(rows, targets, info));
if (jsonPath) {
  writeFileSync(resolve(jsonPath), JSON.stringify({ ...info, results, targets }, null, 2) + '\n');
  console.log(`\nResults written to ${jsonPath}`);
}
