/**
 * The `traceId` of a problem: the trace id of a valid W3C Trace Context `traceparent`, else a
 * request id (`x-request-id` or the framework's), when it is short printable ASCII.
 */
import { trimOws } from './ows.js';

/**
 * The longest request id taken (Heroku's router takes 20–200 characters; a UUID is 36): a
 * longer one is left out, not cut (a cut id would match nothing in the logs). A `traceparent` or
 * request id value longer than 512 characters is not looked at (a version 00 `traceparent` is
 * 55; 512 is what Trace Context asks vendors to carry of `tracestate`).
 */
export const TRACE_ID_LIMITS = { maxRequestId: 200, headerRead: 512 } as const;

// W3C Trace Context level 1, section 3.2: version "-" trace-id "-" parent-id "-" trace-flags,
// lowercase hex. Version 00 is exactly these 55 characters.
const TRACEPARENT_00 = /^(00)-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;
// A later version (not ff) has the same first 55 characters, then the end or "-" and more.
const TRACEPARENT_LATER = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}(?:-|$)/;
const ALL_ZEROS = /^0+$/;
// Printable ASCII: space to tilde. Control characters (CR, LF, NUL) and non-ASCII are refused.
const PRINTABLE = /^[\x20-\x7e]+$/;

/**
 * The trace id for a problem. From `traceparent` (OWS around it allowed): version 00 must be
 * exactly `00-<32 hex>-<16 hex>-<2 hex>`, lowercase, with neither id all zeros; a later version
 * is read as version 00 and may go on after a `-`; version `ff` is invalid. Otherwise the request
 * id, trimmed, when it is 1–200 printable ASCII characters. Otherwise `undefined`.
 *
 * @example
 * traceIdFrom('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', 'req-1'); // '4bf92f3577b34da6a3ce929d0e0e4736'
 * traceIdFrom(undefined, 'req-1'); // 'req-1'
 * traceIdFrom('garbage', undefined); // undefined
 */
export function traceIdFrom(traceparent: string | undefined, requestId: string | undefined): string | undefined {
  return traceIdOfTraceparent(traceparent) ?? boundedRequestId(requestId);
}

function traceIdOfTraceparent(header: unknown): string | undefined {
  if (typeof header !== 'string' || header.length > TRACE_ID_LIMITS.headerRead) return undefined;
  const value = trimOws(header);
  const match = value.startsWith('00-') ? TRACEPARENT_00.exec(value) : TRACEPARENT_LATER.exec(value);
  if (match === null || match[1] === 'ff') return undefined;
  const [, , traceId, parentId] = match;
  if (traceId === undefined || parentId === undefined || ALL_ZEROS.test(traceId) || ALL_ZEROS.test(parentId)) return undefined;
  return traceId;
}

function boundedRequestId(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > TRACE_ID_LIMITS.headerRead) return undefined;
  const id = trimOws(value);
  return id.length <= TRACE_ID_LIMITS.maxRequestId && PRINTABLE.test(id) ? id : undefined;
}
