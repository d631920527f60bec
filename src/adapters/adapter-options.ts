import type { ProblemDetailsOptions } from '../model/problem-details.js';

/** Options every adapter takes: the serializer's options plus a logging hook. */
export interface AdapterOptions<Request> extends ProblemDetailsOptions {
  /**
   * Sees every error, as thrown, before it is sanitised, with the request it came from.
   * For logging and metrics. If it throws (or rejects), that is contained and the client
   * still gets its problem response.
   */
  readonly onError?: (error: unknown, request: Request) => void | Promise<void>;
}
