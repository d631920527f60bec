/**
 * Size limits for problem bodies. Each string member is cut to its limit; the body as a
 * whole is kept under `bodyBytes` (well below 64 KiB) by dropping extension members.
 */
export const LIMITS = {
  title: 256,
  detail: 4096,
  uri: 2048,
  /** Characters of JSON that all extension members together may take. */
  extensionsJson: 8192,
  /** Extension member names looked at per problem (copied or not): bounds the work on a huge object. */
  extensionMembers: 256,
  /** Characters of each `stack` / `message` in debug output. */
  debugString: 4096,
  /** Links of a `cause` chain shown in debug output. */
  causeDepth: 8,
  bodyBytes: 48 * 1024,
  headers: 64,
  headerValue: 8192,
} as const;

/** Cuts a string to `max` UTF-16 units, never splitting a surrogate pair, marking the cut with "…". */
export function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  let end = max - 1;
  const code = value.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return value.slice(0, end) + '…';
}

/** Upper bound of the UTF-8 bytes a string takes inside JSON (control characters as \u00XX). */
export function jsonBytesUpperBound(length: number): number {
  return length * 6;
}
