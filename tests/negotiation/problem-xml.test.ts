import { PROBLEM_XML_LIMITS, PROBLEM_XML_NAMESPACE, problemToXml } from '../../src/negotiation/problem-xml.js';
import { decodeName, parseXml, xmlToValue, type XmlElement } from './xml-checker.js';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** The document parsed by the strict checker, its root checked, read back as Appendix B says. */
function readBack(xml: string): Record<string, unknown> {
  const root = parseXml(xml);
  expect(root.name).toBe('problem');
  expect(root.attributes).toEqual({ xmlns: PROBLEM_XML_NAMESPACE });
  const value = xmlToValue(root);
  return typeof value === 'string' ? {} : (value as Record<string, unknown>);
}

/** What the JSON form of `value` holds, every leaf as the text XML carries. */
function asXmlText(value: unknown): unknown {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map(asXmlText);
  if (typeof value === 'object') {
    const entries = Object.entries(value as object);
    return entries.length === 0 ? '' : Object.fromEntries(entries.map(([name, item]) => [name, asXmlText(item)]));
  }
  return String(value);
}

function depthOf(element: XmlElement): number {
  return 1 + Math.max(0, ...element.children.map((child) => (typeof child === 'string' ? 0 : depthOf(child))));
}

function countElements(element: XmlElement): number {
  return 1 + element.children.reduce<number>((sum, child) => sum + (typeof child === 'string' ? 0 : countElements(child)), 0);
}

describe('problemToXml: RFC 9457 Appendix B', () => {
  test('the appendix example, element for element', () => {
    const xml = problemToXml({
      type: 'https://example.com/probs/out-of-credit',
      title: 'You do not have enough credit.',
      detail: 'Your current balance is 30, but that costs 50.',
      instance: 'https://example.net/account/12345/msgs/abc',
      balance: 30,
      accounts: ['https://example.net/account/12345', 'https://example.net/account/67890'],
    });
    expect(xml).toBe(
      DECLARATION +
        '<problem xmlns="urn:ietf:rfc:7807">' +
        '<type>https://example.com/probs/out-of-credit</type>' +
        '<title>You do not have enough credit.</title>' +
        '<detail>Your current balance is 30, but that costs 50.</detail>' +
        '<instance>https://example.net/account/12345/msgs/abc</instance>' +
        '<balance>30</balance>' +
        '<accounts><i>https://example.net/account/12345</i><i>https://example.net/account/67890</i></accounts>' +
        '</problem>',
    );
    parseXml(xml);
  });

  test('the doc comment example', () => {
    expect(problemToXml({ type: 'about:blank', title: 'Not Found', status: 404, accounts: ['a', 'b'] })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<problem xmlns="urn:ietf:rfc:7807"><type>about:blank</type>' +
        '<title>Not Found</title><status>404</status><accounts><i>a</i><i>b</i></accounts></problem>',
    );
  });

  test('objects nest, arrays nest inside arrays, and everything reads back as its JSON form', () => {
    const problem = {
      type: 'about:blank',
      status: 422,
      errors: [
        { pointer: '#/name', detail: 'must not be empty' },
        { pointer: '#/age', detail: 'must be >= 0', limits: { min: 0, max: 150 } },
      ],
      matrix: [
        [1, 2],
        [3, [4, 5]],
      ],
      flags: { on: true, off: false, none: null },
      ratio: -0.25,
      big: 1e21,
    };
    const back = readBack(problemToXml(problem));
    expect(back).toEqual(asXmlText(JSON.parse(JSON.stringify(problem))));
    expect(back.big).toBe('1e+21');
  });

  test('values are taken as JSON.stringify takes them', () => {
    const xml = problemToXml({
      when: new Date(Date.UTC(2024, 0, 2)),
      custom: { toJSON: () => ({ inner: 'x' }) },
      missing: undefined,
      fn: () => 1,
      sym: Symbol('s'),
      list: [undefined, () => 1, Symbol('t'), NaN, Infinity, 'last'],
      nan: NaN,
      big: 12345678901234567890n,
    });
    expect(xml).toContain('<when>2024-01-02T00:00:00.000Z</when><custom><inner>x</inner></custom>');
    expect(xml).not.toMatch(/<missing|<fn|<sym/);
    expect(xml).toContain('<list><i/><i/><i/><i/><i/><i>last</i></list><nan/>');
    expect(xml).toContain('<big>12345678901234567890</big>');
    parseXml(xml);
  });

  test('empty array, empty object and empty string are all an empty element (the appendix has no way to tell them apart)', () => {
    const back = readBack(problemToXml({ a: [], o: {}, s: '' }));
    expect(back).toEqual({ a: '', o: '', s: '' });
  });
});

describe('problemToXml: text', () => {
  test('markup characters are escaped, quotes need not be', () => {
    const text = `<script>alert("x")</script> & ]]> 'q' &amp;`;
    const xml = problemToXml({ detail: text });
    expect(xml).toContain('<detail>&lt;script&gt;alert("x")&lt;/script&gt; &amp; ]]&gt; \'q\' &amp;amp;</detail>');
    expect(readBack(xml).detail).toBe(text);
  });

  test('CR survives the parser\'s line-end normalisation; TAB and LF are kept as they are', () => {
    const xml = problemToXml({ detail: 'a\r\nb\rc\nd\te' });
    expect(xml).toContain('<detail>a&#xD;\nb&#xD;c\nd\te</detail>');
    expect(readBack(xml).detail).toBe('a\r\nb\rc\nd\te');
  });

  test('characters XML 1.0 does not allow become U+FFFD; allowed astral and discouraged ones stay', () => {
    const forbidden = [...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)).filter((c) => !'\t\n\r'.includes(c)), '\uFFFE', '\uFFFF', '\uD800', '\uDC00', 'x\uDBFFy'];
    for (const char of forbidden) {
      const xml = problemToXml({ detail: `[${char}]` });
      expect(() => parseXml(xml)).not.toThrow();
      expect(readBack(xml).detail).toBe(`[${char.replace(/[^xy]/g, '\uFFFD')}]`);
    }
    const kept = '\u{1F600} \u007F \u0085 \uFDD0 \uE000 \uFFFD';
    expect(readBack(problemToXml({ detail: kept })).detail).toBe(kept);
  });

  test('the same rules hold for text inside nested members and items', () => {
    const back = readBack(problemToXml({ nested: { list: ['<\u0000>', { deep: '&\uFFFF' }] } }));
    expect(back).toEqual({ nested: { list: ['<\uFFFD>', { deep: '&\uFFFD' }] } });
  });
});

describe('problemToXml: element names', () => {
  test.each([
    ['1a', '_x0031_a'],
    ['a b', 'a_x0020_b'],
    ['a:b', 'a_x003A_b'],
    ['-x', '_x002D_x'],
    ['.x', '_x002E_x'],
    ['a<b>', 'a_x003C_b_x003E_'],
    ['_x0031_', '_x005F_x0031_'],
    ['é', '_x00E9_'],
    ['\u{1F600}', '_x0001F600_'],
    ['a\uD800', 'a_xD800_'],
    ['ok_name-1.2', 'ok_name-1.2'],
    ['__proto__', '__proto__'],
    ['xmlns', 'xmlns'],
  ])('%p is written as <%s> and decodes back', (name, element) => {
    const xml = problemToXml({ [name]: 1 });
    expect(xml).toContain(`<${element}>1</${element}>`);
    const root = parseXml(xml);
    const child = root.children[0] as XmlElement;
    expect(child.name).toBe(element);
    expect(decodeName(child.name)).toBe(name);
  });

  test('a member with an empty name is left out', () => {
    expect(problemToXml({ '': 'x', a: 1 })).toBe(`${DECLARATION}<problem xmlns="urn:ietf:rfc:7807"><a>1</a></problem>`);
  });

  test('nested member names are encoded the same way', () => {
    const xml = problemToXml({ outer: { 'in ner': [{ '9': true }] } });
    expect(xml).toContain('<outer><in_x0020_ner><i><_x0039_>true</_x0039_></i></in_x0020_ner></outer>');
    parseXml(xml);
  });

  test('random names and values always give a well-formed document that reads back', () => {
    // A seeded generator: the same strings every run, covering every UTF-16 code unit class.
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pools = [' <>&"\'\r\n\t:;=_x-.09', '\u0000\u0001\u000B\u001F\uFFFE\uFFFF', '\uD800\uDBFF\uDC00\uDFFF', 'aZé€\u{1F600}\u0300\u00B7'];
    const randomString = (): string => {
      let out = '';
      const length = Math.floor(random() * 12);
      for (let i = 0; i < length; i++) {
        const pool = [...(pools[Math.floor(random() * pools.length)] as string)];
        out += pool[Math.floor(random() * pool.length)];
      }
      return out;
    };
    for (let round = 0; round < 300; round++) {
      const problem: Record<string, unknown> = {};
      for (let i = 0; i < 5; i++) problem[randomString()] = random() < 0.5 ? randomString() : [randomString(), { [randomString()]: randomString() }];
      const xml = problemToXml(problem);
      expect(() => parseXml(xml)).not.toThrow();
      const names = (parseXml(xml).children as XmlElement[]).map((child) => decodeName(child.name));
      expect(names).toEqual(Object.keys(problem).filter((name) => name !== ''));
    }
  });
});

describe('problemToXml: bad input', () => {
  test.each([null, undefined, 'x', 1, [1]])('%p is a TypeError', (value) => {
    expect(() => problemToXml(value as unknown as Record<string, unknown>)).toThrow(TypeError);
  });

  test('a throwing getter or toJSON leaves that member out; a throwing item becomes empty', () => {
    const problem: Record<string, unknown> = { a: 1, c: 3 };
    Object.defineProperty(problem, 'b', { enumerable: true, get: () => { throw new Error('boom'); } });
    problem.d = { toJSON: () => { throw new Error('boom'); } };
    const list = [1, 2];
    Object.defineProperty(list, 1, { get: () => { throw new Error('boom'); } });
    problem.list = list;
    expect(problemToXml(problem)).toBe(`${DECLARATION}<problem xmlns="urn:ietf:rfc:7807"><a>1</a><c>3</c><list><i>1</i><i/></list></problem>`);
  });

  test('a Proxy whose traps throw gives an empty element', () => {
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('boom'); } });
    expect(problemToXml({ a: hostile, b: 1 })).toContain('<a></a><b>1</b>');
  });

  test(`a cycle ends at ${PROBLEM_XML_LIMITS.maxDepth} levels`, () => {
    const loop: Record<string, unknown> = { name: 'x' };
    loop.self = loop;
    const list: unknown[] = [];
    list.push(list);
    const root = parseXml(problemToXml({ loop, list }));
    expect(depthOf(root)).toBe(PROBLEM_XML_LIMITS.maxDepth + 1);
  });

  test(`a shared subtree repeated 2^40 times ends at ${PROBLEM_XML_LIMITS.maxElements} elements`, () => {
    let node: unknown = 'leaf';
    for (let i = 0; i < 40; i++) node = { l: node, r: node };
    const started = performance.now();
    const root = parseXml(problemToXml({ tree: node }));
    expect(countElements(root) - 1).toBe(PROBLEM_XML_LIMITS.maxElements);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('a sparse array of length 2^32 - 1 is not walked to its end', () => {
    const sparse: unknown[] = [];
    sparse.length = 2 ** 32 - 1;
    const root = parseXml(problemToXml({ sparse }));
    expect(countElements(root) - 1).toBe(PROBLEM_XML_LIMITS.maxElements);
  });
});

describe('the strict checker the tests above rely on', () => {
  test.each([
    ['a bare &', '<a>&</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a reference to NUL', '<a>&#0;</a>'],
    ['a raw NUL', '<a>\u0000</a>'],
    ['a lone surrogate', '<a>\uD800</a>'],
    ['U+FFFE', '<a>\uFFFE</a>'],
    [']]> in text', '<a>]]></a>'],
    ['a mismatched end tag', '<a></b>'],
    ['an unclosed element', '<a><b></b>'],
    ['a name starting with a digit', '<1a/>'],
    ['a prefixed name', '<a:b/>'],
    ['a space in a name', '<a b/>'],
    ['two roots', '<a/><b/>'],
    ['a comment', '<a><!-- x --></a>'],
    ['a DOCTYPE', '<!DOCTYPE a><a/>'],
    ['a declaration with version 2.0', '<?xml version="2.0"?><a/>'],
    ['a repeated attribute', '<a x="1" x="2"/>'],
    ['< in an attribute', '<a x="<"/>'],
  ])('rejects %s', (_, xml) => {
    expect(() => parseXml(xml)).toThrow(SyntaxError);
  });

  test('accepts and decodes what XML allows', () => {
    const root = parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a x=\'1\' y="&lt;"><b>&#x1F600;&#65;&amp;&quot;</b>\r\n<c/></a>\n');
    expect(root).toEqual({ name: 'a', attributes: { x: '1', y: '<' }, children: [{ name: 'b', attributes: {}, children: ['\u{1F600}A&"'] }, '\n', { name: 'c', attributes: {}, children: [] }] });
  });
});
