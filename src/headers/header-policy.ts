/**
 * The one owner of the rules for the headers an error may ask for. Exceptions apply it when
 * they are made (frameworks' default handlers copy `error.headers` themselves), the serializer
 * applies it again to whatever it is given (foreign errors, exceptions changed afterwards).
 * A leaf module: it imports nothing, so every layer may use it.
 */

/** Header values as a problem response carries them: `set-cookie` may be several lines. */
export type ProblemHeaders = Record<string, string | string[]>;

/** Bounds on the headers taken from one error. */
export const HEADER_LIMITS = {
  /** Characters of one header name. */
  name: 128,
  /** Characters of one header value (each line of `set-cookie`). */
  value: 8192,
  /** Headers taken from one error. */
  count: 64,
  /** Names looked at before giving up: a million unsendable headers cost what a few do. */
  visited: 256,
  /** Bytes of all taken headers together (`name: value\r\n` each); Node's clients refuse a head over 16 KiB. */
  totalBytes: 8192,
  /** Lines of one `set-cookie` array. */
  cookies: 16,
} as const;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// What Node's setHeader and the Fetch `Headers` class accept in a value: tab, visible ASCII, obs-text.
const INVALID_VALUE_CHAR = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * Headers that describe the body or the connection. The problem response owns them: an
 * error asking for them would make the body undecodable (`content-encoding`), lie about it
 * (`content-range`, `etag`) or break the response (`trailer`, `transfer-encoding`).
 */
const FORBIDDEN = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'http2-settings',
  'etag',
  'last-modified',
  'accept-ranges',
]);

/** Forbidden names that one status does need (RFC 9110 §15.5.17 and §15.5.22). */
const ALLOWED_FOR_STATUS: Readonly<Record<string, number>> = { 'content-range': 416, upgrade: 426 };

/** Connection-specific headers that HTTP/2 and HTTP/3 forbid (RFC 9113 §8.2.2); `upgrade` on a 426 is one. */
export const CONNECTION_SPECIFIC_HEADERS: ReadonlySet<string> = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

/** Headers the problem response sets or clears itself; whatever the handler set of them is removed first. */
export const REPRESENTATION_HEADERS: readonly string[] = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
  'content-range',
  'content-disposition',
  'content-md5',
  'etag',
  'last-modified',
  'transfer-encoding',
  'trailer',
];

/** True for a lower-case header name an error of this status may set. */
export function isAllowedHeaderName(name: string, status: number): boolean {
  if (name.length > HEADER_LIMITS.name || !TOKEN.test(name)) return false;
  if (Object.hasOwn(ALLOWED_FOR_STATUS, name) && ALLOWED_FOR_STATUS[name] === status) return true;
  return !FORBIDDEN.has(name) && !name.startsWith('content-');
}

/** True for a header value Node and the Fetch `Headers` class will send. */
export function isSendableValue(value: string): boolean {
  return value.length <= HEADER_LIMITS.value && !INVALID_VALUE_CHAR.test(value);
}

/**
 * Copies the headers an error asks for into a fresh map, by the rules above: names
 * lower-cased and allowed for `status`, values sendable (numbers stringified, string arrays
 * joined with ", ", except `set-cookie`, whose lines stay separate), count and total size
 * bounded. A header that cannot be read (a throwing getter, a Proxy trap) is dropped on its
 * own. Never throws.
 */
export function filterHeaders(source: unknown, status: number): ProblemHeaders {
  const headers: ProblemHeaders = {};
  if (typeof source !== 'object' || source === null) return headers;
  let visited = 0;
  let count = 0;
  let bytes = 0;
  try {
    // for-in rather than Object.keys: stopping early leaves a huge object's other names unread.
    for (const rawName in source) {
      if (++visited > HEADER_LIMITS.visited || count >= HEADER_LIMITS.count) break;
      if (!Object.hasOwn(source, rawName)) continue;
      const name = rawName.toLowerCase();
      if (name === '__proto__' || !isAllowedHeaderName(name, status)) continue;
      let raw: unknown;
      try {
        raw = (source as Record<string, unknown>)[rawName];
      } catch {
        continue;
      }
      const value = name === 'set-cookie' ? cookieLines(raw) : headerValue(raw);
      if (value === undefined) continue;
      const size = typeof value === 'string' ? name.length + value.length + 4 : value.reduce((sum, line) => sum + name.length + line.length + 4, 0);
      if (bytes + size > HEADER_LIMITS.totalBytes) continue;
      bytes += size;
      count++;
      headers[name] = value;
    }
  } catch {
    // A revoked Proxy or a throwing trap: keep the headers read before it threw.
  }
  return headers;
}

function headerValue(value: unknown): string | undefined {
  let text: string | undefined;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (Array.isArray(value) && value.length > 0 && value.length <= HEADER_LIMITS.count && value.every((item) => typeof item === 'string')) text = value.join(', ');
  return text !== undefined && isSendableValue(text) ? text : undefined;
}

/** `set-cookie` lines: each cookie its own header line (joining them with ", " would break `Expires`). */
function cookieLines(value: unknown): string | string[] | undefined {
  if (!Array.isArray(value)) return headerValue(value);
  const lines = value.slice(0, HEADER_LIMITS.cookies).filter((line): line is string => typeof line === 'string' && line !== '' && isSendableValue(line));
  if (lines.length === 0) return undefined;
  return lines.length === 1 ? (lines[0] as string) : lines;
}

/**
 * Adds a field name to the `vary` header of a header map (kept once, case-insensitively; a
 * `*` already there says it all). Used by negotiation: the error's own `vary`, if any, is kept.
 */
export function appendVary(headers: ProblemHeaders, field: string): void {
  const current = headers['vary'];
  const value = typeof current === 'string' ? current : Array.isArray(current) ? current.join(', ') : '';
  if (value === '') {
    headers['vary'] = field;
    return;
  }
  const names = value.toLowerCase().split(',').map((name) => name.trim());
  if (names.includes('*') || names.includes(field.toLowerCase())) return;
  headers['vary'] = `${value}, ${field}`;
}

/**
 * Merges the `vary` a response already has (CORS middleware sets `Vary: Origin`) with the
 * problem's: both lists, each field once.
 */
export function mergeVary(existing: unknown, added: string): string {
  const before = Array.isArray(existing) ? existing.join(', ') : typeof existing === 'string' ? existing : '';
  if (before.trim() === '') return added;
  const merged: ProblemHeaders = { vary: before };
  for (const field of added.split(',')) if (field.trim() !== '') appendVary(merged, field.trim());
  return merged['vary'] as string;
}
