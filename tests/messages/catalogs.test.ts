/**
 * The shipped title catalogs (`typed-http-exceptions/messages`) against the status table: every
 * 4xx/5xx code has a title in every language and no other key exists, English is the reason
 * phrase, and the translations are clean (no leftover English, no stray spaces, no two statuses
 * sharing a title, the right script).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reasonPhrase } from 'typed-http-exceptions';
import { STATUS_TABLE } from '../../src/status/status-table.js';
import { catalogs, de, en, es, fr, ja, pt, zhHans, type StatusMessageCatalog } from '../../src/messages/index.js';

const ERROR_CODES = STATUS_TABLE.filter((row) => row.className !== undefined).map((row) => String(row.code));

/** Each language module, its export and its tag. */
const LANGUAGES: ReadonlyArray<{ tag: string; file: string; catalog: StatusMessageCatalog }> = [
  { tag: 'en', file: 'en.ts', catalog: en },
  { tag: 'de', file: 'de.ts', catalog: de },
  { tag: 'fr', file: 'fr.ts', catalog: fr },
  { tag: 'es', file: 'es.ts', catalog: es },
  { tag: 'pt', file: 'pt.ts', catalog: pt },
  { tag: 'ja', file: 'ja.ts', catalog: ja },
  { tag: 'zh-Hans', file: 'zh-hans.ts', catalog: zhHans },
];
const TRANSLATIONS = LANGUAGES.filter((language) => language.tag !== 'en');

const titles = (catalog: StatusMessageCatalog): Array<[code: string, title: string]> =>
  Object.entries(catalog).map(([code, message]) => [code, message.title]);
const words = (text: string): string[] => text.toLowerCase().match(/\p{L}+/gu) ?? [];

/**
 * Words of a translated title that are also words of an English title, allowed only where the
 * language really uses the same word. Anything not listed here is treated as leftover English.
 */
const SAME_AS_ENGLISH: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '*': {
    uri: 'an acronym, written the same in every language',
    http: 'the protocol name',
    windows: 'a product name',
  },
  de: {
    proxy: 'German IT uses the English loanword (also in the header name Proxy-Authenticate)',
    gateway: 'German IT uses the English loanword; there is no German term in use',
    header: 'German HTTP documentation says Header; "Kopfzeile" belongs to word processors',
    client: 'German IT uses the English loanword (Client/Server)',
    version: 'the same word in German',
  },
  fr: {
    proxy: 'the French term ("serveur mandataire" is rare in HTTP documentation)',
    client: 'the same word in French',
    service: 'the same word in French',
    acceptable: 'the same word in French',
    version: 'the same word in French',
    parental: 'the same word in French ("contrôle parental")',
    type: 'the same word in French ("type de média")',
  },
  es: {
    no: 'the Spanish negation',
    proxy: 'the Spanish term in HTTP documentation',
    error: 'the same word in Spanish',
    parental: 'the same word in Spanish ("control parental")',
  },
  pt: {
    proxy: 'the Portuguese term in HTTP documentation',
    gateway: 'Brazilian IT uses the English loanword',
  },
  ja: {},
  'zh-Hans': {},
};

describe('the message catalogs', () => {
  test('the table has 4xx/5xx rows to translate (guards the tests below against an empty list)', () => {
    expect(ERROR_CODES.length).toBeGreaterThanOrEqual(40);
    expect(ERROR_CODES).toEqual(expect.arrayContaining(['400', '404', '499', '500', '599']));
  });

  test.each(LANGUAGES)('$tag has a title for every 4xx/5xx code of the table and no other key', ({ catalog }) => {
    expect(Object.keys(catalog).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) {
      const message = catalog[code as keyof StatusMessageCatalog];
      expect(Object.keys(message)).toEqual(['title']);
      expect(typeof message.title).toBe('string');
      expect(message.title.length).toBeGreaterThan(0);
    }
  });

  test('en is the reason phrase of every code', () => {
    for (const code of ERROR_CODES) expect([code, en[code as keyof StatusMessageCatalog].title]).toEqual([code, reasonPhrase(Number(code))]);
  });

  test.each(LANGUAGES)('$tag titles are clean: trimmed, single spaces, no control characters, braces or closing punctuation', ({ catalog }) => {
    for (const [code, title] of titles(catalog)) {
      const problems = [
        title !== title.trim() && 'leading or trailing space',
        /\s{2}/.test(title) && 'double space',
        /[^\S ]/.test(title) && 'whitespace other than a plain space',
        /\p{Cc}/u.test(title) && 'control character',
        // `{member}` is the detail template syntax; a brace in a title would look like one.
        /[{}]/.test(title) && 'brace',
        /[.!?。！？]$/u.test(title) && 'closing punctuation',
        title.length > 80 && 'longer than 80 characters',
      ].filter(Boolean);
      expect({ code, title, problems }).toEqual({ code, title, problems: [] });
    }
  });

  test.each(LANGUAGES)('$tag gives each status its own title', ({ catalog }) => {
    const byTitle = new Map<string, string[]>();
    for (const [code, title] of titles(catalog)) byTitle.set(title.toLowerCase(), [...(byTitle.get(title.toLowerCase()) ?? []), code]);
    expect([...byTitle.entries()].filter(([, codes]) => codes.length > 1)).toEqual([]);
  });

  describe('no leftover English', () => {
    const englishWords = new Set(titles(en).flatMap(([, title]) => words(title)));

    test('the English word list is what the check relies on', () => {
      for (const word of ['request', 'not', 'found', 'gateway', 'timeout', 'too', 'large']) expect(englishWords.has(word)).toBe(true);
    });

    test.each(TRANSLATIONS)('$tag: no title is the English one, and English words appear only where listed', ({ tag, catalog }) => {
      const allowed = { ...SAME_AS_ENGLISH['*'], ...SAME_AS_ENGLISH[tag] };
      const leftovers: string[] = [];
      for (const [code, title] of titles(catalog)) {
        if (title.toLowerCase() === en[code as keyof StatusMessageCatalog].title.toLowerCase()) leftovers.push(`${code}: the English title`);
        for (const word of words(title)) if (englishWords.has(word) && !Object.hasOwn(allowed, word)) leftovers.push(`${code}: "${word}" in "${title}"`);
      }
      expect(leftovers).toEqual([]);
    });

    test.each(TRANSLATIONS)('$tag: every listed exception is still used (no stale allowances)', ({ tag, catalog }) => {
      const used = new Set(titles(catalog).flatMap(([, title]) => words(title)));
      expect(Object.keys(SAME_AS_ENGLISH[tag] ?? {}).filter((word) => !used.has(word) || !englishWords.has(word))).toEqual([]);
    });
  });

  describe('scripts', () => {
    const LATIN_TITLE = /^\p{Lu}[\p{Script=Latin} \-’]*$/u;

    test.each(['de', 'fr', 'es', 'pt'])('%s titles are Latin script and start with a capital letter', (tag) => {
      const catalog = TRANSLATIONS.find((language) => language.tag === tag)!.catalog;
      expect(titles(catalog).filter(([, title]) => !LATIN_TITLE.test(title))).toEqual([]);
    });

    test('ja titles are written in Japanese (kana or kanji), Latin only for names and acronyms', () => {
      for (const [code, title] of titles(ja)) {
        expect([code, /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(title)]).toEqual([code, true]);
        expect([code, title.match(/\p{Script=Latin}+/gu) ?? []]).toEqual([code, (title.match(/\b(?:URI|HTTP|Windows|Expect)\b/g) ?? [])]);
      }
    });

    test('zh-Hans titles are Han characters with no kana and no Traditional-only forms', () => {
      // Traditional forms of characters these titles use (請 for 请, 錯 for 错 …): one slipping in
      // would mean a Traditional source was pasted.
      const traditionalOnly = /[請錯誤時過網關應體務處協檢測環賴證權認護擴儲寬載傳連線讀區擋響據長類異許資將條滿內開啟斷]/u;
      for (const [code, title] of titles(zhHans)) {
        expect([code, /\p{Script=Han}/u.test(title), /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(title), traditionalOnly.test(title)]).toEqual([code, true, false, false]);
      }
    });

    test('the Traditional-only check sees Traditional characters (so it can fail)', () => {
      expect(/[請錯誤]/u.test('錯誤請求')).toBe(true);
    });
  });

  describe('modules and the catalogs object', () => {
    test.each(LANGUAGES)('$tag module imports nothing but types', ({ file }) => {
      const source = readFileSync(join(__dirname, '../../src/messages', file), 'utf8');
      const imports = source.match(/^\s*(?:import|export)\b[^;]*\bfrom\s+['"][^'"]+['"]/gm) ?? [];
      expect(imports.length).toBeGreaterThan(0);
      expect(imports.filter((statement) => !/^\s*import\s+type\s/.test(statement))).toEqual([]);
      expect(source).not.toMatch(/\brequire\s*\(|\bimport\s*\(/);
    });

    test('catalogs holds every language under its BCP 47 tag, Simplified Chinese also under zh-CN and zh-SG', () => {
      expect(Object.keys(catalogs)).toEqual(['en', 'de', 'fr', 'es', 'pt', 'ja', 'zh-Hans', 'zh-CN', 'zh-SG']);
      for (const { tag, catalog } of LANGUAGES) expect(catalogs[tag as keyof typeof catalogs]).toBe(catalog);
      expect(catalogs['zh-CN']).toBe(zhHans);
      expect(catalogs['zh-SG']).toBe(zhHans);
      // No bare `zh`: a lookup would hand Simplified titles to zh-TW and zh-Hant clients.
      expect(Object.hasOwn(catalogs, 'zh')).toBe(false);
      for (const tag of Object.keys(catalogs)) expect(tag).toMatch(/^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-[A-Z]{2})?$/);
    });
  });
});
