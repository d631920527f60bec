import { jsonPointer } from '../validation/json-pointer.js';

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
  const tokens: string[] = [];
  try {
    if (Array.isArray(path)) {
      for (const segment of (path as unknown[]).slice(0, MAX_SEGMENTS)) {
        const key = pathKey(segment);
        if (key === undefined) break;
        tokens.push(key);
      }
    }
  } catch {
    // A path we cannot read (a throwing getter, a proxy …): the part read so far.
  }
  // The one JSON Pointer writer (escapes and fragment encoding) is the validation layer's.
  return jsonPointer(tokens);
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
