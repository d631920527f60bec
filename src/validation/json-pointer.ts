/**
 * JSON Pointers (RFC 6901) for the `pointer` member of validation errors, in the URI fragment
 * form RFC 9457 uses (`#/items/0/name`). The one place that writes them: `problemFromIssues`,
 * the Fastify and the Nest translations all go through `jsonPointer`.
 */

/**
 * The URI fragment form of the JSON Pointer to `tokens`: each token escaped (`~` → `~0`,
 * `/` → `~1`, RFC 6901 section 4), array indexes as decimal numbers, then every character a
 * fragment cannot hold percent-encoded (section 6). No tokens: `'#'`, the whole document.
 *
 * @example
 * jsonPointer(['items', 0, 'a/b']); // '#/items/0/a~1b'
 * jsonPointer(['naïve']);           // '#/na%C3%AFve'
 */
export function jsonPointer(tokens: ReadonlyArray<string | number>): string {
  let pointer = '';
  for (const token of tokens) pointer += '/' + escapeToken(String(token));
  return '#' + encodeFragment(pointer);
}

/**
 * The unescaped tokens of a JSON Pointer in its string form (`/tags/0/a~1b` → `['tags', '0',
 * 'a/b']`), as Ajv's `instancePath` holds it; `undefined` for a string that is not a pointer.
 */
export function parseJsonPointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** `~` first, so that the `~` of a `~1` written for `/` is not escaped again. */
function escapeToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

// RFC 3986 fragment characters: pchar / "/" / "?" (pchar = unreserved / sub-delims / ":" / "@").
const NOT_FRAGMENT_CHAR = /[^A-Za-z0-9\-._~!$&'()*+,;=:@/?]/gu;

/** Percent-encodes what a URI fragment cannot hold, as UTF-8 (a lone surrogate becomes U+FFFD). */
function encodeFragment(pointer: string): string {
  return pointer.toWellFormed().replace(NOT_FRAGMENT_CHAR, (char) => encodeURIComponent(char));
}
