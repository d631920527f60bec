/**
 * The README's `npm run example:<framework>` scripts: each starts its example as a user would
 * (the `require.main === module` branch, on PORT), and the server answers with a problem.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { request } from './helpers/http-client.js';

const root = join(__dirname, '..');
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
// example:problem-types serves /accounts/…, not /users/42: tests/problem-types/example.test.ts runs its script.
const examples = Object.keys(scripts).filter((name) => name.startsWith('example:') && name !== 'example:problem-types');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('there is one example script per framework, and one for negotiation', () => {
  expect(examples.sort()).toEqual(['example:express', 'example:fastify', 'example:h3', 'example:hapi', 'example:hono', 'example:koa', 'example:negotiation', 'example:nestjs', 'example:node']);
});

test.each(examples)('npm run %s serves problem responses on PORT', async (name) => {
  const [command, ...args] = (scripts[name] as string).split(' ');
  expect(command).toBe('ts-node');
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(root, 'node_modules', 'ts-node', 'dist', 'bin.js'), ...args], {
    cwd: root,
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
  });
  try {
    let res: Awaited<ReturnType<typeof request>> | undefined;
    for (let attempt = 0; attempt < 100 && res === undefined; attempt++) {
      res = await request(`http://127.0.0.1:${port}/users/42`, { timeoutMs: 2000 }).catch(async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        return undefined;
      });
    }
    expect(res?.status).toBe(404);
    expect(res?.headers['content-type']).toBe('application/problem+json');
    expect(res?.json).toMatchObject({ title: 'Not Found', status: 404, detail: 'No user 42', instance: '/users/42' });
  } finally {
    child.kill();
  }
}, 40_000);
