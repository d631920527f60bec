/**
 * Negotiation, languages and correlation as stages of the serializer: `accept`,
 * `acceptLanguage` with `messages` and `defaultLocale`, and `traceId`. The adapters pass the
 * request's headers (tests/conformance/cases/negotiation.ts runs the same over real HTTP).
 */
import {
  ForbiddenException,
  HttpException,
  InternalServerErrorException,
  NotFoundException,
  toProblemDetails,
  toProblemResponse,
  TooManyRequestsException,
} from 'typed-http-exceptions';
import { de, fr, ja } from 'typed-http-exceptions/messages';

describe('media types', () => {
  test('no accept option: problem+json and no Vary (what toProblemResponse always did)', () => {
    const response = toProblemResponse(new NotFoundException('x'));
    expect(response.headers).toEqual({ 'content-type': 'application/problem+json' });
  });

  test.each([
    ['*/*', 'application/problem+json'],
    ['application/problem+json', 'application/problem+json'],
    ['application/json', 'application/json'],
    ['application/json, application/problem+json', 'application/problem+json'],
    ['application/problem+json;q=0, application/json', 'application/json'],
    ['application/xml', 'application/problem+xml'],
    ['application/problem+xml, application/json;q=0.9', 'application/problem+xml'],
    ['text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8', 'application/problem+xml'],
    ['image/png', 'application/problem+json'],
    ['', 'application/problem+json'],
  ])('Accept %j → %s, with Vary: Accept', (accept, mediaType) => {
    const response = toProblemResponse(new TooManyRequestsException('Slow down', { retryAfter: 5 }), { accept });
    expect(response.headers['content-type']).toBe(mediaType);
    expect(response.headers['vary']).toBe('Accept');
    expect(response.headers['retry-after']).toBe('5');
    if (mediaType === 'application/problem+xml') {
      expect(response.body).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\s*<problem xmlns="urn:ietf:rfc:7807">/);
      expect(response.body).toContain('<status>429</status>');
      expect(response.body).toContain('<detail>Slow down</detail>');
    } else {
      expect(JSON.parse(response.body)).toEqual(response.problem);
    }
  });

  test('XML: extension members as elements, arrays as repeated elements, text escaped', () => {
    const error = new HttpException(422, 'a < b & "c"', { extensions: { errors: [{ detail: 'x', pointer: '#/a' }, { detail: 'y', pointer: '#/b' }], balance: 30 } });
    const { body } = toProblemResponse(error, { accept: 'application/problem+xml' });
    expect(body).toContain('<detail>a &lt; b &amp; "c"</detail>');
    expect(body).toContain('<balance>30</balance>');
    expect(body.match(/<i>/g)).toHaveLength(2);
    expect(body).toContain('<pointer>#/a</pointer>');
  });

  test("the error's own Vary is kept and extended", () => {
    const error = new NotFoundException('x', { headers: { vary: 'Origin' } });
    expect(toProblemResponse(error, { accept: 'application/json' }).headers['vary']).toBe('Origin, Accept');
    const star = new NotFoundException('x', { headers: { vary: '*' } });
    expect(toProblemResponse(star, { accept: 'application/json' }).headers['vary']).toBe('*');
  });

  test('a hostile Accept (10 KB, hundreds of ranges, malformed q-values) still gives a valid response', () => {
    const hostile = [
      'a'.repeat(10_000),
      Array.from({ length: 500 }, (_, i) => `type${i}/sub${i};q=0.${i % 10}`).join(', '),
      'application/json;q=abc, application/xml;q=1.5, */*;q=-1, ;;;;, \u0000',
      `${'application/json;'.repeat(2000)}`,
    ];
    const started = process.hrtime.bigint();
    for (let i = 0; i < 2000; i++) {
      for (const accept of hostile) {
        const response = toProblemResponse(new NotFoundException('x'), { accept });
        expect(['application/problem+json', 'application/json', 'application/problem+xml']).toContain(response.headers['content-type']);
      }
    }
    // 8,000 responses; bounded work makes this milliseconds per thousand, not seconds.
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(5);
  });
});

describe('languages', () => {
  test('Accept-Language picks the catalog by RFC 4647 lookup; Content-Language and Vary say so', () => {
    const response = toProblemResponse(new NotFoundException(), { messages: { de, fr }, acceptLanguage: 'de-CH, fr;q=0.5' });
    expect(response.problem.title).toBe('Nicht gefunden');
    expect(response.headers['content-language']).toBe('de');
    expect(response.headers['vary']).toBe('Accept-Language');
  });

  test('no match: defaultLocale; no defaultLocale: untranslated, no Content-Language, still Vary', () => {
    expect(toProblemDetails(new NotFoundException(), { messages: { de, ja }, acceptLanguage: 'sv', defaultLocale: 'ja' }).title).toBe(ja['404'].title);
    const response = toProblemResponse(new NotFoundException(), { messages: { de }, acceptLanguage: 'sv' });
    expect(response.problem.title).toBe('Not Found');
    expect(response.headers['content-language']).toBeUndefined();
    expect(response.headers['vary']).toBe('Accept-Language');
  });

  test('a status entry replaces only the default title; a code or type entry replaces a custom one', () => {
    const custom = new ForbiddenException('x', { title: 'Out of credit', type: 'https://example.com/out-of-credit', extensions: { code: 'out-of-credit', balance: 30 } });
    expect(toProblemDetails(custom, { messages: { de }, acceptLanguage: 'de' }).title).toBe('Out of credit');
    const byCode = toProblemDetails(custom, {
      messages: { de: { ...de, 'out-of-credit': { title: 'Guthaben aufgebraucht', detail: 'Ihr Guthaben beträgt {balance} Euro.' } } },
      acceptLanguage: 'de',
    });
    expect(byCode).toMatchObject({ title: 'Guthaben aufgebraucht', detail: 'Ihr Guthaben beträgt 30 Euro.', code: 'out-of-credit' });
    const byType = toProblemDetails(custom, { messages: { fr: { 'https://example.com/out-of-credit': { title: 'Crédit épuisé' } } }, acceptLanguage: 'fr' });
    expect(byType.title).toBe('Crédit épuisé');
  });

  test("an unexposed message never reaches the client; the catalog's own detail may", () => {
    const secret = new InternalServerErrorException('db password hunter2');
    const plain = toProblemResponse(secret, { messages: { de }, acceptLanguage: 'de' });
    expect(plain.body).not.toContain('hunter2');
    expect(plain.problem.title).toBe(de['500'].title);
    const templated = toProblemResponse(secret, { messages: { de: { '500': { detail: 'Bitte später erneut versuchen ({detail}).' } } }, acceptLanguage: 'de' });
    expect(templated.body).not.toContain('hunter2');
    expect(templated.problem.detail).toBe('Bitte später erneut versuchen ({detail}).');
  });

  test('hostile messages and Accept-Language do not break the response', () => {
    const trap = new Proxy({}, { ownKeys: () => { throw new Error('trap'); }, get: () => { throw new Error('trap'); } });
    for (const messages of [trap, { de: trap }, { de: { '404': trap } }, { de: { '404': { title: 5 } } }, { __proto__: { de } }]) {
      const response = toProblemResponse(new NotFoundException(), { messages: messages as never, acceptLanguage: 'de' });
      expect(response.status).toBe(404);
      expect(response.problem.title).toBe('Not Found');
    }
    const long = toProblemResponse(new NotFoundException(), { messages: { de }, acceptLanguage: `${'x-'.repeat(5000)}de` });
    expect(long.status).toBe(404);
  });
});

describe('correlation', () => {
  test('traceId is sent as the traceId member, bounded; one the exception has is kept', () => {
    expect(toProblemDetails(new NotFoundException(), { traceId: '4bf92f3577b34da6a3ce929d0e0e4736' })['traceId']).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect((toProblemDetails(new NotFoundException(), { traceId: 'x'.repeat(10_000) })['traceId'] as string).length).toBeLessThanOrEqual(256);
    const own = new NotFoundException('x', { extensions: { traceId: 'from-the-exception' } });
    expect(toProblemDetails(own, { traceId: 'from-the-request' })['traceId']).toBe('from-the-exception');
  });
});
