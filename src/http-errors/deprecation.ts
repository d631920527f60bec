/** The message http-errors (through `depd`) prints for `createError(200)` and other non-error statuses. */
export const NON_ERROR_STATUS_MESSAGE = 'non-error status code; use only 4xx or 5xx status codes';

/** The `code` of the `DeprecationWarning` this module emits. */
export const NON_ERROR_STATUS_WARNING_CODE = 'HTTP_ERRORS_NON_ERROR_STATUS';

/** Call sites already warned about; bounded, so a program cannot grow it without end. */
const warnedSites = new Set<string>();
const MAX_WARNED_SITES = 1000;

interface WarningProcess {
  readonly noDeprecation?: boolean;
  readonly env?: Record<string, string | undefined>;
  emitWarning?(warning: string, options: { type: string; code: string }): void;
}

/**
 * Warns that a non-error status was used, the way http-errors' `depd` does, but through Node's
 * own channel: `process.emitWarning` with type `DeprecationWarning`, so `--no-deprecation`,
 * `--trace-deprecation`, `--throw-deprecation` and `process.on('warning')` apply. Like `depd`,
 * once per call site (the caller of `caller`), and silenced by `NO_DEPRECATION=http-errors`
 * (or `*`). Does nothing where there is no `process.emitWarning` (browsers, workers).
 */
export function warnNonErrorStatus(caller: Function): void {
  const proc = (globalThis as { process?: WarningProcess }).process;
  if (proc === undefined || typeof proc.emitWarning !== 'function' || proc.noDeprecation === true) return;
  if (silencedByEnvironment(proc.env?.['NO_DEPRECATION'])) return;
  const site = callSite(caller);
  if (warnedSites.has(site)) return;
  if (warnedSites.size < MAX_WARNED_SITES) warnedSites.add(site);
  proc.emitWarning(site === '' ? NON_ERROR_STATUS_MESSAGE : `${NON_ERROR_STATUS_MESSAGE} (at ${site})`, {
    type: 'DeprecationWarning',
    code: NON_ERROR_STATUS_WARNING_CODE,
  });
}

/** `depd`'s switch: a comma- or space-separated list of namespaces, `*` for all. */
function silencedByEnvironment(list: string | undefined): boolean {
  if (list === undefined || list === '') return false;
  return list
    .split(/[ ,]+/)
    .map((name) => name.toLowerCase())
    .some((name) => name === '*' || name === 'http-errors' || name === 'typed-http-exceptions');
}

/** `file:line:column` of the code that called `caller`, or '' where the engine cannot tell. */
function callSite(caller: Function): string {
  const captureStackTrace = (Error as { captureStackTrace?: (target: object, constructorOpt?: Function) => void }).captureStackTrace;
  if (typeof captureStackTrace !== 'function') return '';
  const holder: { stack?: unknown } = {};
  try {
    captureStackTrace(holder, caller);
    const stack = holder.stack;
    if (typeof stack !== 'string') return '';
    const frame = stack.split('\n', 2)[1]?.trim() ?? '';
    // "at fn (/app/x.js:3:22)" or "at /app/x.js:3:22"
    const location = /\(([^()]*)\)$/.exec(frame)?.[1] ?? frame.replace(/^at /, '');
    return location;
  } catch {
    // A custom Error.prepareStackTrace that throws: warn once for all such sites.
    return '';
  }
}
