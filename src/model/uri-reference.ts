import { LIMITS } from './limits.js';

// Characters RFC 3986 allows somewhere in a URI reference; everything else is percent-encoded.
const NOT_URI_CHAR = /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]/gu;
// RFC 3986 appendix B: scheme, authority, path, query, fragment.
const PARTS = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;
const PCHARS = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;
const QUERY_CHARS = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$/;
// A relative reference made of unreserved characters and slashes only (not "//", which would start an authority).
const PLAIN_PATH = /^(?!\/\/)[A-Za-z0-9\-._~/]*$/;
// userinfo@ then host (an IP literal in brackets, checked by isIpLiteral, or a reg-name) then :port.
const AUTHORITY = /^(?:(?:[A-Za-z0-9\-._~!$&'()*+,;=:]|%[0-9A-Fa-f]{2})*@)?(?:(\[[^\]]*\])|(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)(?::[0-9]*)?$/;
// What may precede an IP literal in the raw input: optional scheme, "//", optional userinfo; then the bracketed literal.
const IP_LITERAL_PREFIX = /^((?:[A-Za-z][A-Za-z0-9+.-]*:)?\/\/(?:[^/?#@[\]]*@)?)(\[[^\]/?#@[]*\])(?=[:/?#]|$)/;
const H16 = /^[0-9A-Fa-f]{1,4}$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$/;
const IPV_FUTURE = /^v[0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+$/;

/**
 * Turns any string into a valid RFC 3986 URI reference of bounded length: characters
 * outside the URI alphabet are percent-encoded (a request path with spaces stays
 * readable: `/a%20b`), and a string whose structure is still invalid is encoded whole.
 */
export function toUriReference(value: string): string {
  // Only the first LIMITS.uri characters can reach the output (each one encodes to at least
  // one character), so the rest is never looked at: the work is bounded by the output budget.
  const input = boundedInput(value, LIMITS.uri);
  // Fast path, the usual request path: nothing to encode, and valid as it is.
  if (input.length === value.length && PLAIN_PATH.test(input)) return input;
  const wellFormed = input.toWellFormed();
  // An IP literal host ("https://[2001:db8::1]:8443/p") keeps its brackets; elsewhere they are encoded.
  const literal = IP_LITERAL_PREFIX.exec(wellFormed);
  let encoded =
    literal !== null && isIpLiteral(literal[2] as string)
      ? encodeChars(literal[1] as string) + (literal[2] as string) + encodeChars(wellFormed.slice(literal[0].length))
      : encodeChars(wellFormed);
  // Only the first "#" starts the fragment.
  const hash = encoded.indexOf('#');
  if (hash !== -1 && encoded.indexOf('#', hash + 1) !== -1) {
    encoded = encoded.slice(0, hash + 1) + encoded.slice(hash + 1).replaceAll('#', '%23');
  }
  if (!isUriReference(encoded)) return cutEncoded(encodeURIComponent(wellFormed), LIMITS.uri);
  const result = cutEncoded(encoded, LIMITS.uri);
  // A cut can only break validity inside an IP literal (a huge userinfo before it): encode whole instead.
  return result.length === encoded.length || isUriReference(result) ? result : cutEncoded(encodeURIComponent(wellFormed), LIMITS.uri);
}

/** True when `value` is a syntactically valid URI reference (RFC 3986 section 4.1). */
export function isUriReference(value: string): boolean {
  const parts = PARTS.exec(value);
  if (parts === null) return false;
  const [, scheme, authority, path = '', query, fragment] = parts;
  if (scheme !== undefined && !SCHEME.test(scheme)) return false;
  if (authority !== undefined) {
    const host = AUTHORITY.exec(authority);
    if (host === null) return false;
    if (host[1] !== undefined && !isIpLiteral(host[1])) return false;
    if (path !== '' && !path.startsWith('/')) return false;
  } else if (path.startsWith('//')) {
    return false;
  }
  if (scheme === undefined && authority === undefined) {
    const firstSegment = path.split('/', 1)[0] ?? '';
    if (firstSegment.includes(':')) return false;
  }
  if (!PCHARS.test(path)) return false;
  if (query !== undefined && !QUERY_CHARS.test(query)) return false;
  if (fragment !== undefined && !QUERY_CHARS.test(fragment)) return false;
  return true;
}

/** Resolves a relative `type` against `base`; absolute references and failures stay as they are. */
export function resolveType(type: string, base: string | undefined): string {
  if (base === undefined || type === 'about:blank') return type;
  // Only a prefix of the type can reach the output (see toUriReference): resolve no more than that.
  const input = boundedInput(type, LIMITS.uri);
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(input)) return type;
  try {
    return new URL(input, base).href;
  } catch {
    return type;
  }
}

/** True for an RFC 3986 IP-literal: "[" ( IPv6address / IPvFuture ) "]". */
export function isIpLiteral(value: string): boolean {
  if (value.length < 3 || value.length > 256 || !value.startsWith('[') || !value.endsWith(']')) return false;
  const inner = value.slice(1, -1);
  if (inner.startsWith('v') || inner.startsWith('V')) return IPV_FUTURE.test(`v${inner.slice(1)}`);
  return isIpv6(inner);
}

function isIpv6(value: string): boolean {
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  let count = 0;
  for (let h = 0; h < groups.length; h++) {
    const list = groups[h] as string[];
    for (let i = 0; i < list.length; i++) {
      const group = list[i] as string;
      // A dotted IPv4 address may end the address (and counts as two groups).
      if (h === groups.length - 1 && i === list.length - 1 && group.includes('.')) {
        if (!IPV4.test(group)) return false;
        count += 2;
      } else if (H16.test(group)) {
        count += 1;
      } else {
        return false;
      }
    }
  }
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** The first `max` UTF-16 units of `value`, never ending in half a surrogate pair. */
function boundedInput(value: string, max: number): string {
  if (value.length <= max) return value;
  const code = value.charCodeAt(max - 1);
  return value.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

function encodeChars(value: string): string {
  return value.replace(NOT_URI_CHAR, encodeChar);
}

function encodeChar(char: string): string {
  return char === '%' ? '%25' : encodeURIComponent(char);
}

/** Cuts an encoded reference without leaving half a "%XX" escape at the end. */
function cutEncoded(value: string, max: number): string {
  if (value.length <= max) return value;
  const cutAt = value.lastIndexOf('%', max);
  return value.slice(0, cutAt !== -1 && cutAt > max - 3 ? cutAt : max);
}
