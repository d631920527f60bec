import { safeHasOwn } from '../util/safe-get.js';
import { STANDARD_MEMBERS } from './standard-members.js';
import { LIMITS } from './limits.js';

/**
 * Copies extension members into `target` as plain JSON data. Each value goes through
 * `JSON.stringify` once: a member that cannot be serialised (circular, BigInt, a throwing
 * getter or `toJSON`) or that would take the extensions past their size budget is left
 * out, so the body never fails to serialise later. Standard members and `__proto__` are
 * never copied.
 */
export function copyExtensionMembers(source: unknown, target: Record<string, unknown>): void {
  if (typeof source !== 'object' || source === null) return;
  let budget: number = LIMITS.extensionsJson;
  // `for...in` with a cap, not `Object.keys`: the names are visited one at a time, so an object
  // with a million members (or a Proxy answering for one) costs no more than the first few hundred.
  let visited = 0;
  try {
    for (const name in source) {
      if (++visited > LIMITS.extensionMembers || budget < 2) return;
      if (STANDARD_MEMBERS.has(name) || name === '__proto__' || !safeHasOwn(source, name)) continue;
      let json: string | undefined;
      try {
        const value = (source as Record<string, unknown>)[name];
        // A string already over the budget is not worth serialising (a megabyte would cost milliseconds).
        if (typeof value === 'string' && value.length + name.length > budget) continue;
        json = JSON.stringify(value);
      } catch {
        continue;
      }
      if (json === undefined || json.length + name.length > budget) continue;
      budget -= json.length + name.length;
      target[name] = JSON.parse(json);
    }
  } catch {
    // A Proxy whose traps throw (or a revoked one): keep what was copied so far.
  }
}
