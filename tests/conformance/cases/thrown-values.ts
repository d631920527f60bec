import type { ConformanceRoute, FalsyThrowHandling } from '../driver.js';
import { fetchProblem, internalError, type CaseGroup } from '../suite.js';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

/** Values that are not Errors. Falsy ones are where frameworks differ (see DriverCapabilities). */
const VALUES: ReadonlyArray<{ readonly name: string; readonly value: () => unknown; readonly falsy: boolean }> = [
  { name: 'null', value: () => null, falsy: true },
  { name: 'undefined', value: () => undefined, falsy: true },
  { name: 'zero', value: () => 0, falsy: true },
  { name: 'empty-string', value: () => '', falsy: true },
  { name: 'false', value: () => false, falsy: true },
  { name: 'string', value: () => 'just a string', falsy: false },
  { name: 'number', value: () => 42, falsy: false },
  { name: 'symbol', value: () => Symbol('thrown'), falsy: false },
  { name: 'plain-object', value: () => ({ message: 'plain object, not an error' }), falsy: false },
  // Looks like an http-errors error but is not an Error: not trusted with a status.
  { name: 'object-with-status', value: () => ({ status: 404, message: 'plain object, not an error', expose: true }), falsy: false },
  { name: 'object-with-status-code', value: () => ({ statusCode: 403, message: 'plain object, not an error' }), falsy: false },
  {
    name: 'object-with-throwing-getters',
    value: () => ({
      get status(): never {
        throw new Error('getter');
      },
      get message(): never {
        throw new Error('getter');
      },
    }),
    falsy: false,
  },
];

const MODES = ['sync', 'async'] as const;

const routes: ConformanceRoute[] = VALUES.flatMap(({ name, value }) => [
  {
    method: 'GET' as const,
    path: `/thrown/sync/${name}`,
    handler: (): never => {
      throw value();
    },
  },
  {
    method: 'GET' as const,
    path: `/thrown/async/${name}`,
    handler: async (): Promise<never> => {
      await tick();
      throw value();
    },
  },
]);

const explain: Record<FalsyThrowHandling, string> = {
  problem: 'a bare 500',
  'fall-through': 'no error to the framework: the request goes on to the unmatched-route 404',
};

/** Whatever is thrown becomes a safe problem, never a hang or a crash. */
export const thrownValues: CaseGroup = {
  name: 'values that are not Errors',
  routes,
  register(suite) {
    const { capabilities } = suite.driver;
    for (const mode of MODES) {
      const falsyHandling = mode === 'sync' ? capabilities.falsySyncThrow : capabilities.falsyRejection;
      for (const { name, falsy } of VALUES) {
        const handling: FalsyThrowHandling = falsy ? falsyHandling : 'problem';
        const thrown = mode === 'sync' ? 'thrown' : 'rejected with';
        test(`${name} ${thrown} (${mode}) is ${explain[handling]}`, async () => {
          const path = `/thrown/${mode}/${name}`;
          const res = await fetchProblem(`${suite.main.url}${path}?x=1`);
          if (handling === 'problem') {
            expect(res.status).toBe(500);
            expect(res.json).toEqual(internalError(path));
            // Whatever the framework made of the value, onError saw it once.
            expect(suite.recorder.calls).toHaveLength(1);
          } else {
            expect(res.status).toBe(404);
            expect(res.json).toMatchObject({ status: 404, title: 'Not Found', instance: path });
          }
          expect(res.text).not.toContain('plain object');
        });
      }
    }

    test('onError sees a thrown non-Error value as it was thrown', async () => {
      await fetchProblem(`${suite.main.url}/thrown/sync/plain-object`);
      expect(suite.recorder.calls).toHaveLength(1);
      expect(suite.recorder.calls[0]?.error).toEqual({ message: 'plain object, not an error' });
      await fetchProblem(`${suite.main.url}/thrown/async/string`);
      expect(suite.recorder.calls[1]?.error).toBe('just a string');
    });

    test('the server keeps serving after every kind of thrown value', async () => {
      for (const { name } of VALUES) await fetchProblem(`${suite.main.url}/thrown/sync/${name}`);
      const res = await fetchProblem(`${suite.main.url}/thrown/async/number`);
      expect(res.status).toBe(500);
    });
  },
};
