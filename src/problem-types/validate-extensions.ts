import { issueMessage, issuePath, type StandardSchemaV1 } from '../validation/standard-schema.js';

/** Issues named in the `TypeError` for invalid extensions; the rest are counted. */
const MAX_NAMED_ISSUES = 5;

/**
 * Checks extension members with a problem type's schema, synchronously (the exception is being
 * made): the schema's output, or a `TypeError` naming each wrong member
 * (`OutOfCredit extensions.balance: Expected number, received string`). An error the schema
 * throws is not caught; a schema that answers with a promise is a `TypeError` too.
 */
export function validateExtensions(schema: StandardSchemaV1, value: unknown, owner: string): Record<string, unknown> {
  const result: unknown = schema['~standard'].validate(value);
  if (isThenable(result)) {
    // Nobody will wait for it: keep its eventual rejection from being reported as unhandled.
    Promise.resolve(result).catch(() => undefined);
    throw new TypeError(asyncSchemaMessage(owner, schema['~standard'].vendor));
  }
  if (typeof result !== 'object' || result === null) throw new TypeError(`${owner}: the extensions schema's validate() gave no Standard Schema result`);
  const { issues, value: output } = result as { issues?: unknown; value?: unknown };
  if (issues) {
    const list = Array.isArray(issues) ? (issues as unknown[]) : [];
    const named = list.slice(0, MAX_NAMED_ISSUES).map((issue) => `${memberName(issuePath(issue))}: ${issueMessage(issue)}`);
    const more = list.length > MAX_NAMED_ISSUES ? ` (and ${list.length - MAX_NAMED_ISSUES} more)` : '';
    throw new TypeError(`${owner} ${named.length === 0 ? 'extensions are invalid' : named.join('; ')}${more}`);
  }
  if (typeof output !== 'object' || output === null || Array.isArray(output)) {
    throw new TypeError(`${owner}: the extensions schema must describe an object of extension members, its output was ${Array.isArray(output) ? 'an array' : output === null ? 'null' : typeof output}`);
  }
  return output as Record<string, unknown>;
}

/**
 * True when the schema answers a sample value with a promise (valibot's `*Async` schemas do
 * for any value): such a schema is refused when the problem type is defined. A schema that is
 * async only for some values (a zod async refinement behind other checks) shows it later, when
 * an exception is made. Whatever the sample run throws is left for that moment too.
 */
export function answersAsynchronously(schema: StandardSchemaV1): boolean {
  try {
    const result: unknown = schema['~standard'].validate({});
    if (!isThenable(result)) return false;
    Promise.resolve(result).catch(() => undefined);
    return true;
  } catch {
    return false;
  }
}

/** The message of the `TypeError` for an async schema. */
export function asyncSchemaMessage(owner: string, vendor: unknown): string {
  // zod's ~standard.validate retries asynchronously whenever its synchronous run throws.
  const zodNote = vendor === 'zod' ? ' (zod answers with a promise also when a refinement or transform throws)' : '';
  return `${owner}: the extensions schema validates asynchronously, but extension values are checked when the exception is made, which is synchronous; use a schema without async checks${zodNote}`;
}

/** `extensions.balance`, `extensions.limits[0].amount`, `extensions["a b"]`; `extensions` for the whole object. */
function memberName(path: ReadonlyArray<string | number>): string {
  let name = 'extensions';
  for (const key of path) {
    if (typeof key === 'number') name += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) name += `.${key}`;
    else name += `[${JSON.stringify(key)}]`;
  }
  return name;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
