/**
 * The README's "Runtimes" table names the versions these tests run: when a dev dependency
 * (bun, deno, workerd) is upgraded, this fails until the table says what is tested now.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, runtimeBinary, type RuntimeName } from './runtime-harness.js';

/** The rows of the table in README's `## Runtimes` section, as cells. */
function runtimesTable(): string[][] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = /^## Runtimes\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme)?.[1];
  if (section === undefined) throw new Error('README.md has no "## Runtimes" section');
  return section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .map((line) => line.slice(1, line.endsWith('|') ? -1 : undefined).split('|').map((cell) => cell.trim()));
}

const LABELS: Record<RuntimeName, RegExp> = { bun: /^Bun\b/, deno: /^Deno\b/, workerd: /\bworkerd\b/ };

test.each(['bun', 'deno', 'workerd'] as const)('the README names the %s version under test', (name) => {
  const { version } = runtimeBinary(name);
  const row = runtimesTable().find((cells) => LABELS[name].test(cells[0] ?? ''));
  if (row === undefined) throw new Error(`README.md "## Runtimes" has no row for ${name}`);
  if (!(row[1] ?? '').includes(version)) throw new Error(`README.md "## Runtimes" says ${JSON.stringify(row[1])} for ${name}, but ${version} is installed and tested`);
});
