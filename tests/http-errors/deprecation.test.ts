/**
 * http-errors warns (through `depd`) when a non-error status is used: once per call site,
 * silenced by `NO_DEPRECATION=http-errors` or `--no-deprecation`. Ours does the same through
 * `process.emitWarning(…, { type: 'DeprecationWarning' })`, and nothing where there is no
 * `process`. Checked in this process (a spy on emitWarning) and in real Node processes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import createError from '../../src/http-errors/index.js';

const MESSAGE = 'non-error status code; use only 4xx or 5xx status codes';

describe('in this process', () => {
  let warnings: Array<{ message: unknown; options: unknown }>;
  let spy: jest.SpyInstance;
  const savedEnv = process.env['NO_DEPRECATION'];

  beforeEach(() => {
    delete process.env['NO_DEPRECATION'];
    warnings = [];
    spy = jest.spyOn(process, 'emitWarning').mockImplementation(((message: unknown, options: unknown) => {
      warnings.push({ message, options });
    }) as typeof process.emitWarning);
  });
  afterEach(() => {
    spy.mockRestore();
    if (savedEnv === undefined) delete process.env['NO_DEPRECATION'];
    else process.env['NO_DEPRECATION'] = savedEnv;
  });

  test('a non-error status warns once per call site, naming the caller', () => {
    const fromOneSite = () => createError(200);
    fromOneSite();
    fromOneSite();
    fromOneSite();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.options).toEqual({ type: 'DeprecationWarning', code: 'HTTP_ERRORS_NON_ERROR_STATUS' });
    expect(warnings[0]?.message).toMatch(new RegExp(`^${MESSAGE} \\(at .*deprecation\\.test\\.ts:\\d+:\\d+\\)$`));
    createError(301);
    expect(warnings).toHaveLength(2);
  });

  test('which statuses warn: numbers outside 400-599, as in http-errors (not NaN, not strings)', () => {
    const warns = (make: () => unknown): boolean => {
      const before = warnings.length;
      make();
      return warnings.length > before;
    };
    expect(warns(() => createError(399))).toBe(true);
    expect(warns(() => createError(600))).toBe(true);
    expect(warns(() => createError(1000))).toBe(true);
    expect(warns(() => createError(-1))).toBe(true);
    expect(warns(() => createError(Infinity))).toBe(true);
    expect(warns(() => createError(Object.assign(new Error('x'), { status: 200 })))).toBe(true);
    expect(warns(() => createError(NaN))).toBe(false);
    expect(warns(() => createError(404))).toBe(false);
    expect(warns(() => createError(599))).toBe(false);
    expect(warns(() => createError('200'))).toBe(false);
    expect(warns(() => createError(Object.assign(new Error('x'), { status: '200' })))).toBe(false);
  });

  test('NO_DEPRECATION=http-errors (or *) and process.noDeprecation silence it', () => {
    process.env['NO_DEPRECATION'] = 'body-parser, http-errors';
    createError(201);
    process.env['NO_DEPRECATION'] = '*';
    createError(202);
    delete process.env['NO_DEPRECATION'];
    process.noDeprecation = true;
    try {
      createError(203);
    } finally {
      process.noDeprecation = false;
    }
    expect(warnings).toEqual([]);
    createError(204);
    expect(warnings).toHaveLength(1);
  });
});

describe('in real Node processes', () => {
  let dir: string;
  let bundle: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'http-errors-deprecation-'));
    bundle = join(dir, 'http-errors.cjs');
    await build({ entryPoints: [join(__dirname, '../../src/http-errors/index.ts')], bundle: true, format: 'cjs', platform: 'node', outfile: bundle, logLevel: 'silent' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs a script that calls `createError(200)` three times from one site and once from another. */
  function run(library: string, flags: string[] = [], env: Record<string, string> = {}): { status: number | null; stderr: string } {
    const script = join(dir, `script-${Math.random().toString(36).slice(2)}.js`);
    writeFileSync(
      script,
      `const lib = require(${JSON.stringify(library)}); const createError = lib.default || lib;
       for (let i = 0; i < 3; i++) createError(200);
       createError(302);
       createError(404);`,
    );
    const environment: NodeJS.ProcessEnv = { ...process.env, ...env };
    if (env['NO_DEPRECATION'] === undefined) delete environment['NO_DEPRECATION'];
    const result = spawnSync(process.execPath, [...flags, script], { encoding: 'utf8', env: environment });
    return { status: result.status, stderr: result.stderr };
  }

  const realLibrary = require.resolve('http-errors');
  const count = (stderr: string) => stderr.split('\n').filter((line) => line.includes(MESSAGE)).length;

  test('two call sites, two warnings: as many as http-errors prints', () => {
    const ours = run(bundle);
    expect(ours.status).toBe(0);
    expect(count(ours.stderr)).toBe(2);
    expect(ours.stderr).toMatch(/\[HTTP_ERRORS_NON_ERROR_STATUS\] DeprecationWarning: non-error status code; use only 4xx or 5xx status codes \(at .*script-\w+\.js:2:\d+\)/);
    expect(count(run(realLibrary).stderr)).toBe(2);
  });

  test('--no-deprecation and NO_DEPRECATION=http-errors silence both libraries', () => {
    for (const library of [bundle, realLibrary]) {
      expect(run(library, ['--no-deprecation']).stderr).toBe('');
      expect(run(library, [], { NO_DEPRECATION: 'http-errors' }).stderr).toBe('');
    }
  });

  test("--throw-deprecation makes it throw (Node's meaning of the flag)", () => {
    const result = run(bundle, ['--throw-deprecation']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(MESSAGE);
  });

  test('where there is no process (a browser, a worker), nothing is warned and nothing throws', () => {
    const code = readFileSync(bundle, 'utf8');
    const module = { exports: {} as { default?: (status: number) => { status: number } } };
    // A fresh global scope with no `process`, as in a browser.
    const result = runInNewContext(`${code}; module.exports.default(200).status`, { module, exports: module.exports }) as number;
    expect(result).toBe(200);
    expect(runInNewContext('typeof process', {})).toBe('undefined');
  });
});
