/**
 * The runtime harness itself: a missing or broken runtime binary fails with a message that says
 * what to do (never a skip), and a server process that dies or never listens fails the test with
 * its output instead of hanging it.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runtimeBinary, runtimeEnv, startServer, type RuntimeBinary } from './runtime-harness.js';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'the-harness-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('runtimeBinary', () => {
  test.each([
    ['bun', /^\d+\.\d+\.\d+/],
    ['deno', /^\d+\.\d+\.\d+/],
    ['workerd', /^\d{4}-\d{2}-\d{2}$/],
  ] as const)('%s is installed and reports its version', (name, pattern) => {
    expect(runtimeBinary(name).version).toMatch(pattern);
  });

  test('a missing binary is an error naming the path and the dev dependency', () => {
    expect(() => runtimeBinary('bun', join(scratch, 'empty'))).toThrow(/^bun is not installed: .*empty\/bun does not exist\. It comes with the "bun" dev dependency/);
  });

  test('a binary that cannot run is an error with its failure', () => {
    const fake = join(scratch, 'deno');
    writeFileSync(fake, '#!/bin/sh\necho "cannot start" >&2\nexit 3\n');
    chmodSync(fake, 0o755);
    expect(() => runtimeBinary('deno', scratch)).toThrow(/^deno cannot run: `.*deno --version` failed: .*cannot start/s);
  });

  test('unexpected --version output is an error too', () => {
    const fake = join(scratch, 'workerd');
    writeFileSync(fake, '#!/bin/sh\necho "something else"\n');
    chmodSync(fake, 0o755);
    expect(() => runtimeBinary('workerd', scratch)).toThrow('workerd: unexpected `--version` output "something else\\n"');
  });
});

describe('startServer', () => {
  // Node stands in for a runtime: the harness only spawns a binary and watches it.
  const node: RuntimeBinary = { name: 'bun', path: process.execPath, version: process.versions.node };
  const options = () => ({ cwd: scratch, env: runtimeEnv(scratch), ready: { printsUrl: true } as const });

  test('resolves with the URL the process prints, and stop() ends the process', async () => {
    const server = await startServer(node, ['-e', "console.log('listening on http://127.0.0.1:4321'); setInterval(() => {}, 1000);"], options());
    expect(server.url).toBe('http://127.0.0.1:4321');
    await server.stop();
    await server.stop(); // twice is fine
  });

  test('a process that exits before serving fails with its output', async () => {
    await expect(startServer(node, ['-e', "console.error('port in use'); process.exit(2);"], options())).rejects.toThrow(/bun exited \(code 2, signal null\) before serving\n--- bun output ---\nport in use/);
  });

  test('a process that never serves fails after the timeout and is killed', async () => {
    const pidFile = join(scratch, 'pid');
    const script = `require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`;
    await expect(startServer(node, ['-e', script], { ...options(), timeoutMs: 1500 })).rejects.toThrow('bun did not serve within 1500 ms');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  });

  test('polling: a port nobody listens on times out', async () => {
    await expect(startServer(node, ['-e', 'setInterval(() => {}, 1000);'], { ...options(), ready: { pollUrl: 'http://127.0.0.1:9/' }, timeoutMs: 300 })).rejects.toThrow('did not serve within 300 ms');
  });
});
