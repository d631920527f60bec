/**
 * Tree-shaking: bundling (esbuild, minified ESM) a file that imports one language from the
 * messages entry keeps that language and drops the others. Also records each language's size,
 * minified and gzipped, and keeps it under a budget.
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type * as Esbuild from 'esbuild';
import * as messages from '../../src/messages/index.js';
import type { StatusMessageCatalog } from '../../src/messages/index.js';

// esbuild is a dev dependency, loaded the way a build script loads it.
const esbuild = require('esbuild') as typeof Esbuild;

const ENTRY = join(__dirname, '../../src/messages/index.ts');
const LANGUAGES = { en: messages.en, de: messages.de, fr: messages.fr, es: messages.es, pt: messages.pt, ja: messages.ja, zhHans: messages.zhHans } as const;
type Language = keyof typeof LANGUAGES;

/** A minified ESM bundle of a module whose whole source is `code`, written next to the entry. */
function bundle(code: string): string {
  const result = esbuild.buildSync({
    stdin: { contents: code, resolveDir: __dirname, sourcefile: 'app.ts', loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    minify: true,
    // Keep the titles readable in the output (esbuild escapes non-ASCII by default).
    charset: 'utf8',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
const bundleOf = (language: Language) => bundle(`import { ${language} } from ${JSON.stringify(ENTRY)};\nexport const titles = ${language};`);
const titlesOf = (language: Language) => Object.values(LANGUAGES[language] as StatusMessageCatalog).map((message) => message.title);
/** Titles of `other` that could only come from `other` (not also a title or part of one in `kept`). */
const foreignTitles = (other: Language, kept: Language) => titlesOf(other).filter((title) => !titlesOf(kept).some((own) => own.includes(title)));

describe('tree-shaking the messages entry', () => {
  const german = bundleOf('de');

  test('a bundle importing only de has every German title', () => {
    expect(titlesOf('de').filter((title) => !german.includes(title))).toEqual([]);
  });

  test('and none of the French titles, nor those of any other language', () => {
    expect(foreignTitles('fr', 'de').length).toBeGreaterThan(40);
    expect(foreignTitles('fr', 'de').filter((title) => german.includes(title))).toEqual([]);
    for (const other of ['en', 'es', 'pt', 'ja', 'zhHans'] as const) {
      expect([other, foreignTitles(other, 'de').filter((title) => german.includes(title))]).toEqual([other, []]);
    }
    // Nor the catalogs object (its zh-Hans key would be the trace).
    expect(german).not.toContain('zh-Hans');
  });

  test('the check does see French titles when they are bundled (importing catalogs keeps them all)', () => {
    const all = bundle(`import { catalogs } from ${JSON.stringify(ENTRY)};\nexport const all = catalogs;`);
    for (const language of Object.keys(LANGUAGES) as Language[]) {
      expect([language, titlesOf(language).filter((title) => !all.includes(title))]).toEqual([language, []]);
    }
    expect(all).toContain('zh-Hans');
    expect(german.length).toBeLessThan(all.length / 4);
  });

  test('each language alone stays small (minified + gzip -9 under 1.5 KiB)', () => {
    const sizes = Object.fromEntries(
      (Object.keys(LANGUAGES) as Language[]).map((language) => {
        const code = bundleOf(language);
        return [language, { minified: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length }];
      }),
    );
    // The numbers the README quotes; printed so a run shows them.
    process.stdout.write(`message catalog sizes (bytes): ${JSON.stringify(sizes)}\n`);
    for (const [language, size] of Object.entries(sizes)) expect([language, size.gzip < 1536]).toEqual([language, true]);
  });
});
