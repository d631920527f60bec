import { jsonPointer, parseJsonPointer } from '../../src/validation/json-pointer.js';

describe('jsonPointer', () => {
  // RFC 6901 section 6: the URI fragment representations of the section 5 example document.
  test.each([
    [[], '#'],
    [['foo'], '#/foo'],
    [['foo', 0], '#/foo/0'],
    [[''], '#/'],
    [['a/b'], '#/a~1b'],
    [['c%d'], '#/c%25d'],
    [['e^f'], '#/e%5Ef'],
    [['g|h'], '#/g%7Ch'],
    [['i\\j'], '#/i%5Cj'],
    [['k"l'], '#/k%22l'],
    [[' '], '#/%20'],
    [['m~n'], '#/m~0n'],
  ] as const)('RFC 6901 example %j → %s', (tokens, pointer) => {
    expect(jsonPointer(tokens)).toBe(pointer);
  });

  test('escapes ~ before /, so neither escape is escaped again', () => {
    expect(jsonPointer(['~1'])).toBe('#/~01');
    expect(jsonPointer(['/~'])).toBe('#/~1~0');
    expect(jsonPointer(['a/b~c', 'items', 12])).toBe('#/a~1b~0c/items/12');
  });

  test('percent-encodes as UTF-8, keeps what a fragment may hold, never leaves a second #', () => {
    expect(jsonPointer(['naïve', '日本'])).toBe('#/na%C3%AFve/%E6%97%A5%E6%9C%AC');
    expect(jsonPointer(["a:b@c!$&'()*+,;=?"])).toBe("#/a:b@c!$&'()*+,;=?");
    expect(jsonPointer(['#'])).toBe('#/%23');
    expect(jsonPointer(['\uD800'])).toBe('#/%EF%BF%BD');
  });

  test('parseJsonPointer reads the string form back into tokens', () => {
    expect(parseJsonPointer('')).toEqual([]);
    expect(parseJsonPointer('/tags/0/a~1b/m~0n/~01')).toEqual(['tags', '0', 'a/b', 'm~n', '~1']);
    expect(parseJsonPointer('/')).toEqual(['']);
    expect(parseJsonPointer('tags')).toBeUndefined();
    const tokens = ['x/y', '~', '', '0'];
    expect(parseJsonPointer(decodeURIComponent(jsonPointer(tokens).slice(1)))).toEqual(tokens);
  });
});
