// Builds dist/esm (ES modules) and dist/cjs (CommonJS), each with .d.ts files, from src/.
// A package.json in each folder tells Node (and TypeScript) which module format it holds.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
rmSync(join(root, 'dist'), { recursive: true, force: true });

for (const [format, moduleKind, type] of [
  ['esm', 'ES2022', 'module'],
  ['cjs', 'CommonJS', 'commonjs'],
]) {
  const outDir = join(root, 'dist', format);
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--module', moduleKind, '--moduleResolution', 'bundler', '--outDir', outDir], { stdio: 'inherit' });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'package.json'), JSON.stringify({ type, sideEffects: false }, null, 2) + '\n');
}
console.log('Built dist/esm and dist/cjs');
