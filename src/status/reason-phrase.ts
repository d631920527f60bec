import { REASON_PHRASES } from '../generated/reason-phrases.js';

/**
 * The reason phrase of a status code in its current IANA wording
 * (`reasonPhrase(413) === 'Content Too Large'`), or `undefined` for a code the table lacks.
 */
export function reasonPhrase(status: number): string | undefined {
  return Object.hasOwn(REASON_PHRASES, status) ? REASON_PHRASES[status] : undefined;
}

/** The problem title for a status: its reason phrase, else a generic one for its class. */
export function titleForStatus(status: number): string {
  return reasonPhrase(status) ?? (status < 500 ? 'Client Error' : 'Server Error');
}
