/** At most this many path segments go into one pointer; a deeper path is cut there. */
const MAX_SEGMENTS = 32;

/**
 * A validation path (`['items', 0, 'name']`, or Standard Schema's `{ key }` segments) as a JSON
 * Pointer (RFC 6901) in its URI fragment form: `#/items/0/name`. `~` and `/` inside a key are
 * escaped (`~0`, `~1`), and what a fragment cannot hold is percent-encoded. Segments that are
 * not strings or numbers (a symbol …) end the pointer there. An empty path gives `#` (the whole
 * document). Never throws.
 *
 * @example
 * jsonPointerFragment(['tags', 0, 'a/b']); // '#/tags/0/a~1b'
 */
export function jsonPointerFragment(path: unknown): string {
  let pointer = '';
  try {
    if (!Array.isArray(path)) return '#';
    for (const segment of (path as unknown[]).slice(0, MAX_SEGMENTS)) {
      const key = pathKey(segment);
      if (key === undefined) break;
      pointer += '/' + key.replaceAll('~', '~0').replaceAll('/', '~1');
    }
  } catch {
    // A path we cannot read (a throwing getter, a proxy …): the part read so far.
  }
  return '#' + encodeFragment(pointer);
}

/** The first key of a validation path as a string (`['page']` → `'page'`); undefined when there is none. */
export function firstPathKey(path: unknown): string | undefined {
  try {
    return Array.isArray(path) ? pathKey((path as unknown[])[0]) : undefined;
  } catch {
    return undefined;
  }
}

/** One path segment: a string or finite number, or Standard Schema's `{ key }` holding one. */
function pathKey(segment: unknown): string | undefined {
  const key = typeof segment === 'object' && segment !== null ? (segment as { key?: unknown }).key : segment;
  if (typeof key === 'string') return key;
  if (typeof key === 'number' && Number.isFinite(key)) return String(key);
  return undefined;
}

/** A JSON Pointer in its URI fragment form (RFC 6901 section 6): percent-encode what a fragment cannot hold. */
function encodeFragment(pointer: string): string {
  return pointer.toWellFormed().replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/?]/gu, (char) => encodeURIComponent(char));
}
