import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// The README's quick start promises that `npm run demo` shows the library working and exits by itself.
test('npm run demo serves real requests, prints the problem responses and exits', async () => {
  const root = join(__dirname, '..');
  const { stdout } = await run(process.execPath, [join(root, 'node_modules', 'ts-node', 'dist', 'bin.js'), '--transpile-only', 'examples/demo.ts'], { cwd: root, timeout: 20_000 });
  for (const line of ['HTTP 404', 'HTTP 429', 'retry-after: 30', 'HTTP 422', '"pointer": "#/age"', 'HTTP 401', 'www-authenticate: Bearer', 'HTTP 500']) {
    expect(stdout).toContain(line);
  }
  expect(stdout).toContain('[server log] unexpected Error: connect ECONNREFUSED');
  // The secret reaches the server log only, never a response body.
  const bodies = stdout.split('\n').filter((line) => !line.includes('[server log]')).join('\n');
  expect(bodies).not.toContain('s3cret');
}, 30_000);
