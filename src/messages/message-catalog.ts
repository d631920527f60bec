import type { HttpExceptionClassByStatus } from '../exceptions/exception-by-status.js';

export type { MessageCatalog, Messages, ProblemMessage } from '../model/messages.js';

/** A 4xx/5xx status of the status table as a catalog key: `'400'` … `'599'`. */
export type ErrorStatusKey = `${keyof HttpExceptionClassByStatus}`;

/**
 * A shipped catalog: a title for every 4xx/5xx status of the table, nothing else. Assignable to
 * `MessageCatalog`, so it can be passed as it is or spread into a catalog of your own.
 *
 * @example
 * import { de, type StatusMessageCatalog } from 'typed-http-exceptions/messages';
 * const title: string = de['404'].title; // 'Nicht gefunden'
 */
export type StatusMessageCatalog = { readonly [Key in ErrorStatusKey]: { readonly title: string } };
