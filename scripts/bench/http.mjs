// Comparison 3: requests per second of an Express 5, Fastify 5 or Koa 3 route that throws a 404
// (`node http.mjs express|fastify|koa`). One server process per variant; a bounded load
// (autocannon: fixed connections and duration, loopback only) runs against each in turn,
// in rotating order, for several rounds; the result is the median over rounds.
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { median, progress, report, SCALE } from './lib.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const framework = process.argv[2];
const VARIANTS = [
  'typed-http-exceptions',
  'typed-http-exceptions, server-errors policy',
  'http-errors + default handler',
  '@hapi/boom + problem-like handler',
  'hand-written handler',
  'hand-written handler, NotFoundException thrown',
  'hand-written handler, JSON.stringify per request',
];
const ROUNDS = Math.max(2, Math.round(4 * SCALE));
const SECONDS = Math.max(1, Math.round(3 * SCALE));
const CONNECTIONS = 16;

function startServer(variant) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./http-server.mjs', import.meta.url)), [framework, variant], {
      env: { ...process.env, NODE_ENV: 'production' },
      // stderr is dropped: Express's default final handler logs every error's stack there (part of its cost).
      stdio: ['ignore', 'inherit', 'ignore', 'ipc'],
    });
    child.once('message', ({ port }) => resolve({ variant, child, url: `http://127.0.0.1:${port}/users/42` }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${variant} server exited with ${code}`)));
  });
}

/** CPU time (µs) the server process has used so far. */
function serverCpu(server) {
  return new Promise((resolve) => {
    server.child.once('message', ({ cpuMicros }) => resolve(cpuMicros));
    server.child.send('cpu');
  });
}

function load(url, seconds) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: seconds, pipelining: 1 }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

progress(`starting ${VARIANTS.length} servers`);
const servers = await Promise.all(VARIANTS.map(startServer));
try {
  const samples = new Map(VARIANTS.map((variant) => [variant, []]));
  const cpuSamples = new Map(VARIANTS.map((variant) => [variant, []]));
  const responses = {};
  progress(`warming up (1 s per variant)`);
  for (const server of servers) {
    const response = await fetch(server.url);
    const body = await response.text();
    if (response.status !== 404) throw new Error(`${server.variant}: status ${response.status}`);
    responses[server.variant] = { contentType: response.headers.get('content-type'), bytes: Buffer.byteLength(body), body };
    await load(server.url, 1); // warm-up: lets the JIT settle before measuring
  }
  // Like for like: every variant but the framework's default handling sends exactly the body our adapter sends.
  for (const variant of VARIANTS.filter((name) => name !== 'http-errors + default handler')) {
    if (responses[variant].body !== responses['typed-http-exceptions'].body) {
      throw new Error(`Bodies differ: ${responses['typed-http-exceptions'].body} vs ${variant}: ${responses[variant].body}`);
    }
  }
  for (let round = 0; round < ROUNDS; round++) {
    progress(`round ${round + 1}/${ROUNDS} (${servers.length} variants × ${SECONDS} s)`);
    for (let k = 0; k < servers.length; k++) {
      const server = servers[(round + k) % servers.length];
      const cpuBefore = await serverCpu(server);
      const result = await load(server.url, SECONDS);
      const cpuMicros = (await serverCpu(server)) - cpuBefore;
      if (result.errors > 0 || result.timeouts > 0 || result['4xx'] !== result.requests.total) {
        throw new Error(`${server.variant}: ${result.errors} errors, ${result.timeouts} timeouts, ${result['4xx']} of ${result.requests.total} were 4xx`);
      }
      samples.get(server.variant).push(result.requests.total / (result.duration || SECONDS));
      cpuSamples.get(server.variant).push(result.requests.total / (cpuMicros / 1e6));
    }
  }
  report({
    comparison: framework,
    load: { tool: `autocannon ${require('autocannon/package.json').version}`, connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS },
    results: VARIANTS.map((variant) => {
      const perRound = samples.get(variant);
      return {
        name: variant,
        requestsPerSec: median(perRound),
        min: Math.min(...perRound),
        max: Math.max(...perRound),
        // Requests served per second of the server's own CPU time (steadier on a shared machine).
        requestsPerCpuSecond: median(cpuSamples.get(variant)),
        rounds: perRound.length,
        response: responses[variant],
      };
    }),
  });
} finally {
  for (const server of servers) server.child.kill();
}
