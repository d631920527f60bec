// Builds dist/esm (ES modules) and dist/cjs (CommonJS) from src/:
// - JavaScript: esbuild bundles each public entry point, so importing one loads a few files
//   instead of ~30 modules (Node's loader pays per module). ESM entries share chunks, so every
//   class exists once; each CommonJS entry carries its own copy of the core, which is fine
//   because instanceof and the guards recognise exceptions across copies.
// - Types: tsc writes the .d.ts files next to them, one per source module.
// A package.json in each folder tells Node (and TypeScript) which module format it holds.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// The source file behind each "exports" entry: ./dist/esm/adapters/node.js <- src/adapters/node.ts.
const entryPoints = Object.values(pkg.exports)
  .filter((target) => typeof target === 'object')
  .map((target) => target.import.default.replace('./dist/esm/', 'src/').replace(/\.js$/, '.ts'));

rmSync(join(root, 'dist'), { recursive: true, force: true });

for (const [format, moduleKind, type] of [
  ['esm', 'ES2022', 'module'],
  ['cjs', 'CommonJS', 'commonjs'],
]) {
  const outDir = join(root, 'dist', format);
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--module', moduleKind, '--moduleResolution', 'bundler', '--outDir', outDir, '--emitDeclarationOnly'], { stdio: 'inherit' });
  await build({
    absWorkingDir: root,
    entryPoints,
    outbase: 'src',
    outdir: outDir,
    bundle: true,
    splitting: format === 'esm',
    chunkNames: 'chunks/[name]-[hash]',
    format,
    platform: 'node',
    target: 'node20',
    // Frameworks are only ever imported as types; nothing outside src/ belongs in the bundles.
    packages: 'external',
    legalComments: 'none',
    logLevel: 'warning',
  });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'package.json'), JSON.stringify({ type, sideEffects: false }, null, 2) + '\n');
}
// typed-http-exceptions/http-errors: require() returns the createError function itself, as
// require('http-errors') does; its declarations say so with `export =` (kept type-checked in src/).
const httpErrorsCjs = join(root, 'dist', 'cjs', 'http-errors', 'index.js');
writeFileSync(httpErrorsCjs, readFileSync(httpErrorsCjs, 'utf8') + 'module.exports = module.exports.default;\n');
writeFileSync(join(root, 'dist', 'cjs', 'http-errors', 'index.d.ts'), readFileSync(join(root, 'src', 'http-errors', 'commonjs-entry.d.cts'), 'utf8'));
console.log(`Built dist/esm and dist/cjs (${entryPoints.length} entry points)`);
