import { HttpStatus, reasonPhrase } from '../src/index.js';
import { STATUS_TABLE } from '../src/status/status-table.js';

// The IANA HTTP Status Code Registry, 100-599 (RFC 9110 and later RFCs), as assigned codes.
const IANA_REGISTERED = [
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306, 307, 308, 400, 401, 402, 403, 404, 405, 406,
  407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507,
  508, 510, 511,
];
// Unofficial codes the seed documents list.
const SEED_UNOFFICIAL = [122, 420, 444, 449, 450, 499, 509, 598, 599];

describe('the status table', () => {
  test('has every IANA-registered code and the unofficial codes from the seeds, nothing else', () => {
    const codes = STATUS_TABLE.map((row) => row.code);
    expect(codes).toEqual([...IANA_REGISTERED, ...SEED_UNOFFICIAL].sort((a, b) => a - b));
    for (const row of STATUS_TABLE) {
      expect(row.registration === 'unofficial').toBe(SEED_UNOFFICIAL.includes(row.code));
    }
  });

  test('uses current IANA wording where codes were renamed', () => {
    expect(reasonPhrase(413)).toBe('Content Too Large');
    expect(reasonPhrase(414)).toBe('URI Too Long');
    expect(reasonPhrase(416)).toBe('Range Not Satisfiable');
    expect(reasonPhrase(422)).toBe('Unprocessable Content');
    expect(reasonPhrase(103)).toBe('Early Hints');
    expect(reasonPhrase(425)).toBe('Too Early');
    expect(reasonPhrase(421)).toBe('Misdirected Request');
    expect(reasonPhrase(999)).toBeUndefined();
  });

  test('follows IANA where the seeds disagree (451, 306, 504)', () => {
    expect(reasonPhrase(451)).toBe('Unavailable For Legal Reasons');
    expect(reasonPhrase(504)).toBe('Gateway Timeout');
    const row306 = STATUS_TABLE.find((row) => row.code === 306);
    expect(row306).toMatchObject({ registration: 'reserved', phrase: 'Unused' });
  });

  test('keys, phrases and class names are unique; every 4xx/5xx has a class, no other code does', () => {
    const keys = STATUS_TABLE.flatMap((row) => [row.key, ...(row.formerNames ?? []).map((f) => f.key)]);
    const classes = STATUS_TABLE.flatMap((row) => [row.className, ...(row.formerNames ?? []).map((f) => f.className)]).filter(Boolean);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(classes).size).toBe(classes.length);
    for (const row of STATUS_TABLE) {
      expect(row.key).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(row.className !== undefined).toBe(row.code >= 400);
      if (row.className) expect(row.className).toMatch(/^[A-Z][A-Za-z]*Exception$/);
      expect(row.description.length).toBeGreaterThan(10);
      expect(row.description.length).toBeLessThanOrEqual(120);
      if (row.registration === 'registered') expect(row.spec?.document).toMatch(/^RFC \d+$/);
      if (row.registration !== 'registered') expect(row.origin).toBeTruthy();
    }
  });

  test('every row is in the HttpStatus enum, with former names as aliases', () => {
    for (const row of STATUS_TABLE) {
      expect((HttpStatus as unknown as Record<string, number>)[row.key]).toBe(row.code);
      for (const former of row.formerNames ?? []) expect((HttpStatus as unknown as Record<string, number>)[former.key]).toBe(row.code);
    }
  });

  test('RFC 9110 codes cite RFC 9110 with a section', () => {
    for (const code of [400, 404, 413, 422, 426, 500, 505]) {
      expect(STATUS_TABLE.find((row) => row.code === code)?.spec).toEqual({ document: 'RFC 9110', section: expect.stringMatching(/^15\.\d+\.\d+$/) });
    }
  });
});
