/** Throws a `RangeError` naming the bad value unless `status` is an integer in [min, max]. */
export function assertStatus(status: unknown, min: number, max: number, what: string): asserts status is number {
  if (typeof status !== 'number' || !Number.isInteger(status) || status < min || status > max) {
    throw new RangeError(`${what} needs an integer HTTP status from ${min} to ${max}, got ${describe(status)}`);
  }
}

/** True for an integer error status (400-599). */
export function isErrorStatus(status: unknown): status is number {
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'function') return typeof value;
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}
