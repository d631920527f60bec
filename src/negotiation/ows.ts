/** Optional whitespace (RFC 9110 5.6.3): spaces and tabs around field values and list elements. */

/** The text without leading and trailing spaces and tabs; linear in its length (no backtracking regex). */
export function trimOws(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isOws(text.charCodeAt(start))) start++;
  while (end > start && isOws(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}
