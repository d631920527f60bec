import { createHttpException } from '../exceptions/create-http-exception.js';
import type { HttpException } from '../exceptions/http-exception.js';
import type { AnyHttpExceptionOptions } from '../exceptions/options.js';
import { STATUS_HEADERS, VALIDATION_ERROR_STATUSES } from '../status/status-headers.js';
import { SAMPLE_HEADER_OPTIONS } from './problem-headers.js';

/** Sample `detail` for the statuses where a specific one reads better than the generic one. */
const SAMPLE_DETAILS: { readonly [status: number]: string } = {
  400: 'The request body has 1 invalid member.',
  401: 'The access token has expired.',
  403: 'Only the owner of the order may cancel it.',
  404: 'No order with id 42.',
  405: 'Orders cannot be deleted.',
  407: 'The proxy needs credentials.',
  409: 'The order was changed by another request.',
  413: 'Uploads are limited to 10 MB.',
  416: 'The range starts past the end of the file.',
  422: 'The order has 1 invalid member.',
  426: 'This endpoint is served over TLS only.',
  429: 'At most 100 requests a minute are allowed.',
};

const GENERIC_DETAIL = 'What went wrong in this occurrence, for a human.';

const SAMPLE_ERRORS = [{ detail: 'must be a positive integer', pointer: '#/quantity' }] as const;

/**
 * The exception the examples of a status are made from: its generated class, a sample detail
 * (which 5xx classes do not expose) and sample values for every header option and `errors`
 * the class takes.
 */
export function sampleException(status: number): HttpException {
  const options: { -readonly [K in keyof AnyHttpExceptionOptions]: AnyHttpExceptionOptions[K] } = {};
  if (Object.hasOwn(STATUS_HEADERS, status)) {
    const headers: { readonly [header: string]: keyof typeof SAMPLE_HEADER_OPTIONS } = STATUS_HEADERS[status as keyof typeof STATUS_HEADERS];
    for (const option of Object.values(headers)) Object.assign(options, { [option]: SAMPLE_HEADER_OPTIONS[option] });
  }
  if ((VALIDATION_ERROR_STATUSES as readonly number[]).includes(status)) options.errors = SAMPLE_ERRORS;
  return createHttpException(status, SAMPLE_DETAILS[status] ?? GENERIC_DETAIL, options);
}
