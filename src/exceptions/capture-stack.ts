/**
 * Whether new exceptions capture a stack trace. Capturing one is most of what an exception
 * costs (V8 walks and records up to `Error.stackTraceLimit` frames), and a 404 or a 429 is an
 * answer, not a bug: nobody reads its stack.
 */

/** `'always'` (default): every exception; `'server-errors'`: 5xx only; `'never'`: none. */
export type CaptureStackPolicy = 'always' | 'server-errors' | 'never';

interface PolicyCell {
  policy: CaptureStackPolicy;
}

/**
 * One cell shared by every copy of the package in the process (the ESM and the CommonJS build,
 * or two versions), found under a registered symbol: `setCaptureStack` called through one copy
 * applies to exceptions made by all of them.
 */
const CELL_KEY = Symbol.for('typed-http-exceptions.captureStack');
const cell: PolicyCell = ((globalThis as { [CELL_KEY]?: PolicyCell })[CELL_KEY] ??= { policy: 'always' });

const POLICIES: ReadonlySet<string> = new Set(['always', 'server-errors', 'never']);

/**
 * Sets which new exceptions capture a stack trace; returns the policy it replaces. An
 * exception's own `captureStack` option overrides it. A stackless exception still has a
 * string `stack`: its first line only (`'NotFoundException: No user 42'`).
 *
 * @example
 * setCaptureStack('server-errors'); // 4xx are answers: no stack; 5xx keep their frames
 */
export function setCaptureStack(policy: CaptureStackPolicy): CaptureStackPolicy {
  if (typeof policy !== 'string' || !POLICIES.has(policy)) {
    throw new TypeError(`setCaptureStack needs 'always', 'server-errors' or 'never', got ${typeof policy === 'string' ? JSON.stringify(policy.slice(0, 40)) : typeof policy}`);
  }
  const previous = cell.policy;
  cell.policy = policy;
  return previous;
}

/** Whether an exception of this status captures a stack under the current policy. */
export function policyCaptures(status: number): boolean {
  const policy = cell.policy;
  return policy === 'always' || (policy === 'server-errors' && status >= 500);
}
