import { LIMITS } from './limits.js';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// What Node's setHeader accepts in a value (its own check): tab, visible ASCII, obs-text.
const INVALID_VALUE_CHAR = /[^\t\x20-\x7e\x80-\xff]/;

/** Headers the problem response sets itself; an error cannot override them. */
const OWNED = new Set(['content-type', 'content-length', 'transfer-encoding']);

/** Connection-specific headers that HTTP/2 and HTTP/3 forbid (RFC 9113 section 8.2.2). */
export const CONNECTION_SPECIFIC_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
]);

/** True for a header name and value that Node (and the Fetch `Headers` class) will accept. */
export function isSendableHeader(name: string, value: string): boolean {
  return TOKEN.test(name) && value.length <= LIMITS.headerValue && !INVALID_VALUE_CHAR.test(value);
}

/**
 * Copies the sendable headers of an error's `headers` object into `target`, lower-casing
 * names. Values that could not be sent (CR, LF, NUL, non-Latin-1, over-long, wrong type)
 * are dropped; numbers are stringified and string arrays joined with ", ".
 */
export function copySendableHeaders(source: unknown, target: Record<string, string>): void {
  if (typeof source !== 'object' || source === null) return;
  let count = 0;
  for (const rawName of Object.keys(source)) {
    if (count >= LIMITS.headers) return;
    const name = rawName.toLowerCase();
    if (OWNED.has(name) || name === '__proto__') continue;
    const value = headerValue((source as Record<string, unknown>)[rawName]);
    if (value !== undefined && isSendableHeader(name, value)) {
      target[name] = value;
      count++;
    }
  }
}

function headerValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')) return value.join(', ');
  return undefined;
}
