/**
 * Which of the available locales an `Accept-Language` header asks for: RFC 4647 section 3.4
 * Lookup over the ranges in weight order, then the default.
 */
import { parseWeightedList } from './weighted-list.js';

/**
 * How much of an `Accept-Language` header is read: 2048 characters and 32 ranges (browsers send
 * under 100 characters and a handful of ranges), and at most 64 characters of one range (RFC
 * 5646 4.4.1 asks lookup to support 35; a longer range is cut back to whole subtags, which is
 * what lookup would do to it anyway).
 */
export const ACCEPT_LANGUAGE_LIMITS = { maxLength: 2048, maxItems: 32, maxRangeLength: 64 } as const;

// RFC 4647 2.1: language-range = (1*8ALPHA *("-" 1*8alphanum)) / "*".
const BASIC_RANGE = /^(?:[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)$/;

/**
 * Looks up the locale for a request: the ranges are tried from the highest weight down (equal
 * weights in header order); each is matched case-insensitively against `available`, then cut
 * back one subtag at a time (a single-letter subtag such as `x` or `u` goes with the subtag
 * after it) until it matches. `*` is skipped, as Lookup prescribes. A range with `q=0` is never
 * tried and the locale it names exactly is not returned through another range's cut-back. No
 * match: `defaultLocale` (which may be `undefined`). The tag is returned as spelled in `available`.
 *
 * @example
 * lookupLanguage('de-CH, fr;q=0.8', ['en', 'de', 'fr'], 'en'); // 'de'
 * lookupLanguage('zh-Hant-TW', ['zh-Hans', 'zh-Hant'], 'en'); // 'zh-Hant'
 * lookupLanguage('ja', ['en', 'de'], 'en'); // 'en'
 */
export function lookupLanguage(acceptLanguage: string | undefined, available: readonly string[], defaultLocale?: string): string | undefined {
  if (!Array.isArray(available)) throw new TypeError('available must be an array of language tags');
  const byLowerCase = new Map<string, string>();
  for (const tag of available) {
    if (typeof tag === 'string' && !byLowerCase.has(tag.toLowerCase())) byLowerCase.set(tag.toLowerCase(), tag);
  }
  const ranges: { range: string; weight: number }[] = [];
  const refused = new Set<string>();
  for (const item of parseWeightedList(acceptLanguage, ACCEPT_LANGUAGE_LIMITS)) {
    // Checked whole (the header cut keeps it under maxLength), then cut back if long.
    if (!BASIC_RANGE.test(item.value)) continue;
    const range = boundRange(item.value);
    if (range === undefined) continue;
    if (item.weight === 0) refused.add(range.toLowerCase());
    else if (range !== '*') ranges.push({ range: range.toLowerCase(), weight: item.weight });
  }
  // Array#sort is stable: equal weights keep their order in the header.
  ranges.sort((a, b) => b.weight - a.weight);
  for (const { range } of ranges) {
    for (let candidate: string | undefined = range; candidate !== undefined; candidate = truncate(candidate)) {
      const tag = byLowerCase.get(candidate);
      if (tag !== undefined && !refused.has(candidate)) return tag;
    }
  }
  return defaultLocale;
}

/** A range of at most maxRangeLength characters, cut back to whole subtags; undefined if nothing is left. */
function boundRange(range: string): string | undefined {
  if (range.length <= ACCEPT_LANGUAGE_LIMITS.maxRangeLength) return range;
  const head = range.slice(0, ACCEPT_LANGUAGE_LIMITS.maxRangeLength + 1);
  const dash = head.lastIndexOf('-');
  return dash > 0 ? trimSingleton(head.slice(0, dash)) : undefined;
}

/** RFC 4647 3.4: drop the last subtag, and a singleton that would then end the range. */
function truncate(range: string): string | undefined {
  const dash = range.lastIndexOf('-');
  return dash > 0 ? trimSingleton(range.slice(0, dash)) : undefined;
}

function trimSingleton(range: string): string {
  const dash = range.lastIndexOf('-');
  return dash > 0 && dash === range.length - 2 ? range.slice(0, dash) : range;
}
