import { NotFoundException, UnauthorizedException, UpgradeRequiredException } from 'typed-http-exceptions';
import type { StartedServer } from '../driver.js';
import { byteLength, fetchProblemHttp2, PROBLEM_JSON, type CaseGroup } from '../suite.js';

/**
 * Over HTTP/2 (h2c), connection-specific headers (RFC 9113 §8.2.2) are never sent: Node
 * refuses them there, so sending one would break the response. Only for drivers whose
 * `capabilities.http2` is true.
 */
export const http2: CaseGroup = {
  name: 'HTTP/2',
  routes: [
    {
      method: 'GET',
      path: '/http2/upgrade',
      handler: () => {
        throw new UpgradeRequiredException('Use TLS', { upgrade: 'TLS/1.3', headers: { connection: 'close', 'keep-alive': 'timeout=5', 'proxy-connection': 'close', 'x-kept': 'yes' } });
      },
    },
    {
      method: 'GET',
      path: '/http2/not-found',
      handler: async () => {
        await Promise.resolve();
        throw new NotFoundException('No user 42');
      },
    },
    {
      method: 'GET',
      path: '/http2/set-cookie',
      handler: () => {
        throw new UnauthorizedException('Log in again', { headers: { 'set-cookie': ['a=1', 'b=2'] } });
      },
    },
  ],
  register(suite) {
    const { capabilities } = suite.driver;
    if (!capabilities.http2) return;
    let h2: StartedServer;
    beforeAll(async () => {
      h2 = await suite.start({ options: { onError: suite.recorder.onError }, http2: true });
    });

    test('426: Upgrade, Connection and Keep-Alive are dropped, other headers and the body are sent', async () => {
      const res = await fetchProblemHttp2(h2.url, '/http2/upgrade?x=1');
      expect(res.status).toBe(426);
      expect(res.headers['content-type']).toBe(PROBLEM_JSON);
      for (const name of ['upgrade', 'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding']) expect(res.headers[name]).toBeUndefined();
      expect(res.headers['x-kept']).toBe('yes');
      expect(res.json).toEqual({ type: 'about:blank', title: 'Upgrade Required', status: 426, detail: 'Use TLS', instance: '/http2/upgrade' });
      expect(res.headers['content-length']).toBe(byteLength(res.text));
      expect(suite.recorder.calls).toHaveLength(1);
    });

    test('a typed exception, an unmatched route and set-cookie lines, over HTTP/2', async () => {
      const typed = await fetchProblemHttp2(h2.url, '/http2/not-found');
      expect(typed.status).toBe(404);
      expect(typed.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/http2/not-found' });
      const unmatched = await fetchProblemHttp2(h2.url, '/http2/nowhere?token=secret');
      expect(unmatched.status).toBe(404);
      expect(unmatched.json).toMatchObject({ status: 404, instance: '/http2/nowhere' });
      const cookies = await fetchProblemHttp2(h2.url, '/http2/set-cookie');
      expect(cookies.status).toBe(401);
      expect(cookies.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    });

    if (capabilities.http2Head) {
      test('HEAD over HTTP/2: status, headers and Content-Length of the body, no body', async () => {
        const get = await fetchProblemHttp2(h2.url, '/http2/upgrade');
        const res = await fetchProblemHttp2(h2.url, '/http2/upgrade', { method: 'HEAD' });
        expect(res.status).toBe(426);
        expect(res.headers['upgrade']).toBeUndefined();
        expect(res.headers['content-type']).toBe(PROBLEM_JSON);
        expect(res.headers['content-length']).toBe(byteLength(get.text));
        expect(res.text).toBe('');
      });
    }

    test('the server is still healthy afterwards', async () => {
      expect((await fetchProblemHttp2(h2.url, '/http2/upgrade')).status).toBe(426);
    });
  },
};
