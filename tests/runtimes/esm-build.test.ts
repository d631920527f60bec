/**
 * What the Bun, Deno and workerd tests rely on, read from the built files: the core and `/fetch`
 * in dist/esm import nothing but their own relative chunks (no `node:` built-in, no package, no
 * CommonJS file, no `require`) and use no Node-only global. Also: the fixture's expected core
 * results are exactly what Node computes, so every runtime is held to Node's behaviour.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { moduleGraph, nodeGlobalUses, type ModuleGraph } from './esm-graph.js';
import { EXPECTED_CORE_CHECKS } from './fixture-routes.js';
import { ESM_ENTRIES, installEsmBuild, type ScratchProject } from './runtime-harness.js';

let scratch: ScratchProject;
let graph: ModuleGraph;

beforeAll(async () => {
  scratch = await installEsmBuild();
  graph = await moduleGraph(scratch.packageDir, ESM_ENTRIES);
}, 120_000);

afterAll(() => rmSync(scratch.dir, { recursive: true, force: true }));

describe('dist/esm: the core and /fetch', () => {
  test('load only files of dist/esm, the entries and their shared chunks', () => {
    expect(graph.files).toEqual(expect.arrayContaining([...ESM_ENTRIES]));
    expect(graph.files.filter((file) => file.startsWith('dist/esm/chunks/')).length).toBeGreaterThan(0);
    expect(graph.files.filter((file) => !file.startsWith('dist/esm/'))).toEqual([]);
  });

  test('import nothing but relative ES modules: no node: built-in, no package, no require', () => {
    const foreign = graph.imports.filter((found) => found.external || found.kind !== 'import-statement' || !(found.specifier.startsWith('./') || found.specifier.startsWith('../')));
    expect(foreign).toEqual([]);
    expect(graph.imports.length).toBeGreaterThan(0);
  });

  test('use no Node-only global (Buffer, process, require, __dirname, setImmediate)', () => {
    expect(nodeGlobalUses(scratch.packageDir, graph)).toEqual([]);
  });

  test('run on Node with the same results the other runtimes must give (the expected values are Node\'s)', () => {
    const app = join(scratch.dir, 'app', 'app.mjs');
    const script = `
      const { default: app } = await import(${JSON.stringify(app)});
      const read = async (path) => (await app.fetch(new Request('http://127.0.0.1' + path))).json();
      console.log(JSON.stringify({ core: await read('/core'), stack: await read('/stack') }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: scratch.dir, encoding: 'utf8', stdio: 'pipe', timeout: 20_000 });
    expect(JSON.parse(output)).toEqual({
      core: EXPECTED_CORE_CHECKS,
      stack: { capturedFirstLine: 'NotFoundException: No user 42', stackless: 'NotFoundException: No user 42' },
    });
  });
});

describe('the import check itself', () => {
  test('reports node: built-ins, packages, require calls and Node globals', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'the-esm-graph-'));
    try {
      mkdirSync(join(dir, 'lib'));
      writeFileSync(join(dir, 'entry.js'), "import './lib/helper.js';\nimport { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n");
      writeFileSync(join(dir, 'lib', 'helper.js'), "import 'some-package';\nconst path = require('path');\nexport const size = Buffer.byteLength('x');\n");
      const found = await moduleGraph(dir, ['entry.js']);
      expect(found.files).toEqual(['entry.js', 'lib/helper.js']);
      expect(found.imports.filter((entry) => entry.external).map(({ from, specifier, kind }) => ({ from, specifier, kind }))).toEqual(
        expect.arrayContaining([
          { from: 'entry.js', specifier: 'node:fs', kind: 'import-statement' },
          { from: 'lib/helper.js', specifier: 'some-package', kind: 'import-statement' },
          { from: 'lib/helper.js', specifier: 'path', kind: 'require-call' },
        ]),
      );
      expect(nodeGlobalUses(dir, found)).toEqual([
        { file: 'lib/helper.js', match: 'require(' },
        { file: 'lib/helper.js', match: 'Buffer.' },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('rejects a relative import that does not resolve (a half-written build)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'the-esm-graph-'));
    try {
      writeFileSync(join(dir, 'entry.js'), "export * from './chunks/gone.js';\n");
      await expect(moduleGraph(dir, ['entry.js'])).rejects.toThrow(/gone\.js/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
