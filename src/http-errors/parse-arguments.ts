/** What `createError`'s arguments say, read the way http-errors 2.x reads them. */
export interface CreateErrorArguments {
  /** The existing error to decorate, if one was given. */
  readonly error: Error | undefined;
  /** The message, if one was given. */
  readonly message: string | undefined;
  /** The status asked for: the first argument if a number, else an error's `status`/`statusCode`, else 500. Not yet checked. */
  readonly status: unknown;
  /** The properties to copy onto the error (`null` copies nothing). */
  readonly properties: object | null;
}

/**
 * Reads `createError`'s arguments in any order, as http-errors does: an `Error` (its `status`
 * or `statusCode` becomes the status when truthy), a number (a status, only as the first
 * argument), a string (the message) and any other object or `null` (the properties). A later
 * argument of a kind replaces an earlier one. Anything else, or a number after the first
 * argument, throws `TypeError: argument #N unsupported type T`, with http-errors' wording.
 */
export function parseArguments(args: ArrayLike<unknown>): CreateErrorArguments {
  let error: Error | undefined;
  let message: string | undefined;
  let status: unknown = 500;
  let properties: object | null = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const type = typeof arg;
    if (type === 'object' && arg instanceof Error) {
      error = arg;
      const fields = arg as { status?: unknown; statusCode?: unknown };
      // `||`, as in http-errors: a status of 0 or '' falls through to statusCode, then to what came before.
      status = fields.status || fields.statusCode || status;
    } else if (type === 'number' && i === 0) {
      status = arg;
    } else if (type === 'string') {
      message = arg as string;
    } else if (type === 'object') {
      properties = arg as object | null;
    } else {
      throw new TypeError(`argument #${i + 1} unsupported type ${type}`);
    }
  }
  return { error, message, status, properties };
}
