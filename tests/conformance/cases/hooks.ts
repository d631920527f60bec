import { NotFoundException } from 'typed-http-exceptions';
import { fetchProblem, internalError, settle, UnmappableNotFound, ValidationFailure, type CaseGroup } from '../suite.js';

const ORIGINAL = new Error('connection string postgres://admin:hunter2@db');

/** `onError` and `mapError`: what they see, and that their failures never reach the client. */
export const hooks: CaseGroup = {
  name: 'onError and mapError',
  routes: [
    {
      method: 'GET',
      path: '/hooks/unknown',
      handler: () => {
        throw ORIGINAL;
      },
    },
    {
      method: 'GET',
      path: '/hooks/not-found',
      handler: async () => {
        await Promise.resolve();
        throw new NotFoundException('No user 1');
      },
    },
    {
      method: 'GET',
      path: '/hooks/foreign',
      handler: () => {
        throw new ValidationFailure('age must be positive');
      },
    },
    {
      method: 'GET',
      path: '/hooks/unmappable',
      handler: () => {
        throw new UnmappableNotFound('No user 2');
      },
    },
  ],
  register(suite) {
    test('onError sees the original error, once, with the request it came from', async () => {
      const res = await fetchProblem(`${suite.main.url}/hooks/unknown?page=2`);
      expect(res.status).toBe(500);
      expect(suite.recorder.calls).toHaveLength(1);
      expect(suite.recorder.calls[0]?.error).toBe(ORIGINAL);
      expect(suite.driver.requestTarget(suite.recorder.calls[0]?.request)).toBe('/hooks/unknown?page=2');
    });

    test('an onError that throws does not change the response', async () => {
      suite.recorder.behaviour = 'throw';
      const res = await fetchProblem(`${suite.main.url}/hooks/not-found`);
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 1', instance: '/hooks/not-found' });
      expect(suite.recorder.calls).toHaveLength(1);
    });

    test('an async onError that rejects changes nothing and is no unhandled rejection', async () => {
      const unhandled = jest.fn();
      process.on('unhandledRejection', unhandled);
      try {
        suite.recorder.behaviour = 'reject';
        const res = await fetchProblem(`${suite.main.url}/hooks/not-found`);
        expect(res.status).toBe(404);
        expect(res.json).toMatchObject({ detail: 'No user 1' });
        await settle();
        expect(suite.recorder.calls).toHaveLength(1);
        expect(unhandled).not.toHaveBeenCalled();
      } finally {
        process.off('unhandledRejection', unhandled);
      }
    });

    test('mapError maps a foreign error first', async () => {
      const res = await fetchProblem(`${suite.main.url}/hooks/foreign`);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'age must be positive',
        instance: '/hooks/foreign',
        errors: [{ detail: 'age must be positive', pointer: '#/age' }],
      });
      // onError still gets the error as thrown, not the mapped one.
      expect(suite.recorder.calls[0]?.error).toBeInstanceOf(ValidationFailure);
    });

    test('a mapError that throws is contained: the client gets a bare 500', async () => {
      const res = await fetchProblem(`${suite.main.url}/hooks/unmappable`);
      expect(res.status).toBe(500);
      expect(res.json).toEqual(internalError('/hooks/unmappable'));
    });

    test('onError and mapError both throwing: still a bare 500, and the server keeps serving', async () => {
      suite.recorder.behaviour = 'throw';
      const res = await fetchProblem(`${suite.main.url}/hooks/unmappable`);
      expect(res.status).toBe(500);
      expect(res.json).toEqual(internalError('/hooks/unmappable'));
      expect((await fetchProblem(`${suite.main.url}/hooks/not-found`)).status).toBe(404);
    });
  },
};
