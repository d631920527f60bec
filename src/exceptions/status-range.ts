/** The statuses a class of exceptions accepts, and the name its `RangeError` uses. */
export interface StatusRange {
  readonly min: number;
  readonly max: number;
  readonly name: string;
}

/**
 * Static property of `HttpException`, `ClientErrorException` and `ServerErrorException`: the
 * range their constructor checks. `HttpException` reads it from `new.target`, so a subclass
 * inherits its base's range without a constructor of its own (one stack frame less to capture
 * for every exception made).
 */
export const STATUS_RANGE: unique symbol = Symbol('typed-http-exceptions.statusRange') as never;

/** Throws a `RangeError` naming the bad value unless `status` is an integer in [min, max]. */
export function assertStatus(status: unknown, min: number, max: number, what: string): asserts status is number {
  if (typeof status !== 'number' || !Number.isInteger(status) || status < min || status > max) {
    throw new RangeError(`${what} needs an integer HTTP status from ${min} to ${max}, got ${describe(status)}`);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'function') return typeof value;
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}
