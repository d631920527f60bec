import { fetchProblem, type CaseGroup } from '../suite.js';

const LATE = new Error('failed half way');

/**
 * A response that has started (status and a first chunk sent) can no longer become a problem:
 * it is never written twice, the connection is closed at once (the client is not left
 * waiting), `onError` still sees the error and the server keeps serving.
 */
export const startedResponse: CaseGroup = {
  name: 'a response already started',
  routes: [
    {
      method: 'GET',
      path: '/started/sync',
      startResponse: true,
      handler: () => {
        throw LATE;
      },
    },
    {
      method: 'GET',
      path: '/started/async',
      startResponse: true,
      handler: async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        throw LATE;
      },
    },
    {
      method: 'GET',
      path: '/started/healthy',
      handler: () => {
        throw new Error('x');
      },
    },
  ],
  register(suite) {
    if (!suite.driver.capabilities.startedResponse) return;

    test.each(['sync', 'async'])('%s: not written twice, the connection is closed at once, onError sees the error', async (mode) => {
      const started = Date.now();
      await expect(fetchProblem(`${suite.main.url}/started/${mode}`, { timeoutMs: 3000 })).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(suite.recorder.calls).toHaveLength(1);
      expect(suite.recorder.calls[0]?.error).toBe(LATE);
      expect((await fetchProblem(`${suite.main.url}/started/healthy`)).status).toBe(500);
    });

    test('an onError that throws there does not crash anything: the connection is still closed', async () => {
      suite.recorder.behaviour = 'throw';
      await expect(fetchProblem(`${suite.main.url}/started/sync`, { timeoutMs: 3000 })).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
      expect(suite.recorder.calls).toHaveLength(1);
      expect((await fetchProblem(`${suite.main.url}/started/healthy`)).status).toBe(500);
    });

    test('without options too', async () => {
      await expect(fetchProblem(`${suite.bare.url}/started/async`, { timeoutMs: 3000 })).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
      expect((await fetchProblem(`${suite.bare.url}/started/healthy`)).status).toBe(500);
    });
  },
};
