/**
 * README code blocks that are copies of real, compiled and tested files, so the docs cannot
 * drift. In README.md:
 *
 *   <!-- snippet: examples/express.ts -->
 *   ```ts
 *   …filled in by `npm run generate`…
 *   ```
 *   <!-- /snippet -->
 *
 * The block holds the file's `// #region readme` … `// #endregion readme` parts (all of them,
 * in order, dedented; parts after the first are separated by a `// …` line), or the whole file
 * when it has no such region. `<!-- snippet: tests/readme.test.ts#options -->` takes the
 * region named `options` instead.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const BLOCK = /<!-- snippet: (\S+) -->\n[\s\S]*?<!-- \/snippet -->/g;

/** The README with every snippet block refilled from its file. */
export function withSnippets(readme: string, root: string): string {
  return readme.replace(BLOCK, (_block, reference: string) => {
    const [path = '', region = 'readme'] = reference.split('#');
    const source = readFileSync(join(root, path), 'utf8');
    const language = path.endsWith('.ts') ? 'ts' : /\.m?js$/.test(path) ? 'js' : '';
    return `<!-- snippet: ${reference} -->\n\`\`\`${language}\n${extract(source, path, region)}\n\`\`\`\n<!-- /snippet -->`;
  });
}

/** The regions called `region` of a source file (or all of it, for `readme` when there is none), dedented. */
export function extract(source: string, path = 'file', region = 'readme'): string {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  const parts: string[][] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    const marker = /^\s*\/\/ #(region|endregion) (\S+)\s*$/.exec(line);
    if (marker?.[1] === 'region' && marker[2] === region) {
      if (current !== undefined) throw new Error(`${path}: nested "#region ${region}"`);
      current = [];
    } else if (marker?.[1] === 'endregion' && marker[2] === region) {
      if (current === undefined) throw new Error(`${path}: "#endregion ${region}" without a region`);
      parts.push(dedent(current));
      current = undefined;
    } else if (current !== undefined && marker === null) {
      current.push(line);
    }
  }
  if (current !== undefined) throw new Error(`${path}: unclosed "#region ${region}"`);
  if (parts.length === 0) {
    if (region !== 'readme') throw new Error(`${path}: no "#region ${region}"`);
    return source.trimEnd();
  }
  return parts.map((part) => part.join('\n')).join('\n// …\n');
}

function dedent(lines: string[]): string[] {
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)?.[0].length ?? 0);
  const cut = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((line) => line.slice(cut));
}
