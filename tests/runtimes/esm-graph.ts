/**
 * Reads the imports of built ES modules with esbuild's parser (its metafile), following
 * relative imports and recording every other specifier as external, so a test can say exactly
 * which files an entry point loads and whether anything outside them (`node:fs`, a package,
 * `require(...)`) is asked for.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { build, type Plugin } from 'esbuild';

/** One import found in a module. */
export interface ModuleImport {
  /** The importing file, relative to the graph's directory, with `/` separators. */
  readonly from: string;
  /** The specifier as written (`./chunks/chunk-X.js`, `node:fs`). */
  readonly specifier: string;
  /** esbuild's kind: `import-statement`, `dynamic-import`, `require-call` … */
  readonly kind: string;
  /** True when it was not followed: anything that is not a relative path. */
  readonly external: boolean;
}

/** The files reachable from some entry points, and every import they make. */
export interface ModuleGraph {
  /** Reached files, relative to the graph's directory, `/` separators, sorted. */
  readonly files: readonly string[];
  readonly imports: readonly ModuleImport[];
}

/** Node's globals that other runtimes lack (or that a worker without nodejs_compat lacks). */
const NODE_GLOBAL_USE = /\b(?:Buffer|process)\s*\.(?=\s*[A-Za-z_$])|\brequire\s*\(|\b__(?:dirname|filename)\b|\bsetImmediate\s*\(/g;

const toPosix = (path: string) => path.split(sep).join('/');

// Relative and absolute paths are followed; any other specifier is recorded and left out.
const externalBareSpecifiers: Plugin = {
  name: 'external-bare-specifiers',
  setup(context) {
    context.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point' || args.path.startsWith('./') || args.path.startsWith('../') || isAbsolute(args.path)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/**
 * The module graph of `entries` (paths relative to `dir`). Rejects when a relative import
 * does not resolve (an incomplete build).
 */
export async function moduleGraph(dir: string, entries: readonly string[]): Promise<ModuleGraph> {
  const result = await build({
    absWorkingDir: dir,
    entryPoints: entries.map((entry) => join(dir, entry)),
    bundle: true,
    write: false,
    metafile: true,
    outdir: join(dir, '.graph-out'),
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
    plugins: [externalBareSpecifiers],
  });
  const imports: ModuleImport[] = [];
  const files: string[] = [];
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    const from = toPosix(isAbsolute(file) ? relative(dir, file) : file);
    files.push(from);
    for (const found of input.imports) {
      imports.push({ from, specifier: found.original ?? found.path, kind: found.kind, external: found.external === true });
    }
  }
  return { files: files.sort(), imports };
}

/** Every use of a Node-only global (`Buffer.`, `process.`, `require(` …) in the reached files, in order. */
export function nodeGlobalUses(dir: string, graph: ModuleGraph): Array<{ file: string; match: string }> {
  const uses: Array<{ file: string; match: string }> = [];
  for (const file of graph.files) {
    for (const match of readFileSync(join(dir, file), 'utf8').matchAll(NODE_GLOBAL_USE)) uses.push({ file, match: match[0] });
  }
  return uses;
}
