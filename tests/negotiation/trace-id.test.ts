import { TRACE_ID_LIMITS, traceIdFrom } from '../../src/negotiation/trace-id.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';
const VALID = `00-${TRACE_ID}-${PARENT_ID}-01`;

test('the doc comment examples', () => {
  expect(traceIdFrom('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', 'req-1')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  expect(traceIdFrom(undefined, 'req-1')).toBe('req-1');
  expect(traceIdFrom('garbage', undefined)).toBeUndefined();
});

describe('traceIdFrom: W3C Trace Context traceparent', () => {
  test.each([
    // The specification's examples.
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', '4bf92f3577b34da6a3ce929d0e0e4736'],
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00', '4bf92f3577b34da6a3ce929d0e0e4736'],
    ['00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', '0af7651916cd43dd8448eb211c80319c'],
    // Any flags.
    [`00-${TRACE_ID}-${PARENT_ID}-ff`, TRACE_ID],
    // Optional whitespace around the field value.
    [` \t${VALID}\t `, TRACE_ID],
  ])('%p → %p', (traceparent, expected) => {
    expect(traceIdFrom(traceparent, 'fallback')).toBe(expected);
  });

  test.each([
    ['uppercase hex', VALID.toUpperCase()],
    ['an uppercase trace id', `00-${TRACE_ID.toUpperCase()}-${PARENT_ID}-01`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${PARENT_ID}-01`],
    ['an all-zero parent id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
    ['version ff', `ff-${TRACE_ID}-${PARENT_ID}-01`],
    ['version 00 with more after it', `${VALID}-extra`],
    ['version 00 with a character after it', `${VALID}x`],
    ['a short trace id', `00-${TRACE_ID.slice(1)}-${PARENT_ID}-01`],
    ['a long trace id', `00-${TRACE_ID}0-${PARENT_ID}-01`],
    ['a short parent id', `00-${TRACE_ID}-${PARENT_ID.slice(1)}-01`],
    ['one-digit flags', `00-${TRACE_ID}-${PARENT_ID}-1`],
    ['non-hex flags', `00-${TRACE_ID}-${PARENT_ID}-0g`],
    ['non-hex in the trace id', `00-${TRACE_ID.slice(0, 31)}g-${PARENT_ID}-01`],
    ['a one-digit version', `0-${TRACE_ID}-${PARENT_ID}-01`],
    ['a non-hex version', `0g-${TRACE_ID}-${PARENT_ID}-01`],
    ['underscores for dashes', VALID.replace(/-/g, '_')],
    ['two headers joined', `${VALID}, ${VALID}`],
    ['whitespace inside', VALID.replace('-', ' -')],
    ['a NUL byte', `${VALID}\u0000`],
    ['empty', ''],
    ['garbage', 'garbage'],
  ])('%s is invalid', (_, traceparent) => {
    expect(traceIdFrom(traceparent, undefined)).toBeUndefined();
    expect(traceIdFrom(traceparent, 'req-1')).toBe('req-1');
  });

  test('a later version is read as version 00 and may go on after a dash', () => {
    expect(traceIdFrom(`01-${TRACE_ID}-${PARENT_ID}-01`, undefined)).toBe(TRACE_ID);
    expect(traceIdFrom(`cc-${TRACE_ID}-${PARENT_ID}-01-what-the-future-will-be-like`, undefined)).toBe(TRACE_ID);
    expect(traceIdFrom(`fe-${TRACE_ID}-${PARENT_ID}-09-`, undefined)).toBe(TRACE_ID);
    // …but not without the dash, and not shorter, and still with valid ids.
    expect(traceIdFrom(`cc-${TRACE_ID}-${PARENT_ID}-01x`, undefined)).toBeUndefined();
    expect(traceIdFrom(`cc-${TRACE_ID}-${PARENT_ID}-0`, undefined)).toBeUndefined();
    expect(traceIdFrom(`cc-${'0'.repeat(32)}-${PARENT_ID}-01-x`, undefined)).toBeUndefined();
    expect(traceIdFrom(`cc-${TRACE_ID}-${PARENT_ID.toUpperCase()}-01`, undefined)).toBeUndefined();
  });

  test('a valid traceparent wins over the request id', () => {
    expect(traceIdFrom(VALID, 'req-1')).toBe(TRACE_ID);
  });

  test(`a traceparent longer than ${TRACE_ID_LIMITS.headerRead} characters is not looked at`, () => {
    expect(TRACE_ID_LIMITS.headerRead).toBe(512);
    const future = `cc-${TRACE_ID}-${PARENT_ID}-01-`;
    expect(traceIdFrom(future.padEnd(TRACE_ID_LIMITS.headerRead, 'x'), undefined)).toBe(TRACE_ID);
    expect(traceIdFrom(future.padEnd(TRACE_ID_LIMITS.headerRead + 1, 'x'), undefined)).toBeUndefined();
    // Padding with whitespace does not get around it.
    expect(traceIdFrom(VALID.padStart(TRACE_ID_LIMITS.headerRead + 1, ' '), 'req-1')).toBe('req-1');
  });
});

describe('traceIdFrom: request id', () => {
  test.each([
    ['req-1', 'req-1'],
    ['f47ac10b-58cc-4372-a567-0e02b2c3d479', 'f47ac10b-58cc-4372-a567-0e02b2c3d479'],
    ['  padded\t', 'padded'],
    ['with inner spaces', 'with inner spaces'],
    ['!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~', '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'],
  ])('%p → %p', (requestId, expected) => {
    expect(traceIdFrom(undefined, requestId)).toBe(expected);
    expect(traceIdFrom('not a traceparent', requestId)).toBe(expected);
  });

  test.each([
    ['empty', ''],
    ['only whitespace', ' \t '],
    ['CR LF (log or header injection)', 'req-1\r\nSet-Cookie: a=b'],
    ['a NUL byte', 'req\u00001'],
    ['DEL', 'req\u007f'],
    ['a tab inside', 'req\t1'],
    ['non-ASCII', 'réq-1'],
    ['an emoji', 'req-\u{1F600}'],
    ['a lone surrogate', 'req-\uD800'],
  ])('%s is refused', (_, requestId) => {
    expect(traceIdFrom(undefined, requestId)).toBeUndefined();
  });

  test(`at most ${TRACE_ID_LIMITS.maxRequestId} characters; a longer id is left out, not cut`, () => {
    expect(TRACE_ID_LIMITS.maxRequestId).toBe(200);
    const longest = 'r'.repeat(TRACE_ID_LIMITS.maxRequestId);
    expect(traceIdFrom(undefined, longest)).toBe(longest);
    expect(traceIdFrom(undefined, `${longest}r`)).toBeUndefined();
    // Surrounding whitespace does not count toward the limit…
    expect(traceIdFrom(undefined, `  ${longest}  `)).toBe(longest);
    // …but a value past headerRead is not looked at, whatever it holds.
    expect(traceIdFrom(undefined, `${longest}`.padEnd(TRACE_ID_LIMITS.headerRead + 1, ' '))).toBeUndefined();
  });

  test('values that are not strings give undefined', () => {
    for (const value of [null, 42, ['req-1'], { id: 'req-1' }]) {
      expect(traceIdFrom(value as unknown as string, value as unknown as string)).toBeUndefined();
    }
  });

  test('nothing at all gives undefined', () => {
    expect(traceIdFrom(undefined, undefined)).toBeUndefined();
  });
});

describe('traceIdFrom: bounded work', () => {
  test('10,000 hostile calls take well under a second', () => {
    const hostile: [string, string][] = [
      [VALID.repeat(200), 'x'.repeat(1_000_000)],
      [' '.repeat(1_000_000), '\u0000'.repeat(10_240)],
      [`cc-${TRACE_ID}-${PARENT_ID}-01-${'x'.repeat(400)}`, 'r'.repeat(201)],
      ['0'.repeat(10_240), ' '.repeat(511)],
      [`00-${'0'.repeat(32)}-${PARENT_ID}-01`, `${'r'.repeat(199)}\u0000`],
    ];
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) {
      const [traceparent, requestId] = hostile[i % hostile.length] as [string, string];
      traceIdFrom(traceparent, requestId);
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
