/** The wording for one key of the `messages` option: a problem `title`, a `detail` template, or both. */
export interface ProblemMessage {
  readonly title?: string;
  /** `{member}` placeholders are filled from the problem's extension members. */
  readonly detail?: string;
}

/**
 * One language's entries for the `messages` option, keyed by status (`'404'`), problem type URI or
 * `code`.
 */
export type MessageCatalog = Readonly<Record<string, ProblemMessage>>;

/** The `messages` option: a catalog per language tag (`'de'`, `'pt-BR'` …). */
export type Messages = Readonly<Record<string, MessageCatalog>>;
