/**
 * The package as users get it: the built ESM and CommonJS outputs loaded side by side, and
 * the `npm pack` tarball installed into scratch projects that import it and type-check
 * under `strict`. Needs `npm run build` first (`npm test` does it).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const node = (args: string[], cwd: string) => execFileSync(process.execPath, args, { cwd, encoding: 'utf8', stdio: 'pipe' });

describe('ESM and CommonJS builds in one process', () => {
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

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'the-consumer-'));
    execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', scratch], { cwd: root, stdio: 'pipe' });
    const file = readdirSync(scratch).find((name) => name.endsWith('.tgz'));
    if (file === undefined) throw new Error('npm pack made no tarball');
    tarball = join(scratch, file);
  }, 60_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

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

  function project(name: string, packageJson: object, tsconfig: object, file: string): string {
    const dir = join(scratch, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, ...packageJson }));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', skipLibCheck: false, typeRoots: [join(root, 'node_modules', '@types')], types: ['node'], outDir: 'out', ...tsconfig } }));
    writeFileSync(join(dir, file), usage);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: dir, stdio: 'pipe' });
    return dir;
  }

  const expected = { status: 404, body: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42' }, response: 404, send: 'function' };

  // Consumers on TypeScript 5.x, 6.x and 7.x all see correct types (7.x is the native compiler).
  const compilers: Array<[string, string]> = [
    ['TypeScript 5', join(root, 'node_modules', 'typescript5', 'bin', 'tsc')],
    ['TypeScript 6', tsc],
    ['TypeScript 7', join(root, 'node_modules', 'typescript7', 'bin', 'tsc')],
  ];
  const projects: Array<[string, object, object]> = [
    ['esm-nodenext', { type: 'module' }, { module: 'nodenext', moduleResolution: 'nodenext' }],
    ['cjs-nodenext', { type: 'commonjs' }, { module: 'nodenext', moduleResolution: 'nodenext' }],
    ['bundler', { type: 'module' }, { module: 'esnext', moduleResolution: 'bundler' }],
  ];

  describe.each(projects)('%s project', (name, packageJson, tsconfig) => {
    let dir: string;
    beforeAll(() => {
      dir = project(name, packageJson, tsconfig, 'index.ts');
    }, 60_000);

    test.each(compilers)('type-checks under strict with %s', (_version, compiler) => {
      const version = node([compiler, '--version'], dir);
      expect(version).toMatch(/Version [567]\./);
      node([compiler, '-p', '.', '--noEmit'], dir);
    }, 60_000);

    test('runs', () => {
      node([tsc, '-p', '.'], dir);
      expect(JSON.parse(node(['out/index.js'], dir))).toEqual(expected);
    }, 60_000);
  });

  // All profiles: node10 (TypeScript's pre-"exports" resolution, through typesVersions), node16 from
  // CommonJS and from ESM, and bundler.
  test('are the types wrong? (@arethetypeswrong/cli) finds no problem in any entry point', () => {
    const result = execFileSync(process.execPath, [join(root, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js'), tarball, '--format', 'json'], { encoding: 'utf8', stdio: 'pipe' });
    const report = JSON.parse(result) as { problems: Record<string, unknown>; analysis: { entrypoints: Record<string, unknown> } };
    expect(report.problems).toEqual({});
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(['.', './express', './fastify', './fetch', './jest', './koa', './nestjs', './node', './package.json']);
  }, 60_000);

  test('publint reports nothing', () => {
    const output = execFileSync(process.execPath, [join(root, 'node_modules', 'publint', 'src', 'cli.js'), 'run', root, '--strict', '--pack', 'false'], { encoding: 'utf8', stdio: 'pipe' });
    expect(output).not.toMatch(/Errors:|Warnings:|Suggestions:/);
  }, 60_000);

  test('the tarball holds the builds and docs, not the sources or tests', () => {
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    expect(listing).toContain('package/dist/esm/index.js');
    expect(listing).toContain('package/dist/cjs/index.d.ts');
    expect(listing).toContain('package/README.md');
    expect(listing.some((file) => file.startsWith('package/src/') || file.startsWith('package/tests/'))).toBe(false);
  });
});

describe('importing the core or an adapter loads no framework', () => {
  test.each(['index', 'adapters/node'])('dist/cjs/%s.js', (entry) => {
    const script = `
      require(${JSON.stringify(join(root, 'dist/cjs', entry + '.js'))});
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
