/**
 * Compile-time assertions on the catalog types: a shipped catalog has exactly the 4xx/5xx keys of
 * the table, its titles are plain strings, and it fits the `messages` option shape, as it is or
 * spread into a catalog of one's own. `npm run typecheck` (tsc -p .) checks this file, so a drift
 * fails the build; Jest runs the value checks.
 */
import { catalogs, de, en, fr, ja, type ErrorStatusKey, type MessageCatalog, type StatusMessageCatalog } from '../../src/messages/index.js';

/** `true` only when A and B are the same type (not merely assignable). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Extends<A, B> = [A] extends [B] ? true : false;
function assertType<T extends true>(_proof?: T): void {}

/** The `messages` option as DESIGN.md writes it: `{ [locale]: { [key]: { title?, detail? } } }`. */
type MessagesOption = { [locale: string]: { [key: string]: { title?: string; detail?: string } } };

describe('catalog types', () => {
  test('a shipped catalog is keyed by the 4xx/5xx codes of the table and fits MessageCatalog', () => {
    assertType<Equal<typeof de, StatusMessageCatalog>>();
    assertType<Extends<StatusMessageCatalog, MessageCatalog>>();
    assertType<Extends<'404' | '499' | '599', ErrorStatusKey>>();
    assertType<Equal<Extends<'200', ErrorStatusKey>, false>>();
    assertType<Equal<Extends<'419', ErrorStatusKey>, false>>();
    assertType<Equal<typeof de['404']['title'], string>>();
    expect(de['404'].title).toBe('Nicht gefunden');
    expect(ja['503'].title).toBe('サービス利用不可');
  });

  test('a catalog missing a code, or with a code the table lacks, does not compile', () => {
    const { '404': _removed, ...withoutNotFound } = en;
    // @ts-expect-error '404' is missing
    const missing: StatusMessageCatalog = withoutNotFound;
    // @ts-expect-error '200' is not a 4xx/5xx code of the table
    const extra: StatusMessageCatalog = { ...en, '200': { title: 'OK' } };
    // @ts-expect-error a shipped catalog's titles are required strings
    const untitled: StatusMessageCatalog = { ...en, '404': {} };
    expect(Object.keys(missing)).not.toContain('404');
    expect(Object.keys(extra)).toContain('200');
    expect(untitled['404'].title).toBeUndefined();
  });

  test('catalogs and spread catalogs fit the messages option', () => {
    assertType<Extends<typeof catalogs, MessagesOption>>();
    // The value the README passes as `messages`: two languages, one with entries of its own.
    const messages = {
      de: { ...de, 'out-of-credit': { title: 'Guthaben aufgebraucht', detail: 'Es fehlen {missing} Euro.' } },
      fr,
    } satisfies MessagesOption;
    assertType<Extends<typeof messages, MessagesOption>>();
    expect(messages.de['out-of-credit'].title).toBe('Guthaben aufgebraucht');
    expect(messages.de['404'].title).toBe('Nicht gefunden');
    expect(messages.fr['404'].title).toBe('Ressource introuvable');
  });

  test('shipped catalogs are read-only to TypeScript', () => {
    const write = (catalog: StatusMessageCatalog) => {
      // @ts-expect-error titles cannot be reassigned
      catalog['404'].title = 'x';
    };
    expect(typeof write).toBe('function');
  });
});
