import { ERROR_REASON_PHRASES, OTHER_REASON_PHRASES } from './reason-phrases.js';

/**
 * The reason phrase of a status code in its current IANA wording
 * (`reasonPhrase(413) === 'Content Too Large'`), or `undefined` for a code the table lacks.
 */
export function reasonPhrase(status: number): string | undefined {
  const phrases = status >= 400 ? ERROR_REASON_PHRASES : OTHER_REASON_PHRASES;
  return Object.hasOwn(phrases, status) ? phrases[status] : undefined;
}

/**
 * The problem title for an error status (400-599): its reason phrase, else a generic one for its
 * class. Reads only the 4xx/5xx phrases, so that exceptions do not pull the others into a bundle.
 */
export function titleForStatus(status: number): string {
  return (Object.hasOwn(ERROR_REASON_PHRASES, status) ? ERROR_REASON_PHRASES[status] : undefined) ?? (status < 500 ? 'Client Error' : 'Server Error');
}
