/**
 * typed-http-exceptions/messages: ready problem titles for every 4xx/5xx status, one module per
 * language, for the `messages` option. Each language module holds data only, so a bundler keeps
 * just the languages you import.
 */
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { ja } from './ja.js';
import type { StatusMessageCatalog } from './message-catalog.js';
import { pt } from './pt.js';
import { zhHans } from './zh-hans.js';

export { de, en, es, fr, ja, pt, zhHans };
export type { ErrorStatusKey, MessageCatalog, ProblemMessage, StatusMessageCatalog } from './message-catalog.js';

/**
 * Every shipped catalog keyed by its BCP 47 tag, ready to pass as the `messages` option.
 * Simplified Chinese is listed under `zh-Hans` and under the region tags browsers send for it
 * (`zh-CN`, `zh-SG`), because a lookup truncates the client's tag (`zh-CN` → `zh`) and would never
 * reach `zh-Hans`. There is no bare `zh`: it would also catch `zh-TW` and `zh-Hant`, whose readers
 * expect Traditional characters.
 *
 * @example
 * import { catalogs } from 'typed-http-exceptions/messages';
 * problemDetailsHandler({ messages: catalogs });
 */
export const catalogs = {
  en,
  de,
  fr,
  es,
  pt,
  ja,
  'zh-Hans': zhHans,
  'zh-CN': zhHans,
  'zh-SG': zhHans,
} as const satisfies Readonly<Record<string, StatusMessageCatalog>>;
