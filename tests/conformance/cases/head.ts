import { TooManyRequestsException } from 'typed-http-exceptions';
import { fetchProblem, PROBLEM_JSON, UnmappableNotFound, type CaseGroup } from '../suite.js';

/** HEAD gets what GET would, except the body: status, headers, Content-Length of the body. */
export const head: CaseGroup = {
  name: 'HEAD',
  routes: [
    {
      method: 'GET',
      path: '/head/rate-limited',
      handler: () => {
        throw new TooManyRequestsException('Ünïcödé détail', { retryAfter: 30 });
      },
    },
    {
      method: 'GET',
      path: '/head/string',
      handler: async () => {
        await Promise.resolve();
        throw 'just a string';
      },
    },
    {
      method: 'GET',
      path: '/head/unmappable',
      handler: () => {
        throw new UnmappableNotFound('x');
      },
    },
  ],
  register(suite) {
    test.each([
      ['a typed exception with a header', '/head/rate-limited', 429],
      ['a thrown string', '/head/string', 500],
      ['an unmatched route', '/head/no/such/route', 404],
      ['a mapError that throws', '/head/unmappable', 500],
    ])('HEAD and %s: the status and headers of GET, its Content-Length, no body', async (_label, path, status) => {
      const get = await fetchProblem(`${suite.main.url}${path}`);
      const res = await fetchProblem(`${suite.main.url}${path}`, { method: 'HEAD' });
      expect(get.status).toBe(status);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toBe(PROBLEM_JSON);
      expect(res.headers['retry-after']).toBe(get.headers['retry-after']);
      // An unmatched route's detail may name the method ("Cannot GET /x"): HEAD's body would name HEAD.
      expect(res.headers['content-length']).toBe(String(Buffer.byteLength(get.text.replace(/\bGET\b/, 'HEAD'))));
      expect(res.text).toBe('');
    });
  },
};
