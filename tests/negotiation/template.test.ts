import { fillTemplate, TEMPLATE_LIMITS } from '../../src/negotiation/template.js';

describe('fillTemplate', () => {
  test('the RFC 9457 example detail, filled from extension members', () => {
    expect(fillTemplate('Your current balance is {balance}, but that costs {cost}.', { balance: 30, cost: 50 })).toBe(
      'Your current balance is 30, but that costs 50.',
    );
  });

  test('the doc comment examples', () => {
    expect(fillTemplate('Your balance is {balance}, but that costs {cost}.', { balance: 30, cost: 50 })).toBe('Your balance is 30, but that costs 50.');
    expect(fillTemplate('Use {{braces}} for {missing}', {})).toBe('Use {braces} for {missing}');
  });

  test('strings, finite numbers and booleans are filled', () => {
    expect(fillTemplate('{s}|{n}|{f}|{z}|{t}|{b}|{e}', { s: 'text', n: -1.5, f: 1e21, z: 0, t: true, b: false, e: '' })).toBe('text|-1.5|1e+21|0|true|false|');
  });

  test('unknown names, objects, arrays, null, undefined and non-finite numbers stay as written', () => {
    const members = { o: { a: 1 }, a: [1, 2], n: null, u: undefined, nan: NaN, inf: Infinity, big: 1n, sym: Symbol('s'), fn: () => 'x' };
    const template = '{missing} {o} {a} {n} {u} {nan} {inf} {big} {sym} {fn}';
    expect(fillTemplate(template, members)).toBe(template);
  });

  test('only own members: nothing is read from Object.prototype', () => {
    const template = '{constructor} {toString} {__proto__} {hasOwnProperty} {valueOf}';
    expect(fillTemplate(template, {})).toBe(template);
    expect(fillTemplate('{inherited}', Object.create({ inherited: 'no' }) as Record<string, unknown>)).toBe('{inherited}');
    expect(fillTemplate('{constructor}', { constructor: 'own' })).toBe('own');
  });

  test('{{ and }} are literal braces', () => {
    expect(fillTemplate('{{a}}', { a: 'x' })).toBe('{a}');
    expect(fillTemplate('{{{a}}}', { a: 'x' })).toBe('{x}');
    expect(fillTemplate('}}{{', {})).toBe('}{');
    expect(fillTemplate('set {{ "a": {a} }}', { a: 1 })).toBe('set { "a": 1 }');
  });

  test('lone and unmatched braces stay as written', () => {
    expect(fillTemplate('a { b } c {} {', { b: 'x' })).toBe('a { b } c {} {');
    expect(fillTemplate('}{a}{', { a: 'x' })).toBe('}x{');
    expect(fillTemplate('{a{b}', { b: 'x' })).toBe('{ax');
  });

  test('names with spaces are not placeholders; any other name is', () => {
    expect(fillTemplate('{a b} {a\tb}', { 'a b': 'x', 'a\tb': 'y' })).toBe('{a b} {a\tb}');
    expect(fillTemplate('{a-b} {a.b} {1a} {ü} {$x}', { 'a-b': 1, 'a.b': 2, '1a': 3, ü: 4, $x: 5 })).toBe('1 2 3 4 5');
  });

  test('a filled value is not scanned again', () => {
    expect(fillTemplate('{a}', { a: '{b}', b: 'no' })).toBe('{b}');
    expect(fillTemplate('{a}', { a: '{{' })).toBe('{{');
    expect(fillTemplate('{a}{b}', { a: '{', b: '}' })).toBe('{}');
  });

  test('a detail without placeholders is returned as it is', () => {
    const detail = 'Nothing to fill: 100% plain.';
    expect(fillTemplate(detail, { x: 1 })).toBe(detail);
  });

  test('a getter that throws or a Proxy that throws leaves the placeholder', () => {
    const members: Record<string, unknown> = {};
    Object.defineProperty(members, 'bad', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(fillTemplate('{bad}', members)).toBe('{bad}');
    const hostile = new Proxy({}, { getOwnPropertyDescriptor: () => { throw new Error('boom'); } });
    expect(fillTemplate('{x}', hostile)).toBe('{x}');
  });

  test('members that are not an object fill nothing', () => {
    expect(fillTemplate('{a}', null as unknown as Record<string, unknown>)).toBe('{a}');
  });

  test('a detail that is not a string is a TypeError (a programmer mistake)', () => {
    expect(() => fillTemplate(undefined as unknown as string, {})).toThrow(TypeError);
    expect(() => fillTemplate(42 as unknown as string, {})).toThrow(TypeError);
  });
});

describe('fillTemplate: bounds', () => {
  const max = TEMPLATE_LIMITS.maxOutput;

  test(`the output is at most ${max} characters, ending in … when cut`, () => {
    expect(max).toBe(4096);
    const big = fillTemplate('{a}{a}{a}', { a: 'x'.repeat(100_000) });
    expect(big.length).toBe(max);
    expect(big.endsWith('x…')).toBe(true);
    expect(fillTemplate('y'.repeat(max), {})).toBe('y'.repeat(max));
    const over = fillTemplate('y'.repeat(max + 1), {});
    expect(over).toHaveLength(max);
    expect(over.endsWith('…')).toBe(true);
  });

  test('the cut never leaves half a surrogate pair', () => {
    for (const offset of [0, 1]) {
      const out = fillTemplate(`${'a'.repeat(offset)}{e}`, { e: '\u{1F600}'.repeat(max) });
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      expect(out.endsWith('…')).toBe(true);
    }
  });

  test(`a placeholder name is at most ${TEMPLATE_LIMITS.maxName} characters`, () => {
    const name = 'n'.repeat(TEMPLATE_LIMITS.maxName);
    expect(fillTemplate(`{${name}}`, { [name]: 'ok' })).toBe('ok');
    expect(fillTemplate(`{${name}n}`, { [`${name}n`]: 'ok' })).toBe(`{${name}n}`);
  });

  test('the input is not read past the output limit', () => {
    // A getter on a member named after the limit would run if the scan went on.
    let read = false;
    const members: Record<string, unknown> = {};
    Object.defineProperty(members, 'late', { enumerable: true, get: () => { read = true; return 'x'; } });
    fillTemplate(`${'y'.repeat(max + 10)}{late}`, members);
    expect(read).toBe(false);
    fillTemplate(`${'y'.repeat(max - 10)}{late}`, members);
    expect(read).toBe(true);
  });

  test(`at most ${TEMPLATE_LIMITS.maxInput} characters of the template are read`, () => {
    expect(TEMPLATE_LIMITS.maxInput).toBe(8192);
    const within = `${'{{}}'.repeat(TEMPLATE_LIMITS.maxInput / 4 - 1)}{a}`;
    expect(within.length).toBe(TEMPLATE_LIMITS.maxInput - 1);
    expect(fillTemplate(within, { a: 'A' })).toBe(`${'{}'.repeat(TEMPLATE_LIMITS.maxInput / 4 - 1)}A`);
    // One step further, the placeholder lies past the limit and is not read at all.
    expect(fillTemplate(`${'{{}}'.repeat(TEMPLATE_LIMITS.maxInput / 4)}{a}`, { a: 'A' })).toBe('{}'.repeat(TEMPLATE_LIMITS.maxInput / 4));
  });

  test(`at most ${TEMPLATE_LIMITS.maxFills} placeholders are filled; later ones stay as written`, () => {
    expect(TEMPLATE_LIMITS.maxFills).toBe(32);
    const template = '{a}'.repeat(TEMPLATE_LIMITS.maxFills + 2);
    expect(fillTemplate(template, { a: 'x' })).toBe(`${'x'.repeat(TEMPLATE_LIMITS.maxFills)}{a}{a}`);
    // Escapes still work after the last fill.
    expect(fillTemplate(`${template}{{`, { a: 'x' }).endsWith('{a}{a}{')).toBe(true);
  });

  test('hostile members with real templates: 10,000 calls take well under a second', () => {
    // Members are what a client can influence (extension values); templates come from the app's catalog.
    const many: Record<string, unknown> = {};
    for (let i = 0; i < 10_000; i++) many[`m${i}`] = `v${i}`;
    const getters: Record<string, unknown> = {};
    Object.defineProperty(getters, 'balance', { enumerable: true, get: () => { throw new Error('boom'); } });
    const members = [
      { balance: 'x'.repeat(1_000_000), cost: '{cost}'.repeat(10_000) },
      many,
      getters,
      new Proxy({}, { getOwnPropertyDescriptor: () => { throw new Error('boom'); } }),
      { balance: '\u0000\uD800'.repeat(10_000), cost: Infinity },
    ] as Record<string, unknown>[];
    const templates = ['Your current balance is {balance}, but that costs {cost}.', '{m9999} of {m0}: {balance}', '{{balance}} is {balance}'];
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) {
      const out = fillTemplate(templates[i % templates.length] as string, members[i % members.length] as Record<string, unknown>);
      if (out.length > max) throw new Error('unbounded');
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('pathological templates: bounded output, and 1,000 calls well under a second', () => {
    const hostile: [string, Record<string, unknown>][] = [
      ['{'.repeat(100_000), {}],
      ['{a'.repeat(50_000), { a: 1 }],
      ['{a}'.repeat(30_000), { a: 'x'.repeat(1_000) }],
      [`{${'n'.repeat(100_000)}}`, {}],
      ['{{}}'.repeat(25_000), {}],
      ['\u0000{a}'.repeat(20_000), { a: '\u0000' }],
      ['{e}'.repeat(30_000), { e: '' }],
    ];
    for (const [template, members] of hostile) expect(fillTemplate(template, members).length).toBeLessThanOrEqual(max);
    const started = performance.now();
    for (let i = 0; i < 1_000; i++) {
      const [template, members] = hostile[i % hostile.length] as [string, Record<string, unknown>];
      fillTemplate(template, members);
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
