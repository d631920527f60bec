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
const AUTHORITY = /^(?:(?:[A-Za-z0-9\-._~!$&'()*+,;=:]|%[0-9A-Fa-f]{2})*@)?(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*(?::[0-9]*)?$/;

/**
 * Turns any string into a valid RFC 3986 URI reference of bounded length: characters
 * outside the URI alphabet are percent-encoded (a request path with spaces stays
 * readable: `/a%20b`), and a string whose structure is still invalid is encoded whole.
 */
export function toUriReference(value: string): string {
  // Fast path, the usual request path: nothing to encode, and valid as it is.
  if (PLAIN_PATH.test(value) && value.length <= LIMITS.uri) return value;
  let encoded = value.toWellFormed().replace(NOT_URI_CHAR, encodeChar);
  // Only the first "#" starts the fragment.
  const hash = encoded.indexOf('#');
  if (hash !== -1 && encoded.indexOf('#', hash + 1) !== -1) {
    encoded = encoded.slice(0, hash + 1) + encoded.slice(hash + 1).replaceAll('#', '%23');
  }
  if (!isUriReference(encoded)) encoded = encodeURIComponent(value.toWellFormed());
  return cutEncoded(encoded, LIMITS.uri);
}

/** True when `value` is a syntactically valid URI reference (RFC 3986 section 4.1). */
export function isUriReference(value: string): boolean {
  const parts = PARTS.exec(value);
  if (parts === null) return false;
  const [, scheme, authority, path = '', query, fragment] = parts;
  if (scheme !== undefined && !SCHEME.test(scheme)) return false;
  if (authority !== undefined) {
    if (!AUTHORITY.test(authority)) return false;
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
  if (base === undefined || type === 'about:blank' || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(type)) return type;
  try {
    return new URL(type, base).href;
  } catch {
    return type;
  }
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
