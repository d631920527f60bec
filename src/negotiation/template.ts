/**
 * `{member}` placeholders in a translated `detail`, filled from the problem's extension members.
 */

/**
 * The bounds of `fillTemplate`: the longest text it returns (the problem `detail` limit), how
 * much of a template it reads (a detail is a sentence or two; twice the output leaves room for
 * placeholders and escapes), the longest placeholder name and how many placeholders it fills
 * (later ones stay as written).
 */
export const TEMPLATE_LIMITS = { maxOutput: 4096, maxInput: 8192, maxName: 64, maxFills: 32 } as const;

/**
 * Fills `{name}` placeholders from `members`. A placeholder is replaced when `members` has an own
 * member of that name holding a string, a finite number or a boolean; any other placeholder
 * (unknown name, object, array, null) stays as written. A name is 1–64 characters without braces
 * or whitespace. `{{` and `}}` stand for literal `{` and `}`. A filled value is not scanned again,
 * so a value holding `{other}` stays literal. The result is cut to 4096 characters, ending in "…",
 * without splitting a surrogate pair; at most 8192 characters of the template are read and at
 * most 32 placeholders filled.
 *
 * @example
 * fillTemplate('Your balance is {balance}, but that costs {cost}.', { balance: 30, cost: 50 });
 * // 'Your balance is 30, but that costs 50.'
 * fillTemplate('Use {{braces}} for {missing}', {}); // 'Use {braces} for {missing}'
 */
export function fillTemplate(detail: string, members: Record<string, unknown>): string {
  if (typeof detail !== 'string') throw new TypeError('detail must be a string');
  const { maxOutput, maxInput, maxFills } = TEMPLATE_LIMITS;
  const length = detail.length < maxInput ? detail.length : maxInput;
  // `out` holds what is written so far, except the pending run text[runStart, i) of plain text,
  // which is copied in one slice when a brace or the end interrupts it.
  let out = '';
  let fills = 0;
  let runStart = 0;
  let i = 0;
  while (i < length) {
    const code = detail.charCodeAt(i);
    if (code !== OPEN && code !== CLOSE) {
      i++;
      // Enough read to fill the output: stop reading.
      if (i - runStart + out.length > maxOutput) break;
      continue;
    }
    if (i + 1 < length && detail.charCodeAt(i + 1) === code) {
      // `{{` or `}}`: the first brace joins the run, the second is skipped.
      out += detail.slice(runStart, i + 1);
      i += 2;
      runStart = i;
    } else if (code === OPEN && fills < maxFills) {
      const end = placeholderEnd(detail, i + 1, length);
      const value = end < 0 ? undefined : memberText(members, detail.slice(i + 1, end));
      if (value === undefined) {
        i++;
      } else {
        out += detail.slice(runStart, i);
        const room = maxOutput + 1 - out.length;
        out += value.length > room ? value.slice(0, room) : value;
        fills++;
        i = end + 1;
        runStart = i;
      }
    } else {
      i++;
    }
    if (out.length + (i - runStart) > maxOutput) break;
  }
  out += detail.slice(runStart, i);
  return out.length > maxOutput ? cut(out, maxOutput) : out;
}

const OPEN = 0x7b;
const CLOSE = 0x7d;

const WHITESPACE = /\s/;

/** The index of the `}` closing a placeholder name that starts at `from`, or -1 if there is none. */
function placeholderEnd(text: string, from: number, length: number): number {
  const last = from + TEMPLATE_LIMITS.maxName;
  for (let j = from; j <= last && j < length; j++) {
    const code = text.charCodeAt(j);
    if (code === 0x7d) return j > from ? j : -1;
    // `{`, ASCII whitespace and controls 0x09–0x0D, or other Unicode whitespace end the search.
    if (code === 0x7b || code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code > 0x7f && WHITESPACE.test(text[j] as string))) return -1;
  }
  return -1;
}

const hasOwn = Object.prototype.hasOwnProperty;
const isFinite = Number.isFinite;

/** The text of an own member that is a string, a finite number or a boolean. */
function memberText(members: Record<string, unknown>, name: string): string | undefined {
  if (typeof members !== 'object' || members === null) return undefined;
  let value: unknown;
  try {
    // Own members only: `{constructor}` or `{__proto__}` must not reach Object.prototype.
    if (!hasOwn.call(members, name)) return undefined;
    value = members[name];
  } catch {
    return undefined;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return isFinite(value) ? `${value}` : undefined;
  return undefined;
}

/** Cuts to `max` UTF-16 units ending in "…", never leaving half a surrogate pair. */
function cut(value: string, max: number): string {
  let end = max - 1;
  const code = value.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return value.slice(0, end) + '…';
}
