import { ACCEPT_LANGUAGE_LIMITS, lookupLanguage } from '../../src/negotiation/language.js';

const AVAILABLE = ['en', 'en-GB', 'de', 'fr', 'pt-BR', 'zh-Hans', 'zh-Hant'] as const;

describe('lookupLanguage: RFC 4647 3.4 Lookup', () => {
  test.each<[string | undefined, string | undefined]>([
    ['de', 'de'],
    ['de-CH', 'de'],
    ['de-CH-1996', 'de'],
    ['en-GB', 'en-GB'],
    ['en-US', 'en'],
    ['pt-BR', 'pt-BR'],
    ['pt-PT', 'en'],
    ['pt', 'en'],
    ['zh-Hant-TW', 'zh-Hant'],
    ['zh-Hans-CN', 'zh-Hans'],
    ['zh-CN', 'en'],
    ['ja', 'en'],
    [undefined, 'en'],
    ['', 'en'],
  ])('Accept-Language %p → %p', (header, expected) => {
    expect(lookupLanguage(header, AVAILABLE, 'en')).toBe(expected);
  });

  test('the doc comment examples', () => {
    expect(lookupLanguage('de-CH, fr;q=0.8', ['en', 'de', 'fr'], 'en')).toBe('de');
    expect(lookupLanguage('zh-Hant-TW', ['zh-Hans', 'zh-Hant'], 'en')).toBe('zh-Hant');
    expect(lookupLanguage('ja', ['en', 'de'], 'en')).toBe('en');
  });

  test('the RFC example: zh-Hant-CN-x-private1-private2 falls back one step at a time, skipping the singleton', () => {
    const range = 'zh-Hant-CN-x-private1-private2';
    const steps = ['zh-Hant-CN-x-private1-private2', 'zh-Hant-CN-x-private1', 'zh-Hant-CN', 'zh-Hant', 'zh'];
    for (const step of steps) expect(lookupLanguage(range, [step, 'zh-Hant-CN-x'], 'default')).toBe(step);
    // `zh-Hant-CN-x` is never tried: a range does not end in a singleton.
    expect(lookupLanguage(range, ['zh-Hant-CN-x', 'zh-x'], 'default')).toBe('default');
    // The same for extension singletons.
    expect(lookupLanguage('de-DE-u-co-phonebk', ['de-DE-u-co', 'de-DE-u', 'de-DE'], 'en')).toBe('de-DE-u-co');
    expect(lookupLanguage('de-DE-u-co', ['de-DE-u', 'de-DE'], 'en')).toBe('de-DE');
  });

  test('a higher-weight range is followed all the way down before a lower one is tried', () => {
    expect(lookupLanguage('fr-CA, en;q=0.5', ['en', 'fr'], 'de')).toBe('fr');
    expect(lookupLanguage('fr-CA, en-GB;q=0.5', ['en-GB', 'fr'], 'de')).toBe('fr');
  });

  test('q-values order the ranges, equal weights keep the header order', () => {
    expect(lookupLanguage('fr;q=0.5, de;q=0.9', AVAILABLE, 'en')).toBe('de');
    expect(lookupLanguage('fr;q=0.5, de;q=0.5', AVAILABLE, 'en')).toBe('fr');
    expect(lookupLanguage('de;q=0.5, fr;q=0.5', AVAILABLE, 'en')).toBe('de');
    expect(lookupLanguage('ja, fr;q=0.1, de;q=0.2', AVAILABLE, 'en')).toBe('de');
    expect(lookupLanguage('fr;q=0.001, de;q=0', AVAILABLE, 'en')).toBe('fr');
    // A browser's list: the first it can have.
    expect(lookupLanguage('ja-JP,ja;q=0.9,zh-TW;q=0.8,zh;q=0.7,en-US;q=0.6,en;q=0.5', AVAILABLE, 'de')).toBe('en');
  });

  test('q=0 is never tried, and the exact locale it names is not reached by another range falling back', () => {
    expect(lookupLanguage('fr;q=0', AVAILABLE, 'en')).toBe('en');
    expect(lookupLanguage('de-CH, de;q=0', AVAILABLE, 'en')).toBe('en');
    expect(lookupLanguage('de-CH, de;q=0, fr;q=0.5', AVAILABLE, 'en')).toBe('fr');
    // Only that exact tag: zh-Hant is still reachable when zh is refused.
    expect(lookupLanguage('zh-Hant-TW, zh;q=0', AVAILABLE, 'en')).toBe('zh-Hant');
    // `*;q=0` changes nothing: lookup only returns what the listed ranges reach.
    expect(lookupLanguage('de-CH, *;q=0', AVAILABLE, 'en')).toBe('de');
  });

  test('* is skipped; a header of only * gives the default', () => {
    expect(lookupLanguage('*', AVAILABLE, 'fr')).toBe('fr');
    expect(lookupLanguage('*, de;q=0.5', AVAILABLE, 'en')).toBe('de');
    expect(lookupLanguage('ja, *;q=0.9', AVAILABLE, 'en')).toBe('en');
  });

  test('matching is case-insensitive and returns the tag as spelled in available', () => {
    expect(lookupLanguage('ZH-hant-tw', AVAILABLE, 'en')).toBe('zh-Hant');
    expect(lookupLanguage('EN-gb', AVAILABLE, 'en')).toBe('en-GB');
    expect(lookupLanguage('pt-br', ['PT-br'], 'en')).toBe('PT-br');
    // Two spellings of one tag: the first.
    expect(lookupLanguage('de', ['DE', 'de'], 'en')).toBe('DE');
  });

  test('no match: the default as given, or undefined without one', () => {
    expect(lookupLanguage('ja', AVAILABLE)).toBeUndefined();
    expect(lookupLanguage('ja', [], 'xx-Not-Listed')).toBe('xx-Not-Listed');
    expect(lookupLanguage('de', [])).toBeUndefined();
  });

  test('non-string entries of available are ignored', () => {
    expect(lookupLanguage('de', [1, null, 'de'] as unknown as string[], 'en')).toBe('de');
  });

  test('available that is not an array is a TypeError (a programmer mistake)', () => {
    expect(() => lookupLanguage('de', 'de' as unknown as string[])).toThrow(TypeError);
    expect(() => lookupLanguage('de', undefined as unknown as string[])).toThrow(TypeError);
  });
});

describe('lookupLanguage: syntax', () => {
  test('whitespace around commas and semicolons', () => {
    expect(lookupLanguage('  ja ,\t fr ; q=0.4 ,de;q=0.5 ', AVAILABLE, 'en')).toBe('de');
  });

  test('the Q name is case-insensitive', () => {
    expect(lookupLanguage('fr;Q=0.4, de;Q=0.5', AVAILABLE, 'en')).toBe('de');
  });

  test.each(['en_GB', '123', 'toolongsubtag', 'de--CH', '-de', 'de-', 'de-*-CH', 'd e', 'de-CH!', 'de\u0000', 'dé', '"de"'])('a malformed range %p is ignored', (range) => {
    expect(lookupLanguage(range, ['de', 'en-GB', 'en'], 'fr')).toBe('fr');
    expect(lookupLanguage(`${range}, en;q=0.1`, ['de', 'en-GB', 'en'], 'fr')).toBe('en');
  });

  test.each(['q=abc', 'q=1.5', 'q=-1', 'q=', 'q=.5', 'q=0.0001', 'q="0.5"', 'q=1.01'])('a range with a malformed weight (%s) is ignored', (weight) => {
    expect(lookupLanguage(`de;${weight}, fr;q=0.1`, AVAILABLE, 'en')).toBe('fr');
  });

  test('empty elements and empty parameters are allowed', () => {
    expect(lookupLanguage(',,de;;;,', AVAILABLE, 'en')).toBe('de');
    expect(lookupLanguage(';;;;', AVAILABLE, 'en')).toBe('en');
  });

  test('a value that is not a string is treated as no header', () => {
    for (const value of [null, 42, ['de'], { de: 1 }]) expect(lookupLanguage(value as unknown as string, AVAILABLE, 'en')).toBe('en');
  });
});

describe('lookupLanguage: bounded work', () => {
  const filler = (count: number): string => Array.from({ length: count }, (_, i) => `x-${i}`).join(', ');

  test(`only the first ${ACCEPT_LANGUAGE_LIMITS.maxItems} ranges are looked at`, () => {
    expect(ACCEPT_LANGUAGE_LIMITS.maxItems).toBe(32);
    // Each filler range starts with the private-use singleton x: valid, matching nothing.
    expect(lookupLanguage(`${filler(ACCEPT_LANGUAGE_LIMITS.maxItems - 1)}, de`, AVAILABLE, 'en')).toBe('de');
    expect(lookupLanguage(`${filler(ACCEPT_LANGUAGE_LIMITS.maxItems)}, de`, AVAILABLE, 'en')).toBe('en');
    // Malformed ranges count too: the limit is on what is read, not on what is kept.
    expect(lookupLanguage(`${'bad_range, '.repeat(ACCEPT_LANGUAGE_LIMITS.maxItems)}de`, AVAILABLE, 'en')).toBe('en');
  });

  test(`only the first ${ACCEPT_LANGUAGE_LIMITS.maxLength} characters are looked at, and a range cut by the limit is dropped`, () => {
    expect(ACCEPT_LANGUAGE_LIMITS.maxLength).toBe(2048);
    const pad = (text: string): string => `${' '.repeat(ACCEPT_LANGUAGE_LIMITS.maxLength - text.length - 2)}, ${text}`;
    expect(pad('de').length).toBe(ACCEPT_LANGUAGE_LIMITS.maxLength);
    expect(lookupLanguage(pad('de'), AVAILABLE, 'en')).toBe('de');
    expect(lookupLanguage(`${pad('de')}, fr`, AVAILABLE, 'en')).toBe('de');
    // "de-CH" cut to "de" would be read as de: the cut range is dropped instead.
    expect(lookupLanguage(`${pad('de')}-CH`, AVAILABLE, 'en')).toBe('en');
    expect(lookupLanguage(` ${pad('de')}`, AVAILABLE, 'en')).toBe('en');
  });

  test(`a range longer than ${ACCEPT_LANGUAGE_LIMITS.maxRangeLength} characters is cut back to whole subtags`, () => {
    expect(ACCEPT_LANGUAGE_LIMITS.maxRangeLength).toBe(64);
    const long = `de-CH-${Array.from({ length: 40 }, () => 'abcdefgh').join('-')}`;
    expect(long.length).toBeGreaterThan(300);
    expect(lookupLanguage(long, AVAILABLE, 'en')).toBe('de');
    // Exactly at the limit the range is kept whole; one subtag more is cut.
    const sixtyFour = `de-${'a1234567-'.repeat(6)}abcdefg`;
    expect(sixtyFour.length).toBe(64);
    expect(lookupLanguage(sixtyFour, [sixtyFour], 'en')).toBe(sixtyFour);
    expect(lookupLanguage(`${sixtyFour}-x`, [sixtyFour], 'en')).toBe(sixtyFour);
    expect(lookupLanguage(`${sixtyFour}1-b`, [`${sixtyFour}1`], 'en')).toBe('en');
  });

  test.each<[string, string, string]>([
    ['10 KB of one tag', 'a'.repeat(10_240), 'en'],
    // Valid but cut by the length limit: dropped whole, not read as its first 2048 characters.
    ['10 KB of subtags', `de${'-abcdefgh'.repeat(1_100)}`, 'en'],
    ['10 KB of subtags, then a comma in reach', `de${'-abcdefgh'.repeat(200)}, fr${'-abcdefgh'.repeat(1_000)}`, 'de'],
    ['500 ranges', filler(500), 'en'],
    ['500 malformed weights', Array.from({ length: 500 }, (_, i) => `de;q=${i + 2}`).join(','), 'en'],
    ['10 KB of semicolons', `de${';'.repeat(10_240)}`, 'en'],
    ['10 KB of semicolons in reach of a comma', `de${';'.repeat(1_000)}, fr`, 'de'],
    ['NUL bytes', '\u0000'.repeat(10_240), 'en'],
    ['an unterminated quote', `de;x="${'a'.repeat(10_000)}`, 'en'],
  ])('%s: a valid answer', (_, header, expected) => {
    expect(lookupLanguage(header, AVAILABLE, 'en')).toBe(expected);
  });

  test('10,000 hostile headers take well under a second', () => {
    const hostile = [
      'a'.repeat(10_240),
      `de${'-abcdefgh'.repeat(1_100)}`,
      filler(500),
      ','.repeat(10_240),
      Array.from({ length: 500 }, (_, i) => `de-x-${i};q=0.${i % 1000}`).join(', '),
      `${'zh-Hant-CN-x-private1-private2;q=0.5, '.repeat(300)}`,
    ];
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) lookupLanguage(hostile[i % hostile.length], AVAILABLE, 'en');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
