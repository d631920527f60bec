import { ACCEPT_LIMITS, chooseMediaType, type ProblemMediaType } from '../../src/negotiation/media-type.js';

const PROBLEM_JSON = 'application/problem+json';
const JSON_TYPE = 'application/json';
const PROBLEM_XML = 'application/problem+xml';

describe('chooseMediaType: the three types', () => {
  test.each<[string | undefined, ProblemMediaType]>([
    // No preference: problem+json.
    [undefined, PROBLEM_JSON],
    ['', PROBLEM_JSON],
    ['   ', PROBLEM_JSON],
    ['*/*', PROBLEM_JSON],
    ['application/*', PROBLEM_JSON],
    [PROBLEM_JSON, PROBLEM_JSON],
    // JSON but not problem+json.
    [JSON_TYPE, JSON_TYPE],
    ['application/json, text/plain', JSON_TYPE],
    ['application/json, */*;q=0.1', JSON_TYPE],
    // XML preferred.
    [PROBLEM_XML, PROBLEM_XML],
    ['application/xml', PROBLEM_XML],
    ['text/xml', PROBLEM_XML],
    ['application/xml, */*;q=0.5', PROBLEM_XML],
    // Browsers navigating to a URL rank application/xml above */*.
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', PROBLEM_XML],
    // fetch() in a browser sends */*.
    ['*/*', PROBLEM_JSON],
    // Never a 406: nothing we have is acceptable, problem+json anyway.
    ['image/png', PROBLEM_JSON],
    ['text/html', PROBLEM_JSON],
    ['text/*', PROBLEM_JSON],
    ['application/xhtml+xml', PROBLEM_JSON],
  ])('Accept %p → %s', (accept, expected) => {
    expect(chooseMediaType(accept)).toBe(expected);
  });
});

test('the doc comment examples', () => {
  expect(chooseMediaType(undefined)).toBe(PROBLEM_JSON);
  expect(chooseMediaType('application/json')).toBe(JSON_TYPE);
  expect(chooseMediaType('application/xml, application/json;q=0.5')).toBe(PROBLEM_XML);
  expect(chooseMediaType('image/png')).toBe(PROBLEM_JSON);
});

describe('chooseMediaType: weights', () => {
  test.each<[string, ProblemMediaType]>([
    ['application/problem+xml;q=0.5, application/json;q=0.4', PROBLEM_XML],
    ['application/problem+xml;q=0.4, application/json;q=0.5', JSON_TYPE],
    ['application/xml;q=0.501, application/problem+json;q=0.5', PROBLEM_XML],
    ['application/xml;q=0.5, application/problem+json;q=0.5', PROBLEM_JSON],
    ['application/json;q=1.000, application/problem+json;q=0.999', JSON_TYPE],
    ['application/json;q=0.9, application/problem+json;q=0.', JSON_TYPE],
  ])('Accept %p → %s', (accept, expected) => {
    expect(chooseMediaType(accept)).toBe(expected);
  });

  test('equal weights: problem+json, then application/json, then problem+xml', () => {
    expect(chooseMediaType('application/problem+xml, application/json, application/problem+json')).toBe(PROBLEM_JSON);
    expect(chooseMediaType('application/problem+xml, application/json')).toBe(JSON_TYPE);
    expect(chooseMediaType('application/xml;q=0.3, application/json;q=0.3')).toBe(JSON_TYPE);
  });

  test('q=0 excludes a type', () => {
    expect(chooseMediaType('application/problem+json;q=0, */*')).toBe(JSON_TYPE);
    expect(chooseMediaType('application/problem+json;q=0, application/json;q=0, */*')).toBe(PROBLEM_XML);
    expect(chooseMediaType('application/*, application/problem+json;q=0')).toBe(JSON_TYPE);
  });

  test('everything excluded still gives problem+json (never a 406)', () => {
    expect(chooseMediaType('*/*;q=0')).toBe(PROBLEM_JSON);
    expect(chooseMediaType('application/problem+json;q=0, application/json;q=0, application/problem+xml;q=0')).toBe(PROBLEM_JSON);
    expect(chooseMediaType('application/xml;q=0')).toBe(PROBLEM_JSON);
  });

  test('the most specific matching range sets the weight (RFC 9110 12.5.1)', () => {
    // Exact beats application/* beats */*, whatever the order and the weights.
    expect(chooseMediaType('*/*;q=0.9, application/problem+json;q=0.1, application/json;q=0.5, application/problem+xml;q=0.2')).toBe(JSON_TYPE);
    expect(chooseMediaType('application/*;q=0.1, */*;q=1')).toBe(PROBLEM_JSON);
    expect(chooseMediaType('application/*;q=0.1, application/xml;q=0.2, */*;q=1')).toBe(PROBLEM_XML);
    // problem+xml named exactly outranks the generic XML ranges.
    expect(chooseMediaType('application/xml;q=0.9, application/problem+xml;q=0.1, application/json;q=0.5')).toBe(JSON_TYPE);
    expect(chooseMediaType('application/xml, application/problem+xml;q=0')).toBe(PROBLEM_JSON);
    // text/xml is not an application/* range but still beats */*.
    expect(chooseMediaType('text/xml;q=0.2, */*;q=0.1')).toBe(PROBLEM_XML);
    // RFC 9110's precedence example, on our types: a range with parameters beats the same range without.
    expect(chooseMediaType('application/*;q=0.3, application/json;q=0.7, application/json;charset=utf-8, */*;q=0.5')).toBe(JSON_TYPE);
    expect(chooseMediaType('application/json;charset=utf-8;q=0.2, application/json, application/problem+json;q=0.5')).toBe(PROBLEM_JSON);
  });

  test('two equally specific ranges for one type: the higher weight', () => {
    expect(chooseMediaType('application/json;q=0.2, application/json, application/problem+json;q=0.5')).toBe(JSON_TYPE);
    expect(chooseMediaType('application/json, application/json;q=0, application/problem+json;q=0.5')).toBe(JSON_TYPE);
  });
});

describe('chooseMediaType: syntax', () => {
  test('type, subtype and the q name are case-insensitive', () => {
    expect(chooseMediaType('APPLICATION/JSON')).toBe(JSON_TYPE);
    expect(chooseMediaType('Application/Problem+XML')).toBe(PROBLEM_XML);
    expect(chooseMediaType('application/xml;Q=0.9, application/json;Q=0.1')).toBe(PROBLEM_XML);
    expect(chooseMediaType('TEXT/XML')).toBe(PROBLEM_XML);
  });

  test('whitespace around commas and semicolons', () => {
    expect(chooseMediaType('  application/json ;  q=0.2 ,\t application/xml\t;\tq=0.3  ')).toBe(PROBLEM_XML);
  });

  test('charset=utf-8 (quoted or not, any case) is satisfied; other parameters match nothing of ours', () => {
    expect(chooseMediaType('application/json;charset=utf-8')).toBe(JSON_TYPE);
    expect(chooseMediaType('application/json; charset="UTF-8"')).toBe(JSON_TYPE);
    expect(chooseMediaType('application/problem+xml;charset=utf-8')).toBe(PROBLEM_XML);
    expect(chooseMediaType('application/json;charset=iso-8859-1')).toBe(PROBLEM_JSON);
    expect(chooseMediaType('application/json;profile="https://example.com/p"')).toBe(PROBLEM_JSON);
    expect(chooseMediaType('application/xml;version=2, application/json;q=0.1')).toBe(JSON_TYPE);
  });

  test('a comma or semicolon inside a quoted parameter value does not split', () => {
    expect(chooseMediaType('application/json;foo="a, application/xml";q=1, text/plain')).toBe(PROBLEM_JSON);
    expect(chooseMediaType('application/json;foo="a;q=0", application/xml;q=0.1')).toBe(PROBLEM_XML);
    expect(chooseMediaType('application/xml;foo="esc\\"aped, still quoted", application/json;q=0.1')).toBe(JSON_TYPE);
  });

  test('parameters after the weight (RFC 7231 accept-ext) are ignored', () => {
    expect(chooseMediaType('application/xml;q=0.5;level=1, application/json;q=0.4')).toBe(PROBLEM_XML);
    expect(chooseMediaType('application/xml;q=0.5;q=0.1, application/json;q=0.4')).toBe(PROBLEM_XML);
  });

  test('empty list elements and empty parameters are allowed', () => {
    expect(chooseMediaType(',, ,application/xml,,')).toBe(PROBLEM_XML);
    expect(chooseMediaType('application/xml;;;;')).toBe(PROBLEM_XML);
    expect(chooseMediaType('application/xml;;;q=0.5;;, application/json;q=0.4')).toBe(PROBLEM_XML);
  });

  test.each([
    'q=abc',
    'q=1.5',
    'q=-1',
    'q=',
    'q=.5',
    'q=0.0001',
    'q=1.001',
    'q=2',
    'q=0x1',
    'q=1e0',
    'q= 0.5',
    'q="0.5"',
    'q=0.5 x',
    'q=NaN',
    'q=Infinity',
  ])('a range with a malformed weight (%s) is ignored as if not sent', (weight) => {
    expect(chooseMediaType(`application/xml;${weight}, application/json;q=0.1`)).toBe(JSON_TYPE);
    expect(chooseMediaType(`application/problem+xml;${weight}`)).toBe(PROBLEM_JSON);
  });

  test.each([
    'application',
    'application/',
    '/json',
    '*/json',
    'application/json/extra',
    'application/x ml',
    'appli"cation/xml',
    'application/xml;charset',
    'application/xml;=utf-8',
    'application/xml;char set=utf-8',
    'application/xml;charset="unterminated',
    'application/xml;charset="a"b',
    ';q=1',
    'application/xml\u0000',
    'applic\u0000ation/xml',
    'application/xml;charset=ut\u0000f-8',
  ])('a malformed range %p is ignored', (range) => {
    expect(chooseMediaType(range)).toBe(PROBLEM_JSON);
    expect(chooseMediaType(`${range}, application/json`)).toBe(range.includes('"unterminated') ? PROBLEM_JSON : JSON_TYPE);
  });

  test('a value that is not a string is treated as no header', () => {
    for (const value of [null, 42, ['application/xml'], { accept: 'application/xml' }]) {
      expect(chooseMediaType(value as unknown as string)).toBe(PROBLEM_JSON);
    }
  });
});

describe('chooseMediaType: bounded work', () => {
  const filler = (count: number): string => Array.from({ length: count }, (_, i) => `image/x-${i}`).join(', ');

  test(`only the first ${ACCEPT_LIMITS.maxItems} ranges are looked at`, () => {
    expect(ACCEPT_LIMITS.maxItems).toBe(32);
    expect(chooseMediaType(`${filler(ACCEPT_LIMITS.maxItems - 1)}, application/xml`)).toBe(PROBLEM_XML);
    expect(chooseMediaType(`${filler(ACCEPT_LIMITS.maxItems)}, application/xml`)).toBe(PROBLEM_JSON);
    // Empty elements do not count.
    expect(chooseMediaType(`${','.repeat(500)}application/xml`)).toBe(PROBLEM_XML);
  });

  test(`only the first ${ACCEPT_LIMITS.maxLength} characters are looked at, and a range cut by the limit is dropped`, () => {
    expect(ACCEPT_LIMITS.maxLength).toBe(2048);
    const pad = (text: string): string => `text/plain;p="${'x'.repeat(ACCEPT_LIMITS.maxLength - text.length - 17)}", ${text}`;
    const fits = pad('application/xml');
    expect(fits.length).toBe(ACCEPT_LIMITS.maxLength);
    expect(chooseMediaType(fits)).toBe(PROBLEM_XML);
    expect(chooseMediaType(`${fits}, application/json`)).toBe(PROBLEM_XML);
    // One character more: the range is cut, so it is not read at all (not as "application/xm").
    expect(chooseMediaType(` ${fits}`)).toBe(PROBLEM_JSON);
    // Cut inside "application/xml+foo" would leave "application/xml"; the cut range is dropped instead.
    expect(chooseMediaType(`${fits}+foo`)).toBe(PROBLEM_JSON);
    // Cut inside "q=0.5" would leave "q=0." (0): dropped instead, so JSON at 0.1 is not overruled by a misread.
    const weighted = `application/json;q=0.1, ${pad('application/problem+json;q=0.')}5`;
    expect(chooseMediaType(weighted.slice(weighted.length - ACCEPT_LIMITS.maxLength - 1))).toBe(PROBLEM_JSON);
  });

  test.each<[string, string, ProblemMediaType]>([
    ['10 KB of one range', `application/${'x'.repeat(10_240)}`, PROBLEM_JSON],
    ['10 KB of commas', ','.repeat(10_240), PROBLEM_JSON],
    ['10 KB of spaces then a range', `${' '.repeat(10_240)}application/xml`, PROBLEM_JSON],
    ['10 KB of semicolons', `application/xml${';'.repeat(10_240)}`, PROBLEM_JSON],
    ['500 ranges', filler(500), PROBLEM_JSON],
    ['500 XML ranges', Array.from({ length: 500 }, () => 'application/xml').join(','), PROBLEM_XML],
    ['500 malformed weights', Array.from({ length: 500 }, (_, i) => `application/xml;q=${i + 2}.5`).join(','), PROBLEM_JSON],
    ['an unterminated quote', `application/json;x="${'\\"'.repeat(5_000)}`, PROBLEM_JSON],
    ['NUL bytes', '\u0000'.repeat(10_240), PROBLEM_JSON],
    ['non-ASCII', 'application/\u{1F600}'.repeat(1_000), PROBLEM_JSON],
  ])('%s: a valid answer', (_, accept, expected) => {
    expect(chooseMediaType(accept)).toBe(expected);
  });

  test('10,000 hostile headers take well under a second', () => {
    const hostile = [
      `application/${'x'.repeat(10_240)}`,
      filler(500),
      ','.repeat(10_240),
      `${'a/b;'.repeat(2_560)}`,
      `application/json;x="${'\\"'.repeat(5_000)}`,
      Array.from({ length: 500 }, (_, i) => `application/xml;q=0.${i % 1000}`).join(', '),
      `${' '.repeat(10_239)}x`,
    ];
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) chooseMediaType(hostile[i % hostile.length]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
