/**
 * The folders of src/ import one way only. Each folder sits in a layer and may import only
 * folders of lower layers; type-only imports count. ARCHITECTURE.md describes the same layers.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { folderCycles, folderGraph, importsOf, SRC } from './folder-graph';

/** Lowest first. A folder may import folders of earlier rows only. */
const LAYERS: readonly (readonly string[])[] = [
  ['util', 'headers', 'negotiation'],
  ['status'],
  ['model'],
  ['exceptions'],
  ['validation'],
  ['problem-types'],
  ['problem'],
  ['openapi', 'adapters', 'testing', 'messages'],
  ['.'],
  // Entry points that build on the whole core and that the core never imports.
  ['opentelemetry', 'http-errors'],
];

const layerOf = new Map(LAYERS.flatMap((folders, rank) => folders.map((folder) => [folder, rank] as const)));

describe('the folder graph of src/', () => {
  const graph = folderGraph();

  test('no two folders depend on each other, directly or around a ring', () => {
    expect(folderCycles(graph)).toEqual([]);
  });

  test('every folder is in a layer', () => {
    const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());
    expect(folders.filter((folder) => !layerOf.has(folder))).toEqual([]);
  });

  test('each folder imports only folders of lower layers', () => {
    const upward: string[] = [];
    for (const [from, edges] of graph) {
      for (const [to, via] of edges) {
        if ((layerOf.get(to) ?? Infinity) >= (layerOf.get(from) ?? -1)) upward.push(`${from} → ${to} (${via})`);
      }
    }
    expect(upward).toEqual([]);
  });

  test('ARCHITECTURE.md has one line for every folder', () => {
    const doc = readFileSync(join(SRC, '..', 'ARCHITECTURE.md'), 'utf8');
    for (const folder of layerOf.keys()) expect(doc).toContain(folder === '.' ? '`src/index.ts`' : `\`src/${folder}/\``);
  });
});

describe('the import reader the layer test relies on', () => {
  test('sees value, type-only, re-export, side-effect and dynamic imports, and skips comments', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '../b/b.js';",
      "export * from './c.js';",
      "export type { D } from './d.js';",
      "import './e.js';",
      "const f = await import('./f.js');",
      "// import { g } from './g.js';",
      "/* import { h } from './h.js'; */",
      "import { i } from 'node:fs';",
    ].join('\n');
    expect(importsOf(source)).toEqual(['./a.js', '../b/b.js', './c.js', './d.js', './e.js', './f.js']);
  });

  test('finds a ring of three folders', () => {
    const ring = new Map([
      ['a', new Map([['b', 'a.ts → ../b']])],
      ['b', new Map([['c', 'b.ts → ../c']])],
      ['c', new Map([['a', 'c.ts → ../a']])],
      ['d', new Map([['a', 'd.ts → ../a']])],
    ]);
    expect(folderCycles(ring)).toEqual([['a → b (a.ts → ../b)', 'b → c (b.ts → ../c)', 'c → a (c.ts → ../a)']]);
  });
});
