/**
 * The list syntax `Accept` and `Accept-Language` share (RFC 9110 5.6.1, 5.6.6, 12.4.2):
 * comma-separated elements, each a value, `;`-separated parameters and an optional weight
 * `q=`. Parsing is bounded: at most `maxLength` characters and `maxItems` elements are read,
 * and the cost is linear in what is read.
 */

/** One list element: its value, its parameters before the weight and its weight in thousandths. */
export interface WeightedItem {
  /** The text before the first `;`, without surrounding whitespace (not lower-cased). */
  readonly value: string;
  /** Parameters before `q=`, names lower-cased, quoted values unquoted. */
  readonly params: readonly (readonly [name: string, value: string])[];
  /** The weight as an integer 0–1000 (`q=0.5` is 500); 1000 when no `q` is given. */
  readonly weight: number;
}

/** How much of a header is read. */
export interface ListLimits {
  /** Characters of the header value read; an element cut by this limit is dropped whole. */
  readonly maxLength: number;
  /** Non-empty elements read; later ones are not looked at. */
  readonly maxItems: number;
}

// RFC 9110 5.6.2: tchar.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// RFC 9110 12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ).
const QVALUE = /^(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)$/;

const NO_PARAMS: readonly (readonly [string, string])[] = [];
const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const EQUALS = 0x3d;

/**
 * Parses a weighted list. An element with a malformed parameter (no `=`, a name or value that is
 * not a token or quoted-string) or a malformed weight (`q=abc`, `q=1.5`, `q=-1`, `q=0.0001`,
 * `q="0.5"`) is dropped as if it had not been sent; empty elements and empty parameters
 * (`a;;;b=c`, `,,`) are allowed, as the grammar allows them, and empty elements do not count
 * toward `maxItems`. Parameters after the weight (RFC 7231 `accept-ext`) are ignored. A `"`
 * opens a quoted-string only right after `=`, so a stray quote cannot swallow the rest.
 */
export function parseWeightedList(header: unknown, limits: ListLimits): WeightedItem[] {
  if (typeof header !== 'string') return [];
  const end = Math.min(header.length, limits.maxLength);
  // The last element read is whole only if the value ends there or a comma follows the limit.
  const lastIsCut = header.length > limits.maxLength && header.charCodeAt(limits.maxLength) !== COMMA;
  const items: WeightedItem[] = [];
  let elements = 0;
  let i = 0;
  // One pass over at most `end` characters; each element is split into segments as it is read.
  // (No global built-ins such as Math in the loop: inside a vm context, as under Jest, each
  // global lookup costs a hundred times a local one.)
  while (i < end && elements < limits.maxItems) {
    let value: string | undefined;
    let params: [string, string][] | undefined;
    let weight = 1000;
    let done = false;
    let valid = true;
    let hasSemicolon = false;
    let segmentStart = i;
    let quoted = false;
    for (; ; i++) {
      const code = i < end ? header.charCodeAt(i) : COMMA;
      if (quoted && i < end) {
        if (code === BACKSLASH) i++;
        else if (code === QUOTE) quoted = false;
      } else if (code === COMMA || code === SEMICOLON) {
        // Once the element is known bad or weighted, the rest of it is only skipped over.
        const segment = value === undefined || (valid && !done) ? trimmedSlice(header, segmentStart, i < end ? i : end) : '';
        if (value === undefined) value = segment;
        else if (segment !== '') {
          const param = parseParam(segment);
          if (param === undefined) valid = false;
          else if (param[0] !== 'q') (params ??= []).push(param);
          // RFC 9110 12.4.2: the weight is a bare qvalue, never a quoted-string.
          else if (!QVALUE.test(segment.slice(2))) valid = false;
          else {
            weight = thousandths(param[1]);
            done = true;
          }
        }
        if (code === COMMA) break;
        hasSemicolon = true;
        segmentStart = i + 1;
      } else if (code === QUOTE && i > 0 && header.charCodeAt(i - 1) === EQUALS) {
        quoted = true;
      }
    }
    const whole = i < end || !lastIsCut;
    if (value !== '' || hasSemicolon) {
      elements++;
      if (whole && valid && value !== undefined && value !== '') items.push({ value, params: params ?? NO_PARAMS, weight });
    }
    i++;
  }
  return items;
}

/** A valid qvalue as an integer 0–1000, read digit by digit ("0.5" is 500, "1." is 1000). */
function thousandths(qvalue: string): number {
  if (qvalue.charCodeAt(0) === 0x31) return 1000;
  let weight = 0;
  for (let i = 2, scale = 100; i < qvalue.length; i++, scale /= 10) weight += (qvalue.charCodeAt(i) - 0x30) * scale;
  return weight;
}

/** `text.slice(from, to)` without surrounding spaces and tabs. */
function trimmedSlice(text: string, from: number, to: number): string {
  let start = from;
  let end = to;
  while (start < end && (text.charCodeAt(start) === 0x20 || text.charCodeAt(start) === 0x09)) start++;
  while (end > start && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0x09)) end--;
  return start === end ? '' : text.slice(start, end);
}

function parseParam(segment: string): [string, string] | undefined {
  const equals = segment.indexOf('=');
  if (equals <= 0) return undefined;
  const name = segment.slice(0, equals);
  const raw = segment.slice(equals + 1);
  if (!TOKEN.test(name)) return undefined;
  const value = raw.startsWith('"') ? unquote(raw) : TOKEN.test(raw) ? raw : undefined;
  return value === undefined ? undefined : [name.toLowerCase(), value];
}

// RFC 9110 5.6.4: quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE.
function unquote(raw: string): string | undefined {
  let out = '';
  for (let i = 1; i < raw.length; i++) {
    const char = raw.charCodeAt(i);
    if (char === 0x22) return i === raw.length - 1 ? out : undefined;
    if (char === 0x5c) {
      i++;
      const escaped = raw.charCodeAt(i);
      if (!(escaped === 0x09 || (escaped >= 0x20 && escaped !== 0x7f && escaped <= 0xff))) return undefined;
      out += raw[i];
    } else if (char === 0x09 || (char >= 0x20 && char !== 0x7f && char <= 0xff)) {
      out += raw[i];
    } else {
      return undefined;
    }
  }
  return undefined;
}
