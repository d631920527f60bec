/**
 * The `application/problem+xml` body of a problem (RFC 9457 Appendix B): a `problem` element in
 * the `urn:ietf:rfc:7807` namespace with one child element per member, objects as nested
 * elements and arrays as repeated `i` elements.
 */

/** The namespace of problem+xml documents (RFC 9457 Appendix B keeps RFC 7807's). */
export const PROBLEM_XML_NAMESPACE = 'urn:ietf:rfc:7807';

/**
 * Bounds for values that did not come from JSON (the serializer's problems are small, plain and
 * shallow): elements deeper than `maxDepth` below `problem` are written empty, and after
 * `maxElements` elements the remaining members and items are left out. A cycle therefore ends
 * at the depth limit and a shared subtree repeated a million times ends at the element limit.
 */
export const PROBLEM_XML_LIMITS = { maxDepth: 64, maxElements: 10_000 } as const;

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/**
 * Writes a problem as an XML document, declaration included, with no whitespace between
 * elements. Values are written as `JSON.stringify` would see them: strings as text, finite
 * numbers in JSON form, booleans as `true`/`false`; `null`, `NaN` and `Infinity` as an empty
 * element; `undefined`, functions and symbols left out of objects (empty `i` in arrays); `toJSON`
 * is called, and a BigInt is written as its digits. An empty array, an empty object and an empty
 * string all give an empty element, and an object whose members are all named `i` reads back as
 * an array: both are Appendix B's mapping, not ours. A member that cannot be read (a throwing
 * getter) is left out.
 *
 * Text: `&`, `<` and `>` are escaped, CR is written `&#xD;` so it survives XML's line-end
 * normalisation, and characters XML 1.0 does not allow (U+0000–U+0008, U+000B, U+000C,
 * U+000E–U+001F, U+FFFE, U+FFFF, unpaired surrogates) become U+FFFD.
 *
 * Names: a member name is kept when it is an ASCII XML name without `:` (letters, digits, `_`,
 * `-`, `.`, not starting with a digit, `-` or `.`); otherwise each other character is encoded as
 * .NET's `XmlConvert.EncodeName` writes it, `_xHHHH_` (`_xHHHHHHHH_` above U+FFFF), and a `_`
 * before `x` becomes `_x005F_`, so the name can be decoded back: `1a` is `_x0031_a`, `a b` is
 * `a_x0020_b`, `a:b` is `a_x003A_b`, `é` is `_x00E9_`. A member with an empty name is left out.
 *
 * @example
 * problemToXml({ type: 'about:blank', title: 'Not Found', status: 404, accounts: ['a', 'b'] });
 * // '<?xml version="1.0" encoding="UTF-8"?>\n<problem xmlns="urn:ietf:rfc:7807"><type>about:blank</type>'
 * //   + '<title>Not Found</title><status>404</status><accounts><i>a</i><i>b</i></accounts></problem>'
 */
export function problemToXml(problem: Record<string, unknown>): string {
  if (typeof problem !== 'object' || problem === null || Array.isArray(problem)) {
    throw new TypeError('problemToXml expects a problem object');
  }
  const writer = { elements: 0, out: [] as string[] };
  writer.out.push(DECLARATION, `<problem xmlns="${PROBLEM_XML_NAMESPACE}">`);
  writeMembers(writer, problem, 1);
  writer.out.push('</problem>');
  return writer.out.join('');
}

interface Writer {
  elements: number;
  readonly out: string[];
}

function writeMembers(writer: Writer, object: object, depth: number): void {
  let names: string[];
  try {
    names = Object.keys(object);
  } catch {
    return;
  }
  for (const name of names) {
    if (writer.elements >= PROBLEM_XML_LIMITS.maxElements) return;
    const element = xmlName(name);
    if (element === '') continue;
    let value: unknown;
    try {
      value = jsonValue((object as Record<string, unknown>)[name]);
    } catch {
      continue;
    }
    // JSON leaves these out of an object.
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    writeElement(writer, element, value, depth);
  }
}

function writeElement(writer: Writer, name: string, value: unknown, depth: number): void {
  writer.elements++;
  const open = `<${name}>`;
  const close = `</${name}>`;
  if (typeof value === 'string') {
    writer.out.push(open, xmlText(value), close);
  } else if (typeof value === 'number') {
    writer.out.push(Number.isFinite(value) ? `${open}${String(value)}${close}` : `<${name}/>`);
  } else if (typeof value === 'boolean') {
    writer.out.push(`${open}${String(value)}${close}`);
  } else if (typeof value !== 'object' || value === null || depth >= PROBLEM_XML_LIMITS.maxDepth) {
    writer.out.push(`<${name}/>`);
  } else if (Array.isArray(value)) {
    writer.out.push(open);
    writeItems(writer, value, depth + 1);
    writer.out.push(close);
  } else {
    writer.out.push(open);
    writeMembers(writer, value, depth + 1);
    writer.out.push(close);
  }
}

function writeItems(writer: Writer, array: readonly unknown[], depth: number): void {
  let length: number;
  try {
    length = array.length;
  } catch {
    return;
  }
  for (let index = 0; index < length; index++) {
    if (writer.elements >= PROBLEM_XML_LIMITS.maxElements) return;
    let value: unknown;
    try {
      value = jsonValue(array[index]);
    } catch {
      value = null;
    }
    // JSON writes these as null inside an array; so an empty item keeps the positions.
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') value = null;
    writeElement(writer, 'i', value, depth);
  }
}

/** The value after `toJSON`, as `JSON.stringify` would take it. */
function jsonValue(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON: () => unknown }).toJSON();
  }
  // BigInt has no JSON form; its decimal digits are the natural text.
  if (typeof value === 'bigint') return value.toString();
  return value;
}

// XML 1.0 Char minus what is allowed: C0 controls other than TAB, LF, CR; U+FFFE, U+FFFF; lone surrogates.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const TEXT_ESCAPE = /[&<>\r]/g;
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' };

/** Character data safe inside an element. */
function xmlText(value: string): string {
  return value.replace(NOT_XML_CHAR, '\uFFFD').replace(TEXT_ESCAPE, (char) => ESCAPES[char] as string);
}

/** An XML name for a member name (see problemToXml); '' for the empty name. */
function xmlName(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const code = name.codePointAt(i) as number;
    const wide = code > 0xffff;
    const char = name[i] as string;
    const kept = i === 0 ? NAME_START.test(char) : NAME_CHAR.test(char);
    // "_x" would read back as the start of an escape.
    if (!kept || (char === '_' && name[i + 1] === 'x')) out += `_x${code.toString(16).toUpperCase().padStart(wide ? 8 : 4, '0')}_`;
    else out += char;
    if (wide) i++;
  }
  return out;
}

// Names are kept only in ASCII: XML 1.0's fifth edition allows far more name characters than the
// fourth, and parsers still built on the fourth (expat among them) reject the difference.
const NAME_START = /^[A-Za-z_]$/;
const NAME_CHAR = /^[A-Za-z0-9_.-]$/;
