/**
 * examples/problem-types.ts: the Express API started on port 0 and its client run against it,
 * the raw responses checked, and `npm run example:problem-types` run as a user would.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { ForbiddenException, LockedException, UnprocessableContentException } from 'typed-http-exceptions';
import { AccountFrozen, buy, createApp, OutOfCredit, runClient } from '../../examples/problem-types.js';
import { close, listen, request } from '../helpers/http-client.js';
import { expectValidProblem } from '../helpers/problem-schema.js';

const root = join(__dirname, '..', '..');
const SCRIPT = 'ts-node --transpile-only -r ./scripts/run-from-source.cjs examples/problem-types.ts';

const CLIENT_LINES = [
  'Bought 1 × book; balance 10',
  'Out of credit: balance 10, cost 60 (OUT_OF_CREDIT)',
  'Frozen until 2030-01-01T00:00:00Z',
  expect.stringMatching(/^Invalid: #\/item .+; #\/quantity .+; #\/gift\/to .+$/) as unknown as string,
];

describe('examples/problem-types.ts', () => {
  let server: Server;
  let base: string;

  beforeEach(async () => {
    server = createServer(createApp());
    base = await listen(server);
  });
  afterEach(() => close(server));

  test('the client gets typed exceptions back: balance, frozen account, validation errors', async () => {
    expect(await runClient(base)).toEqual(CLIENT_LINES);
  });

  test('buy rejects with the problem type classes, extensions typed and checked', async () => {
    const outOfCredit = await buy(base, 1, { item: 'book', quantity: 2 }).catch((error: unknown) => error);
    expect(outOfCredit).toBeInstanceOf(OutOfCredit);
    expect(outOfCredit).toBeInstanceOf(ForbiddenException);
    if (!(outOfCredit instanceof OutOfCredit)) throw new Error('expected OutOfCredit');
    const balance: number = outOfCredit.extensions.balance;
    expect([balance, outOfCredit.extensions.cost, outOfCredit.code]).toEqual([30, 40, 'OUT_OF_CREDIT']);

    const frozen = await buy(base, 2, { item: 'lamp', quantity: 1 }).catch((error: unknown) => error);
    expect(frozen).toBeInstanceOf(AccountFrozen);
    expect(frozen).toBeInstanceOf(LockedException);

    const invalid = await buy(base, 1, { quantity: 1.5 }).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(UnprocessableContentException);
    expect((invalid as UnprocessableContentException).errors?.map((entry) => entry.pointer)).toEqual(['#/item', '#/quantity']);
  });

  test('the responses on the wire are RFC 9457 problems with the type, code and extension members', async () => {
    const post = (path: string, body: unknown) => request(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const credit = await post('/accounts/1/purchases', { item: 'book', quantity: 5 });
    expect(credit.status).toBe(403);
    expect(credit.headers['content-type']).toBe('application/problem+json');
    expect(credit.json).toEqual({
      type: 'https://example.com/problems/out-of-credit',
      title: 'You do not have enough credit',
      status: 403,
      detail: 'Your balance is 30, but that costs 100',
      instance: '/accounts/1/purchases',
      code: 'OUT_OF_CREDIT',
      balance: 30,
      cost: 100,
    });
    expectValidProblem(credit.json);

    const invalid = await post('/accounts/1/purchases', { item: 'book', quantity: 1, gift: { to: 'Ada', message: 'x'.repeat(201) } });
    expect(invalid.status).toBe(422);
    expect(invalid.json).toMatchObject({ status: 422, detail: 'The request body is invalid', errors: [{ detail: expect.any(String), pointer: '#/gift/message' }] });
    expectValidProblem(invalid.json);

    const missing = await post('/accounts/9/purchases', { item: 'book', quantity: 1 });
    expect(missing.json).toMatchObject({ status: 404, detail: 'No account 9' });
    const bought = await post('/accounts/1/purchases', { item: 'book', quantity: 1 });
    expect(bought.status).toBe(201);
    expect(bought.json).toEqual({ account: 1, item: 'book', quantity: 1, cost: 20, balance: 10 });
  });

  test('GET /openapi.json documents both problem types; every example passes its schema', async () => {
    const res = await request(`${base}/openapi.json`);
    const responses = (res.json as { paths: Record<string, { post: { responses: Record<string, { description: string; content?: Record<string, { schema: object; example?: unknown }> }> } }> })
      .paths['/accounts/{id}/purchases']?.post.responses;
    expect(Object.keys(responses ?? {})).toEqual(['201', '403', '404', '422', '423']);
    expect(responses?.['403']?.description).toBe('You do not have enough credit');
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    for (const status of ['403', '404', '422', '423']) {
      const media = responses?.[status]?.content?.['application/problem+json'];
      if (media === undefined) throw new Error(`no problem response for ${status}`);
      expect(ajv.validate(media.schema, media.example)).toBe(true);
    }
    expect(responses?.['403']?.content?.['application/problem+json']?.example).toMatchObject({ code: 'OUT_OF_CREDIT', balance: 30, cost: 50 });
    expect(responses?.['423']?.content?.['application/problem+json']?.example).toMatchObject({ code: 'ACCOUNT_FROZEN', type: AccountFrozen.type });
  });
});

test('npm run example:problem-types serves the API and prints what the client got', async () => {
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  // package.json gets this line with the example; until then the test runs the same command.
  const script = scripts['example:problem-types'] ?? SCRIPT;
  expect(script).toBe(SCRIPT);
  const [, ...args] = script.split(' ');
  const child = spawn(process.execPath, [join(root, 'node_modules', 'ts-node', 'dist', 'bin.js'), ...args], { cwd: root, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    for (let attempt = 0; attempt < 150 && output.split('\n').length < 6; attempt++) await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = output.trim().split('\n');
    expect(lines[0]).toMatch(/^Listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines.slice(1)).toEqual(CLIENT_LINES);
    const url = /http:\/\/\S+/.exec(lines[0] ?? '')?.[0] ?? '';
    expect((await request(`${url}/accounts/2/purchases`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"item":"x","quantity":1}' })).status).toBe(423);
  } finally {
    child.kill();
  }
}, 40_000);
