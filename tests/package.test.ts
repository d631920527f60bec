/**
 * The package as users get it: the built ESM and CommonJS outputs loaded side by side, and
 * the `npm pack` tarball installed into scratch consumer projects that import it and type-check
 * under `strict` with TypeScript 5, 6 and 7. Needs `npm run build` first (`npm test` does it).
 *
 * The tarball is packed once and installed into two projects (one ESM, one CommonJS; the ESM one
 * also holds the `bundler` configuration), and the compilers run two at a time while the tests
 * wait for their results. It is slow, so it says what it is doing on stderr.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, posix } from 'node:path';

const root = join(__dirname, '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const node = (args: string[], cwd: string) => execFileSync(process.execPath, args, { cwd, encoding: 'utf8', stdio: 'pipe' });

type ExportTarget = string | { import: { default: string }; require: { default: string } };
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; exports: Record<string, ExportTarget> };
/** Every "exports" subpath ('.', './express', …, './package.json'), read from package.json. */
const subpaths = Object.keys(pkg.exports).sort();
/** The exports entries that are code: the specifier a consumer imports, and the CommonJS build file. */
const codeEntries = Object.entries(pkg.exports).flatMap(([subpath, target]) =>
  typeof target === 'object' ? [{ subpath, specifier: pkg.name + subpath.slice(1), cjs: target.require.default }] : [],
);

const started = Date.now();
/** A progress line on stderr, with the seconds since the file started. */
function say(message: string): void {
  process.stderr.write(`package.test [${((Date.now() - started) / 1000).toFixed(1)} s] ${message}\n`);
}

// Commands that take seconds (npm install, the compilers, attw) run at most two at a time: enough to
// use both cores of a small machine, few enough not to starve the rest of it.
const CONCURRENCY = Math.max(1, Math.min(2, availableParallelism()));
let running = 0;
const waiting: Array<() => void> = [];

async function inSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

interface Output {
  stdout: string;
  stderr: string;
}

/** Runs a command in a slot, saying when it starts and ends; rejects with its whole output if it fails. */
function run(label: string, file: string, args: string[], cwd: string): Promise<Output> {
  return inSlot(
    () =>
      new Promise<Output>((resolve, reject) => {
        const begun = Date.now();
        say(`${label} ...`);
        execFile(file, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
          say(`${label}: ${error ? 'FAILED' : 'done'} in ${((Date.now() - begun) / 1000).toFixed(1)} s`);
          if (error) reject(new Error(`${label} failed (${error.message})\n${stdout}\n${stderr}`));
          else resolve({ stdout, stderr });
        });
      }),
  );
}

/** Each long command once: started early (so that they overlap), awaited by the tests that need it. */
const jobs = new Map<string, Promise<Output>>();
function job(key: string, start: () => Promise<Output>): Promise<Output> {
  let pending = jobs.get(key);
  if (pending === undefined) {
    pending = start();
    pending.catch(() => undefined); // reported by the test that awaits it
    jobs.set(key, pending);
  }
  return pending;
}

describe('ESM and CommonJS builds in one process', () => {
  test('typed-http-exceptions/http-errors: require() and the ESM default import are the function itself', () => {
    const script = `
      import { createRequire } from 'node:module';
      import createError from '${join(root, 'dist/esm/http-errors/index.js')}';
      import * as esmCore from '${join(root, 'dist/esm/index.js')}';
      const require = createRequire(import.meta.url);
      const cjs = require('${join(root, 'dist/cjs/http-errors/index.js')}');
      const cjsCore = require('${join(root, 'dist/cjs/index.js')}');
      console.log(JSON.stringify({
        cjs: [typeof cjs, cjs.name, 'default' in cjs, Object.getOwnPropertyNames(cjs.NotFound)],
        esm: [typeof createError, createError.name],
        across: [cjs(404) instanceof createError.NotFound, createError(404) instanceof cjsCore.NotFoundException, cjs(404) instanceof esmCore.NotFoundException, createError.isHttpError(cjs(500))],
      }));`;
    expect(JSON.parse(node(['--input-type=module', '-e', script], root))).toEqual({
      cjs: ['function', 'createError', false, ['length', 'name', 'prototype', 'super_']],
      esm: ['function', 'createError'],
      across: [true, true, true, true],
    });
  });

  test('exceptions from either build are recognised by the other', () => {
    const script = `
      import { createRequire } from 'node:module';
      import * as esm from '${join(root, 'dist/esm/index.js')}';
      const cjs = createRequire(import.meta.url)('${join(root, 'dist/cjs/index.js')}');
      if (esm.NotFoundException === cjs.NotFoundException) throw new Error('expected two copies');
      const results = {
        cjsInstanceofEsm: new cjs.NotFoundException('x') instanceof esm.NotFoundException,
        esmInstanceofCjs: new esm.NotFoundException('x') instanceof cjs.NotFoundException,
        cjsInstanceofEsmBase: new cjs.TooManyRequestsException('x') instanceof esm.ClientErrorException,
        esmInstanceofCjsHttp: new esm.ServiceUnavailableException('x') instanceof cjs.HttpException,
        notASibling: new cjs.NotFoundException('x') instanceof esm.ConflictException,
        guard: esm.isHttpException(new cjs.NotFoundException('x')) && cjs.isClientErrorException(new esm.NotFoundException('x')),
        serverGuard: esm.isServerErrorException(new cjs.BadGatewayException('x')),
        body: esm.toProblemResponse(new cjs.TooManyRequestsException('slow', { retryAfter: 3 })),
      };
      console.log(JSON.stringify(results));
    `;
    const results = JSON.parse(node(['--input-type=module', '-e', script], root)) as Record<string, unknown>;
    expect(results).toEqual({
      cjsInstanceofEsm: true,
      esmInstanceofCjs: true,
      cjsInstanceofEsmBase: true,
      esmInstanceofCjsHttp: true,
      notASibling: false,
      guard: true,
      serverGuard: true,
      body: {
        status: 429,
        headers: { 'retry-after': '3', 'content-type': 'application/problem+json' },
        body: '{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"slow"}',
        problem: { type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'slow' },
      },
    });
  });
});

describe('the packed tarball in fresh consumer projects', () => {
  let scratch: string;
  let tarball: string;
  /** Files in the tarball, without the leading `package/`. */
  let files: string[];
  /** Where the tarball was unpacked (its `package/` folder). */
  let unpacked: string;
  /** What `npm install <tarball>` printed on stderr, per project. */
  const installOutput = new Map<string, string>();

  // Two consumer projects, each installed once; the ESM one holds two TypeScript configurations.
  const projects: Array<[string, object]> = [
    ['esm', { type: 'module' }],
    ['cjs', { type: 'commonjs' }],
  ];
  interface Config {
    name: string;
    project: string;
    tsconfig: string;
    outDir: string;
    options: object;
  }
  const configs: Config[] = [
    { name: 'esm-nodenext', project: 'esm', tsconfig: 'tsconfig.json', outDir: 'out', options: { module: 'nodenext', moduleResolution: 'nodenext' } },
    { name: 'cjs-nodenext', project: 'cjs', tsconfig: 'tsconfig.json', outDir: 'out', options: { module: 'nodenext', moduleResolution: 'nodenext' } },
    { name: 'bundler', project: 'esm', tsconfig: 'tsconfig.bundler.json', outDir: 'out-bundler', options: { module: 'esnext', moduleResolution: 'bundler' } },
  ];
  // Consumers on TypeScript 5.x, 6.x and 7.x all see correct types (7.x is the native compiler).
  const compilers: Array<[string, string, number]> = [
    ['TypeScript 5', join(root, 'node_modules', 'typescript5', 'bin', 'tsc'), 5],
    ['TypeScript 6', tsc, 6],
    ['TypeScript 7', join(root, 'node_modules', 'typescript7', 'bin', 'tsc'), 7],
  ];
  // This compiler's type check also emits the JavaScript that the `runs` tests run (one compile, not two).
  const EMITTER = 'TypeScript 6';

  const projectDir = (name: string) => join(scratch, name);
  const version = (label: string, compiler: string) => job(`version ${label}`, () => run(`${label} --version`, process.execPath, [compiler, '--version'], root));
  const typeCheck = (config: Config, label: string) =>
    job(`${config.name} ${label}`, () => {
      const compiler = compilers.find(([name]) => name === label)?.[1] ?? label;
      const emit = label === EMITTER ? [] : ['--noEmit'];
      return run(`${config.name}: ${label} ${emit.length === 0 ? 'type-check + emit' : 'type-check'}`, process.execPath, [compiler, '-p', config.tsconfig, ...emit], projectDir(config.project));
    });
  const attw = () =>
    job('attw', () => run('attw on the tarball', process.execPath, [join(root, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js'), tarball, '--format', 'json'], root));

  const usage = `
    import { NotFoundException, createHttpException, toProblemResponse, HttpStatus, type ProblemDetails } from 'typed-http-exceptions';
    import { sendProblem } from 'typed-http-exceptions/node';
    const error = createHttpException(HttpStatus.NOT_FOUND, 'No user 42');
    const status: 404 = error.status;
    const same: NotFoundException = error;
    const body: ProblemDetails = same.toJSON();
    let refused = false;
    try {
      // @ts-expect-error a 404 class has no Retry-After option (and from JavaScript it is a TypeError)
      new NotFoundException('x', { retryAfter: 1 });
    } catch (mistake) {
      refused = mistake instanceof TypeError;
    }
    if (!refused) throw new Error('retryAfter on a 404 was not refused');
    console.log(JSON.stringify({ status, body, response: toProblemResponse(error).status, send: typeof sendProblem }));
  `;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'the-consumer-'));
    say('npm pack ...');
    execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', scratch], { cwd: root, stdio: 'pipe' });
    const file = readdirSync(scratch).find((name) => name.endsWith('.tgz'));
    if (file === undefined) throw new Error('npm pack made no tarball');
    tarball = join(scratch, file);
    files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.replace(/^package\//, ''));
    execFileSync('tar', ['-xzf', tarball, '-C', scratch]);
    unpacked = join(scratch, 'package');
    say(`packed ${file} (${files.length} files)`);

    // Installed into projects that hold nothing but a package.json, as a user's first install is.
    await Promise.all(
      projects.map(async ([name, packageJson]) => {
        mkdirSync(projectDir(name));
        writeFileSync(join(projectDir(name), 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, ...packageJson }));
        const { stderr } = await run(`${name} project: npm install <tarball>`, 'npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], projectDir(name));
        installOutput.set(name, stderr);
        if (stderr.trim() !== '') say(`${name} project: npm install wrote on stderr:\n${stderr.trimEnd()}`);
      }),
    );
    for (const config of configs) {
      const dir = projectDir(config.project);
      const compilerOptions = { strict: true, target: 'ES2022', skipLibCheck: false, typeRoots: [join(root, 'node_modules', '@types')], types: ['node'], outDir: config.outDir, ...config.options };
      writeFileSync(join(dir, config.tsconfig), JSON.stringify({ compilerOptions, include: ['index.ts'] }));
      writeFileSync(join(dir, 'index.ts'), usage);
    }

    // Everything slow is started now, in the order the tests below wait for it.
    for (const [label, compiler] of compilers) void version(label, compiler);
    for (const config of configs) for (const [label] of compilers) void typeCheck(config, label);
    void attw();
  }, 180_000);

  afterAll(async () => {
    // A test that failed early must not leave compilers writing into a removed folder.
    await Promise.allSettled(jobs.values());
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  }, 300_000);

  test.each(projects.map(([name]) => name))('installing the tarball into an empty %s project prints no install-scripts (allowScripts) warning', (name) => {
    expect(existsSync(join(projectDir(name), 'node_modules', pkg.name, 'package.json'))).toBe(true);
    const stderr = installOutput.get(name);
    expect(stderr).toBeDefined();
    expect(stderr).not.toMatch(/install-scripts|allowScripts/i);
  });

  const expected = { status: 404, body: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42' }, response: 404, send: 'function' };

  describe.each(configs.map((config) => [config.name, config] as const))('%s project', (_name, config) => {
    test.each(compilers)(
      'type-checks under strict with %s',
      async (label, compiler, major) => {
        expect((await version(label, compiler)).stdout).toMatch(new RegExp(`^Version ${major}\\.`));
        await typeCheck(config, label);
      },
      300_000,
    );

    test('runs', async () => {
      await typeCheck(config, EMITTER);
      expect(JSON.parse(node([join(config.outDir, 'index.js')], projectDir(config.project)))).toEqual(expected);
    }, 300_000);
  });

  test('every "exports" entry loads from the installed package: import() in the ESM project, require() in the CommonJS one', () => {
    const specifiers = codeEntries.map((entry) => entry.specifier);
    const loaded = Object.fromEntries(specifiers.map((specifier) => [specifier, true]));
    const esm = node(['--input-type=module', '-e', `const out = {}; for (const s of ${JSON.stringify(specifiers)}) out[s] = Object.keys(await import(s)).length > 0; console.log(JSON.stringify(out));`], projectDir('esm'));
    expect(JSON.parse(esm)).toEqual(loaded);
    const cjs = node(['-e', `const out = {}; for (const s of ${JSON.stringify(specifiers)}) out[s] = Object.keys(require(s)).length > 0; console.log(JSON.stringify(out));`], projectDir('cjs'));
    expect(JSON.parse(cjs)).toEqual(loaded);
    if (subpaths.includes('./package.json')) {
      expect(node(['-e', `console.log(require(${JSON.stringify(`${pkg.name}/package.json`)}).name)`], projectDir('cjs')).trim()).toBe(pkg.name);
    }
  });

  // All profiles: node10 (TypeScript's pre-"exports" resolution, through typesVersions), node16 from
  // CommonJS and from ESM, and bundler.
  test('are the types wrong? (@arethetypeswrong/cli) finds no problem in any entry point, and checks every "exports" entry', async () => {
    const report = JSON.parse((await attw()).stdout) as { problems: Record<string, unknown>; analysis: { entrypoints: Record<string, unknown> } };
    expect(report.problems).toEqual({});
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(subpaths);
  }, 300_000);

  test('publint reports nothing', () => {
    const output = execFileSync(process.execPath, [join(root, 'node_modules', 'publint', 'src', 'cli.js'), 'run', root, '--strict', '--pack', 'false'], { encoding: 'utf8', stdio: 'pipe' });
    expect(output).not.toMatch(/Errors:|Warnings:|Suggestions:/);
  }, 60_000);

  test('the tarball holds the builds and docs, not the sources or tests', () => {
    expect(files).toContain('dist/esm/index.js');
    expect(files).toContain('dist/cjs/index.d.ts');
    expect(files).toContain('README.md');
    expect(files.some((file) => file.startsWith('src/') || file.startsWith('tests/'))).toBe(false);
  });

  test('the tarball ships no status/status-table.d.ts (an internal build input)', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((file) => /(^|\/)status\/status-table(\.d)?\.[cm]?ts$/.test(file))).toEqual([]);
  });

  test('every file a .d.ts in the tarball imports is in the tarball, and every self-import is an "exports" entry', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require('typescript') as typeof import('typescript');
    const shipped = new Set(files);
    const declarations = files.filter((file) => /\.d\.[cm]?ts$/.test(file));
    expect(declarations.length).toBeGreaterThan(0);
    const broken: string[] = [];
    for (const file of declarations) {
      const source = ts.createSourceFile(file, readFileSync(join(unpacked, file), 'utf8'), ts.ScriptTarget.Latest, true);
      for (const specifier of referencedModules(ts, source)) {
        if (specifier.startsWith('.')) {
          const target = posix.normalize(posix.join(posix.dirname(file), specifier));
          if (target.startsWith('../') || !declarationFiles(target).some((candidate) => shipped.has(candidate))) broken.push(`${file}: ${specifier}`);
        } else if (specifier === pkg.name || specifier.startsWith(`${pkg.name}/`)) {
          if (!subpaths.includes(`.${specifier.slice(pkg.name.length)}`)) broken.push(`${file}: ${specifier} (not an "exports" entry)`);
        }
      }
      for (const reference of source.referencedFiles) {
        const target = posix.normalize(posix.join(posix.dirname(file), reference.fileName));
        if (!shipped.has(target)) broken.push(`${file}: /// <reference path="${reference.fileName}" />`);
      }
    }
    expect(broken).toEqual([]);
  });
});

/** Every module specifier a declaration file names: import/export … from, import('…') types, import x = require('…'), declare module '…'. */
function referencedModules(ts: typeof import('typescript'), source: import('typescript').SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: import('typescript').Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push(node.moduleReference.expression.text);
    } else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) {
      found.push(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The declaration files a relative specifier in a .d.ts can resolve to (`./x.js` → `./x.d.ts`). */
function declarationFiles(target: string): string[] {
  if (/\.d\.[cm]?ts$/.test(target) || target.endsWith('.json')) return [target];
  const script = /\.([cm]?)[jt]s$/.exec(target);
  if (script !== null) return [`${target.slice(0, -script[0].length)}.d.${script[1]}ts`];
  return [`${target}.d.ts`, `${target}/index.d.ts`];
}

describe('importing any entry point loads no framework (nothing from node_modules)', () => {
  test.each(codeEntries.map((entry) => [entry.subpath, entry.cjs] as const))('%s (%s)', (_subpath, file) => {
    const script = `
      require(${JSON.stringify(join(root, file))});
      const loaded = Object.keys(require.cache).filter((file) => file.includes('node_modules'));
      console.log(JSON.stringify(loaded));
    `;
    expect(JSON.parse(node(['-e', script], root))).toEqual([]);
  });
});

describe('the public types', () => {
  test('contain no `any` in any emitted declaration file', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require('typescript') as typeof import('typescript');
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.d.ts')) {
          const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
          const visit = (node: import('typescript').Node): void => {
            if (node.kind === ts.SyntaxKind.AnyKeyword) offenders.push(`${path.slice(root.length + 1)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
            ts.forEachChild(node, visit);
          };
          visit(source);
        }
      }
    };
    walk(join(root, 'dist'));
    expect(offenders).toEqual([]);
  });
});
