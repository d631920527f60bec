import { HttpException, NotFoundException } from 'typed-http-exceptions';
import { CONFIGURED_OPTIONS, fetchProblem, internalError, type CaseGroup } from '../suite.js';

/** The serializer options every adapter passes on, and an adapter registered without options. */
export const options: CaseGroup = {
  name: 'options',
  routes: [
    {
      method: 'GET',
      path: '/options/debug',
      handler: () => {
        throw new Error('boom', { cause: new Error('root cause') });
      },
    },
    {
      method: 'GET',
      path: '/options/typed',
      handler: () => {
        throw new HttpException(409, 'Already shipped', { type: 'already-shipped' });
      },
    },
    {
      method: 'GET',
      path: '/options/not-found',
      handler: () => {
        throw new NotFoundException('No user 42');
      },
    },
  ],
  register(suite) {
    test(`instance, typeBaseUrl and debug (${JSON.stringify(CONFIGURED_OPTIONS)}) reach the serializer`, async () => {
      const debug = await fetchProblem(`${suite.configured.url}/options/debug`);
      const body = debug.json as Record<string, unknown>;
      expect(debug.status).toBe(500);
      expect(body).toMatchObject({ status: 500, detail: 'boom', instance: '/fixed' });
      expect(body['stack']).toEqual(expect.stringContaining('Error: boom'));
      expect(body['cause']).toEqual([expect.objectContaining({ message: 'root cause' })]);

      const typed = await fetchProblem(`${suite.configured.url}/options/typed`);
      expect(typed.status).toBe(409);
      expect(typed.json).toMatchObject({ type: 'https://example.com/problems/already-shipped', status: 409, detail: 'Already shipped', instance: '/fixed' });
    });

    test('without debug, neither stack nor cause is sent', async () => {
      const res = await fetchProblem(`${suite.main.url}/options/debug`);
      expect(res.json).toEqual(internalError('/options/debug'));
      expect(res.text).not.toContain('root cause');
    });

    test('registered without options: the same problems', async () => {
      const typed = await fetchProblem(`${suite.bare.url}/options/not-found?token=secret`);
      expect(typed.status).toBe(404);
      expect(typed.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/options/not-found' });
      const unknown = await fetchProblem(`${suite.bare.url}/options/debug`);
      expect(unknown.json).toEqual(internalError('/options/debug'));
      const unmatched = await fetchProblem(`${suite.bare.url}/options/a%20b`);
      expect(unmatched.status).toBe(404);
      expect(unmatched.json).toMatchObject({ status: 404, instance: '/options/a%20b' });
      const head = await fetchProblem(`${suite.bare.url}/options/not-found`, { method: 'HEAD' });
      expect([head.status, head.text, head.headers['content-length']]).toEqual([404, '', String(Buffer.byteLength(typed.text))]);
    });
  },
};
