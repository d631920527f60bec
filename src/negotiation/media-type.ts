/**
 * Which of the three problem media types a request's `Accept` header asks for (RFC 9110
 * 12.5.1). There is never a 406: a client that accepts none of them gets problem+json.
 */
import { parseWeightedList } from './weighted-list.js';

/** The media types a problem body can be sent as. */
export type ProblemMediaType = 'application/problem+json' | 'application/json' | 'application/problem+xml';

/**
 * How much of an `Accept` header is read: 2048 characters and 32 ranges. Browsers send under
 * 300 characters and about ten ranges, API clients fewer; what lies past the limits is not
 * looked at, so a hostile 10 KB value costs one scan of 2 KB and at most 32 × 3 comparisons.
 */
export const ACCEPT_LIMITS = { maxLength: 2048, maxItems: 32 } as const;

/** A type and its subtype under `application/`. */
type Candidate = readonly [ProblemMediaType, string];

/**
 * Candidates in tie-break order: problem+json wins an equal weight, then plain JSON.
 *
 * The generic XML ranges `application/xml` and `text/xml` also accept problem+xml (see
 * matchLevel): RFC 7303 makes `application/xml` (and its alias `text/xml`) the type for any XML
 * document, and a `+xml` type is one a generic XML processor can read, so an XML client that
 * asks for either gets the XML body.
 */
const CANDIDATES: readonly Candidate[] = [
  ['application/problem+json', 'problem+json'],
  ['application/json', 'json'],
  ['application/problem+xml', 'problem+xml'],
];

// RFC 9110 5.6.2 and 8.3.1: type "/" subtype, both tokens.
const MEDIA_RANGE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\/([!#$%&'*+.^_`|~0-9A-Za-z-]+)$/;

/**
 * Chooses the body's media type from an `Accept` header value.
 *
 * Each of the three types takes the weight of the most specific range that matches it
 * (`application/problem+json` > `application/xml` or `text/xml` for problem+xml >
 * `application/*` > `*\/*`; a range with parameters beats the same range without); the highest
 * weight above 0 wins, ties going to problem+json, then application/json. No header, no matching
 * range, only malformed ranges or only `q=0`: problem+json.
 *
 * @example
 * chooseMediaType(undefined); // 'application/problem+json'
 * chooseMediaType('application/json'); // 'application/json'
 * chooseMediaType('application/xml, application/json;q=0.5'); // 'application/problem+xml'
 * chooseMediaType('image/png'); // 'application/problem+json' (never a 406)
 */
export function chooseMediaType(accept: string | undefined): ProblemMediaType {
  // Per candidate: the specificity and weight of the most specific matching range so far.
  const specificity = [-1, -1, -1];
  const weights = [0, 0, 0];
  for (const item of parseWeightedList(accept, ACCEPT_LIMITS)) {
    const range = MEDIA_RANGE.exec(item.value);
    if (range === null) continue;
    const type = (range[1] as string).toLowerCase();
    const subtype = (range[2] as string).toLowerCase();
    // `*/json` is not a media range (RFC 9110 12.5.1: `*/*`, `type/*` or `type/subtype`).
    if (type === '*' && subtype !== '*') continue;
    // Problem bodies are UTF-8; a range asking for another charset or any other parameter
    // (`profile=…`, `version=…`) names a representation we do not have.
    if (!item.params.every(([name, value]) => name === 'charset' && value.toLowerCase() === 'utf-8')) continue;
    const hasParams = item.params.length > 0 ? 1 : 0;
    for (let candidate = 0; candidate < CANDIDATES.length; candidate++) {
      const level = matchLevel(type, subtype, (CANDIDATES[candidate] as Candidate)[1]);
      if (level < 0) continue;
      const rank = level * 2 + hasParams;
      const current = specificity[candidate] as number;
      // Equally specific duplicates (`application/json;q=0.2, application/json`): the higher weight.
      if (rank > current || (rank === current && item.weight > (weights[candidate] as number))) {
        specificity[candidate] = rank;
        weights[candidate] = item.weight;
      }
    }
  }
  let best = 0;
  // Strictly greater: an equal weight keeps the earlier candidate.
  for (let candidate = 1; candidate < CANDIDATES.length; candidate++) {
    if ((weights[candidate] as number) > (weights[best] as number)) best = candidate;
  }
  return (CANDIDATES[best] as Candidate)[0];
}

/** 3 exact, 2 a generic XML range for problem+xml, 1 `application/*`, 0 `*\/*`; -1 no match. */
function matchLevel(type: string, subtype: string, candidateSubtype: string): number {
  if (type === '*') return 0;
  if (subtype === '*') return type === 'application' ? 1 : -1;
  if (type === 'application' && subtype === candidateSubtype) return 3;
  if (candidateSubtype === 'problem+xml' && subtype === 'xml' && (type === 'application' || type === 'text')) return 2;
  return -1;
}
