import { safeGet } from '../util/safe-get.js';
import { isHttpException } from '../exceptions/guards.js';
import { cut, LIMITS } from '../model/limits.js';

const NOT_CAPTURED = '    (no stack trace captured: see setCaptureStack and the captureStack option)';

/** One link of a cause chain as debug output shows it. */
export interface DebugCause {
  name?: string;
  message?: string;
  stack?: string;
}

/**
 * Adds `stack` and `cause` (the chain of causes, outermost first) to a problem body.
 * Only for `debug: true`, which is for development: stacks reveal file paths.
 */
export function addDebugMembers(value: unknown, problem: Record<string, unknown>): void {
  const stack = safeGet(value, 'stack');
  if (typeof stack === 'string') {
    // One line and no frames: the exception was made without a stack trace (setCaptureStack).
    problem['stack'] = stack.includes('\n') || !isHttpException(value) ? cut(stack, LIMITS.debugString) : `${cut(stack, LIMITS.debugString)}\n${NOT_CAPTURED}`;
  }
  const causes: DebugCause[] = [];
  const seen = new Set<unknown>([value]);
  let cause = safeGet(value, 'cause');
  while (cause !== undefined && causes.length < LIMITS.causeDepth && !seen.has(cause)) {
    seen.add(cause);
    causes.push(describeCause(cause));
    cause = safeGet(cause, 'cause');
  }
  if (causes.length > 0) problem['cause'] = causes;
}

function describeCause(cause: unknown): DebugCause {
  if ((typeof cause !== 'object' && typeof cause !== 'function') || cause === null) {
    return { message: cut(safeString(cause), LIMITS.debugString) };
  }
  const described: DebugCause = {};
  const name = safeGet(cause, 'name');
  const message = safeGet(cause, 'message');
  const stack = safeGet(cause, 'stack');
  if (typeof name === 'string') described.name = cut(name, LIMITS.title);
  if (typeof message === 'string') described.message = cut(message, LIMITS.debugString);
  if (typeof stack === 'string') described.stack = cut(stack, LIMITS.debugString);
  return described;
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'symbol' ? value.toString() : String(value);
  } catch {
    return typeof value;
  }
}
