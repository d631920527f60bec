import { lookupLanguage } from '../negotiation/language.js';
import { fillTemplate } from '../negotiation/template.js';
import { cut, LIMITS } from '../model/limits.js';
import type { MessageCatalog, Messages, ProblemMessage } from '../model/messages.js';
import type { ProblemDetails } from '../model/problem-details.js';
import { titleForStatus } from '../status/reason-phrase.js';
import { safeGet, safeHasOwn } from '../util/safe-get.js';

/** Language tags of `messages` looked at: bounds the lookup for a huge object. */
const MAX_LOCALES = 64;

/**
 * Translates a problem in place with the best catalog of `messages` for `acceptLanguage`
 * (RFC 4647 lookup, then `defaultLocale`) and returns the language used, or `undefined` when
 * no entry applied. The entry is the first of: the problem's `code`, its `type`, its status.
 * A status entry replaces only the default title (the reason phrase of an `about:blank`
 * problem): a problem type's own title is kept unless the catalog names that type or code.
 * A `detail` template replaces the detail; it is the catalog's text, so an unexposed message
 * still never reaches the client.
 */
export function localizeProblem(problem: ProblemDetails, messages: Messages, acceptLanguage: string | undefined, defaultLocale: string | undefined): string | undefined {
  const locales = localesOf(messages);
  if (locales.length === 0) return undefined;
  const locale = lookupLanguage(acceptLanguage, locales, defaultLocale);
  if (locale === undefined) return undefined;
  const catalog = safeGet(messages, locale) as MessageCatalog | undefined;
  if (typeof catalog !== 'object' || catalog === null) return undefined;

  const code = problem['code'];
  const specific = (typeof code === 'string' ? entryOf(catalog, code) : undefined) ?? (problem.type !== 'about:blank' ? entryOf(catalog, problem.type) : undefined);
  const entry = specific ?? entryOf(catalog, String(problem.status));
  if (entry === undefined) return undefined;
  let applied = false;
  const title = safeGet(entry, 'title');
  if (typeof title === 'string' && title !== '' && (specific !== undefined || problem.title === titleForStatus(problem.status))) {
    problem.title = cut(title, LIMITS.title);
    applied = true;
  }
  const detail = safeGet(entry, 'detail');
  if (typeof detail === 'string' && detail !== '') {
    problem.detail = cut(fillTemplate(detail, problem), LIMITS.detail);
    applied = true;
  }
  return applied ? locale : undefined;
}

function localesOf(messages: Messages): string[] {
  const locales: string[] = [];
  try {
    for (const locale in messages) {
      if (locales.length >= MAX_LOCALES) break;
      if (Object.prototype.hasOwnProperty.call(messages, locale)) locales.push(locale);
    }
  } catch {
    // A Proxy whose traps throw: the locales read so far.
  }
  return locales;
}

function entryOf(catalog: MessageCatalog, key: string): ProblemMessage | undefined {
  if (key === '__proto__' || !safeHasOwn(catalog, key)) return undefined;
  const entry = safeGet(catalog, key);
  return typeof entry === 'object' && entry !== null ? (entry as ProblemMessage) : undefined;
}
