import { InternalServerErrorException, NotFoundException, TooManyRequestsException } from 'typed-http-exceptions';
import { de, fr } from 'typed-http-exceptions/messages';
import { request } from '../../helpers/http-client.js';
import { expectValidProblem } from '../../helpers/problem-schema.js';
import type { StartedServer } from '../driver.js';
import type { CaseGroup } from '../suite.js';
import { byteLength, PROBLEM_JSON } from '../suite.js';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const varyOf = (headers: Record<string, unknown>): string[] =>
  String(headers['vary'] ?? '')
    .split(',')
    .map((field) => field.trim().toLowerCase())
    .filter((field) => field !== '');

/**
 * Negotiation, languages and correlation on every adapter: the adapter passes the request's
 * `Accept`, `Accept-Language`, `traceparent` and `x-request-id` to the serializer by itself.
 */
export const negotiation: CaseGroup = {
  name: 'negotiation, languages, correlation',
  routes: [
    {
      method: 'GET',
      path: '/negotiation/not-found',
      handler: () => {
        throw new NotFoundException('No user 42');
      },
    },
    {
      method: 'GET',
      path: '/negotiation/rate-limited',
      handler: async () => {
        await Promise.resolve();
        throw new TooManyRequestsException('Slow down', { retryAfter: 30 });
      },
    },
    {
      method: 'GET',
      path: '/negotiation/secret',
      handler: () => {
        throw new InternalServerErrorException('db password hunter2');
      },
    },
    {
      method: 'GET',
      path: '/negotiation/cors',
      setHeaders: { vary: 'Origin' },
      handler: () => {
        throw new NotFoundException('x');
      },
    },
  ],
  register(suite) {
    let localized: StartedServer;
    let fixed: StartedServer;
    beforeAll(async () => {
      localized = await suite.start({ options: { messages: { de, fr }, defaultLocale: 'fr', traceId: true } });
      fixed = await suite.start({ options: { negotiate: false, traceId: () => 'from-a-function' } });
    });

    test('no Accept: problem+json, and no Vary: Accept', async () => {
      const res = await request(`${suite.main.url}/negotiation/not-found`);
      expect(res.headers['content-type']).toBe(PROBLEM_JSON);
      expect(varyOf(res.headers)).not.toContain('accept');
    });

    test.each([
      ['*/*', PROBLEM_JSON],
      ['application/problem+json', PROBLEM_JSON],
      ['application/json', 'application/json'],
      ['text/html, application/json;q=0.9', 'application/json'],
      ['image/png', PROBLEM_JSON],
    ])('Accept %j: %s, Vary: Accept, the same problem', async (accept, mediaType) => {
      const res = await request(`${suite.main.url}/negotiation/rate-limited`, { headers: { accept } });
      expect(res.status).toBe(429);
      expect(res.headers['content-type']).toBe(mediaType);
      expect(res.headers['retry-after']).toBe('30');
      expect(varyOf(res.headers)).toContain('accept');
      expectValidProblem(res.json);
      expect(res.json).toMatchObject({ status: 429, detail: 'Slow down' });
    });

    test('Accept: application/xml gets the RFC 9457 Appendix B XML body; HEAD its headers only', async () => {
      const res = await request(`${suite.main.url}/negotiation/not-found`, { headers: { accept: 'application/xml' } });
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/problem+xml');
      expect(res.text).toMatch(/<problem xmlns="urn:ietf:rfc:7807">/);
      expect(res.text).toContain('<detail>No user 42</detail>');
      expect(res.text).toContain('<status>404</status>');
      const head = await request(`${suite.main.url}/negotiation/not-found`, { method: 'HEAD', headers: { accept: 'application/xml' } });
      expect(head.headers['content-type']).toBe('application/problem+xml');
      expect(head.headers['content-length']).toBe(byteLength(res.text));
      expect(head.text).toBe('');
    });

    if (suite.driver.capabilities.presetHeaders) {
      test('a Vary set before the error (CORS: Origin) is kept beside Accept', async () => {
        const res = await request(`${suite.main.url}/negotiation/cors`, { headers: { accept: 'application/json' } });
        expect(varyOf(res.headers)).toEqual(expect.arrayContaining(['origin', 'accept']));
      });
    }

    test('Accept-Language picks the language of messages; Content-Language and Vary say so', async () => {
      const german = await request(`${localized.url}/negotiation/not-found`, { headers: { 'accept-language': 'de-AT, en;q=0.5' } });
      expect(german.json).toMatchObject({ title: 'Nicht gefunden', status: 404, detail: 'No user 42' });
      expect(german.headers['content-language']).toBe('de');
      expect(varyOf(german.headers)).toContain('accept-language');
      const fallback = await request(`${localized.url}/negotiation/not-found`, { headers: { 'accept-language': 'sv' } });
      expect(fallback.json).toMatchObject({ title: fr['404'].title });
      expect(fallback.headers['content-language']).toBe('fr');
    });

    test('a translated 500 still shows nothing of the error', async () => {
      const res = await request(`${localized.url}/negotiation/secret`, { headers: { 'accept-language': 'de' } });
      expect(res.status).toBe(500);
      expect(res.json).toMatchObject({ title: de['500'].title });
      expect(res.text).not.toContain('hunter2');
    });

    test('traceId: the trace id of a valid traceparent, else x-request-id; garbage is not sent', async () => {
      const traced = await request(`${localized.url}/negotiation/not-found`, { headers: { traceparent: TRACEPARENT, 'x-request-id': 'req-7' } });
      expect(traced.json).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
      const requestId = await request(`${localized.url}/negotiation/not-found`, { headers: { traceparent: 'garbage', 'x-request-id': 'req-7' } });
      expect(requestId.json).toMatchObject({ traceId: 'req-7' });
      const bad = await request(`${localized.url}/negotiation/not-found`, { headers: { 'x-request-id': 'a'.repeat(500) } });
      // Too long to be an id: the framework's own request id, if it has one, or nothing.
      expect((bad.json as Record<string, unknown>)['traceId']).not.toBe('a'.repeat(500));
    });

    test(`no header with an id: ${suite.driver.capabilities.frameworkRequestId === true ? "the framework's own request id" : 'no traceId'}`, async () => {
      const res = await request(`${localized.url}/negotiation/not-found`);
      const traceId = (res.json as Record<string, unknown>)['traceId'];
      if (suite.driver.capabilities.frameworkRequestId === true) {
        expect(typeof traceId).toBe('string');
        expect(traceId).not.toBe('');
      } else {
        expect(traceId).toBeUndefined();
      }
    });

    test('negotiate: false always sends problem+json without Vary: Accept; a traceId function gives the id', async () => {
      const res = await request(`${fixed.url}/negotiation/not-found`, { headers: { accept: 'application/xml', traceparent: TRACEPARENT } });
      expect(res.headers['content-type']).toBe(PROBLEM_JSON);
      expect(varyOf(res.headers)).not.toContain('accept');
      expect(res.json).toMatchObject({ status: 404, detail: 'No user 42', traceId: 'from-a-function' });
    });

    test('hostile Accept and Accept-Language values (10 KB, hundreds of ranges) still get a valid problem', async () => {
      const accept = Array.from({ length: 400 }, (_, i) => `x${i}/y;q=0.${i % 10}`).join(',').slice(0, 10_000);
      const acceptLanguage = `${'zz-'.repeat(3000)}de;q=abc, ;;;, *;q=2`;
      const res = await request(`${localized.url}/negotiation/rate-limited`, { headers: { accept, 'accept-language': acceptLanguage } });
      expect(res.status).toBe(429);
      expect(res.headers['content-type']).toBe(PROBLEM_JSON);
      expectValidProblem(res.json);
    });
  },
};
