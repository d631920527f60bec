/**
 * A strict XML 1.0 well-formedness checker for the documents problemToXml writes (no XML parser
 * is installed). It accepts an XML declaration, elements, attributes, character data, character
 * and predefined entity references, and whitespace around the root; it rejects everything else
 * (comments, PIs, CDATA and DOCTYPEs are never written, so seeing one is a failure too). Names
 * follow XML 1.0 fifth edition and Namespaces in XML (no `:` in an element name, so no prefix).
 * Returns the tree, text decoded, or throws a SyntaxError naming the offset.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly (XmlElement | string)[];
}

// XML 1.0 fifth edition, productions [4] and [4a], without ":" (an NCName).
const NAME_START = '_A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const NCNAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`, 'u');
// Production [2] Char.
const CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const DECLARATION = /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.0\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\3)?[ \t\r\n]*\?>/;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Parses `text` as a whole XML document, throwing on anything that is not well-formed. */
export function parseXml(text: string): XmlElement {
  if (!CHAR.test(text)) throw new SyntaxError('a character outside XML 1.0 Char');
  // XML 2.11: line ends are normalised before parsing.
  const source = text.replace(/\r\n?/g, '\n');
  let at = 0;
  const fail = (why: string): never => {
    throw new SyntaxError(`${why} at offset ${at}`);
  };
  const declaration = DECLARATION.exec(source);
  if (declaration !== null) at = declaration[0].length;
  else if (source.startsWith('<?xml')) fail('a malformed XML declaration');
  const skipSpace = (): void => {
    while (at < source.length && ' \t\n'.includes(source[at] as string)) at++;
  };
  const readName = (): string => {
    const match = /^[^\s/>=<&"']+/u.exec(source.slice(at));
    const name = match?.[0] ?? '';
    if (!NCNAME.test(name)) fail(`an invalid name ${JSON.stringify(name)}`);
    at += name.length;
    return name;
  };
  const readReference = (): string => {
    const match = /^&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([A-Za-z]+));/.exec(source.slice(at, at + 16));
    if (match === null) return fail('a bare & or a malformed reference');
    at += match[0].length;
    if (match[3] !== undefined) return PREDEFINED[match[3]] ?? fail(`an undeclared entity &${match[3]};`);
    const code = match[1] !== undefined ? parseInt(match[1], 16) : Number(match[2]);
    const char = code <= 0x10ffff ? String.fromCodePoint(code) : '\u0000';
    if (!CHAR.test(char) || (code >= 0xd800 && code <= 0xdfff)) fail(`a reference to a character outside Char (${code})`);
    return char;
  };
  const readElement = (): XmlElement => {
    if (source[at] !== '<') fail('expected <');
    at++;
    const name = readName();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = at;
      skipSpace();
      if (source.startsWith('/>', at)) {
        at += 2;
        return { name, attributes, children: [] };
      }
      if (source[at] === '>') {
        at++;
        break;
      }
      if (at === before) fail('expected whitespace before an attribute');
      // Only the default namespace declaration may carry a colon-free special name.
      const attribute = readName();
      if (attribute in attributes) fail(`a repeated attribute ${attribute}`);
      skipSpace();
      if (source[at] !== '=') fail('expected =');
      at++;
      skipSpace();
      const quote = source[at];
      if (quote !== '"' && quote !== "'") return fail('expected a quoted attribute value');
      at++;
      let value = '';
      while (source[at] !== quote) {
        if (at >= source.length || source[at] === '<') fail('an unterminated attribute value or < inside it');
        if (source[at] === '&') value += readReference();
        else value += source[at++];
      }
      at++;
      attributes[attribute] = value;
    }
    const children: (XmlElement | string)[] = [];
    let text = '';
    for (;;) {
      if (at >= source.length) fail(`element ${name} is not closed`);
      if (source.startsWith('</', at)) {
        at += 2;
        const closing = readName();
        if (closing !== name) fail(`</${closing}> closes <${name}>`);
        skipSpace();
        if (source[at] !== '>') fail('expected > after an end tag name');
        at++;
        if (text !== '') children.push(text);
        return { name, attributes, children };
      }
      if (source.startsWith('<!', at) || source.startsWith('<?', at)) fail('a comment, CDATA section, DOCTYPE or PI');
      if (source[at] === '<') {
        if (text !== '') children.push(text);
        text = '';
        children.push(readElement());
      } else if (source[at] === '&') {
        text += readReference();
      } else {
        if (source.startsWith(']]>', at)) fail(']]> in character data');
        text += source[at++];
      }
    }
  };
  skipSpace();
  const root = readElement();
  skipSpace();
  if (at !== source.length) fail('content after the root element');
  return root;
}

/**
 * RFC 9457 Appendix B read back: an element whose children are all `i` elements is an array, one
 * with child elements an object, otherwise its text. Names are decoded from `_xHHHH_`.
 */
export function xmlToValue(element: XmlElement): unknown {
  const elements = element.children.filter((child): child is XmlElement => typeof child !== 'string');
  if (elements.length === 0) return element.children.join('');
  if (elements.every((child) => child.name === 'i')) return elements.map(xmlToValue);
  return Object.fromEntries(elements.map((child) => [decodeName(child.name), xmlToValue(child)]));
}

/** The inverse of the `_xHHHH_` / `_xHHHHHHHH_` name encoding (as .NET's XmlConvert.DecodeName). */
export function decodeName(name: string): string {
  return name.replace(/_x([0-9A-F]{8}|[0-9A-F]{4})_/g, (_, hex: string) => {
    const code = parseInt(hex, 16);
    return code >= 0xd800 && code <= 0xdfff ? String.fromCharCode(code) : String.fromCodePoint(code);
  });
}
