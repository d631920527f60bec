// The parts of a framework's error (h3's HTTPError, Boom, Hono's HTTPException) that an
// HttpException takes, read defensively and within the budgets the header policy and the
// problem model own.
import { HEADER_LIMITS } from '../headers/header-policy.js';
import { LIMITS } from '../model/limits.js';
import { STANDARD_MEMBERS } from '../model/standard-members.js';

const MAX_HEADERS = HEADER_LIMITS.visited;
const MAX_MEMBERS = LIMITS.extensionMembers;

/**
 * The headers a framework's error carries (a web `Headers`, as h3's `HTTPError` has, or a
 * plain record, as Boom's `output.headers` is) as the record `HttpException` takes: values
 * that are strings, or arrays of strings (`set-cookie` keeps one entry per cookie); numbers
 * are written out; anything else is dropped. Names and values are checked later by the header
 * policy, when the problem is written. Never throws; undefined when there is nothing to keep.
 */
export function foreignHeaders(source: unknown): Record<string, string | string[]> | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  const record: Record<string, string | string[]> = {};
  let count = 0;
  try {
    if (typeof Headers !== 'undefined' && source instanceof Headers) {
      for (const [name, value] of source) {
        if (++count > MAX_HEADERS) break;
        if (name !== 'set-cookie') record[name] = value;
      }
      const cookies = source.getSetCookie();
      if (cookies.length > 0) record['set-cookie'] = cookies.slice(0, MAX_HEADERS);
    } else {
      // for-in rather than Object.keys: stopping early leaves a huge object's other names unread.
      for (const name in source) {
        if (++count > MAX_HEADERS) break;
        if (!Object.hasOwn(source, name) || name === '__proto__') continue;
        const value = headerValue((source as Record<string, unknown>)[name]);
        if (value !== undefined) record[name] = value;
      }
    }
  } catch {
    // A header that cannot be read (a throwing getter, a Proxy trap): keep those read before it.
  }
  return Object.keys(record).length > 0 ? record : undefined;
}

function headerValue(value: unknown): string | string[] | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) {
    const lines = (value as unknown[]).slice(0, MAX_HEADERS).filter((line): line is string => typeof line === 'string');
    return lines.length > 0 ? lines : undefined;
  }
  return undefined;
}

/**
 * The members of a framework's error body (h3's `body`, extra members of Boom's `payload`)
 * as extension members: own enumerable members except the five standard ones, `__proto__`
 * and those listed in `skip`. Never throws; undefined when there is nothing to keep.
 */
export function foreignExtensions(source: unknown, skip?: ReadonlySet<string>): Record<string, unknown> | undefined {
  if (typeof source !== 'object' || source === null || Array.isArray(source)) return undefined;
  const members: Record<string, unknown> = {};
  let count = 0;
  let kept = 0;
  try {
    for (const name in source) {
      if (++count > MAX_MEMBERS) break;
      if (!Object.hasOwn(source, name) || name === '__proto__' || STANDARD_MEMBERS.has(name) || skip?.has(name) === true) continue;
      const value: unknown = (source as Record<string, unknown>)[name];
      if (value === undefined) continue;
      members[name] = value;
      kept++;
    }
  } catch {
    // A member that cannot be read: keep those read before it.
  }
  return kept > 0 ? members : undefined;
}
