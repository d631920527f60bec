import { createServer } from 'node:http';
import { NotFoundException } from '../../src/index.js';
import { sendProblem } from '../../src/adapters/node.js';
import { createApp as createExampleServer } from '../../examples/node.js';
import { close, listen, request } from '../helpers/http-client.js';
import { expectValidProblem } from '../helpers/problem-schema.js';

// What every adapter shares (statuses, thrown values, header policy, HEAD, onError, mapError,
// responses already started, options, HTTP/2) runs against node:http in tests/conformance/.

describe('typed-http-exceptions/node sendProblem: what is its own', () => {
  test('a response with no request behind it (res.req missing): no instance, onError gets undefined, the problem is still sent', async () => {
    const seen: unknown[] = [];
    const server = createServer((_req, res) => {
      // As a response built by hand or by a framework that does not link it to its request.
      Object.defineProperty(res, 'req', { value: undefined });
      sendProblem(res, new NotFoundException('No user 42'), { onError: (_error, req) => void seen.push(req) });
    });
    const base = await listen(server);
    try {
      const res = await request(`${base}/users/42`);
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42' });
      expectValidProblem(res.json);
      expect(seen).toEqual([undefined]);
    } finally {
      await close(server);
    }
  });
});

describe('examples/node.ts', () => {
  test('serves users and answers every failure with a problem', async () => {
    const errorLog = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const server = createExampleServer();
    const base = await listen(server);
    try {
      expect((await request(`${base}/users/1`)).json).toEqual({ id: 1, name: 'Ada' });
      expect((await request(`${base}/users/2`)).json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 2', instance: '/users/2' });
      const limited = await request(`${base}/search`);
      expect([limited.status, limited.headers['retry-after']]).toEqual([429, '30']);
      const invalid = await request(`${base}/users`, { method: 'POST', body: '{}' });
      expect(invalid.json).toMatchObject({ status: 422, errors: [{ detail: 'must be a non-empty string', pointer: '#/name' }] });
      const boom = await request(`${base}/boom`);
      expect(boom.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/boom' });
      expect(errorLog).toHaveBeenCalledWith('GET /boom', expect.objectContaining({ message: 'database password is hunter2' }));
      for (const res of [limited, invalid, boom]) expectValidProblem(res.json);
    } finally {
      errorLog.mockRestore();
      await close(server);
    }
  });
});
