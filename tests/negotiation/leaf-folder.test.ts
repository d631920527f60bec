/** src/negotiation/ is a leaf: plain functions on strings and objects, importing nothing outside itself. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importsOf, SRC } from '../architecture/folder-graph';

const FOLDER = join(SRC, 'negotiation');

test('every file of src/negotiation/ imports only its siblings, and no package or built-in', () => {
  const files = readdirSync(FOLDER).filter((name) => name.endsWith('.ts'));
  expect(files.length).toBeGreaterThanOrEqual(5);
  for (const file of files) {
    const source = readFileSync(join(FOLDER, file), 'utf8');
    for (const specifier of importsOf(source)) expect(specifier).toMatch(/^\.\/[a-z-]+\.js$/);
    // importsOf only reports relative specifiers: look for any other import or require as well.
    expect(source).not.toMatch(/\bfrom\s+['"](?!\.\/)|\brequire\(|\bimport\(\s*['"](?!\.\/)/);
  }
});
