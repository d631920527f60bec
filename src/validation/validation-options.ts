import { invalidInputDetail, isValidationLocation, type ValidationLocation } from './validation-location.js';

/** The statuses a validation problem may have: 422 (the default) or 400. */
export type ValidationStatus = 400 | 422;

/** Options of `validateOrThrow` and `problemFromIssues`. */
export interface ValidationProblemOptions<S extends ValidationStatus = ValidationStatus> {
  /** 422 Unprocessable Content (default) or 400 Bad Request. */
  readonly status?: S;
  /**
   * Where the input came from (default `'body'`): `'body'` gives `{ detail, pointer }`,
   * `'query'` and `'path'` give `{ detail, parameter }`, `'header'` gives `{ detail, header }`.
   */
  readonly in?: ValidationLocation;
  /** The problem's `detail`. Default: "The request body is invalid" (or the query string, …). */
  readonly detail?: string;
}

/** The options checked and their defaults filled in; a bad option is a `TypeError` (`RangeError` for the status). */
export function readValidationOptions(
  options: ValidationProblemOptions | undefined,
  caller: string,
): { readonly status: ValidationStatus; readonly location: ValidationLocation; readonly detail: string } {
  if (options !== undefined && (typeof options !== 'object' || options === null)) throw new TypeError(`${caller} options must be an object`);
  const status: unknown = options?.status ?? 422;
  if (status !== 400 && status !== 422) throw new RangeError(`${caller} options.status must be 400 or 422, got ${describe(status)}`);
  const location: unknown = options?.in ?? 'body';
  if (!isValidationLocation(location)) throw new TypeError(`${caller} options.in must be 'body', 'query', 'path' or 'header', got ${describe(location)}`);
  const detail: unknown = options?.detail ?? invalidInputDetail(location);
  if (typeof detail !== 'string') throw new TypeError(`${caller} options.detail must be a string, got ${describe(detail)}`);
  return { status, location, detail };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  return typeof value === 'number' ? String(value) : typeof value;
}
