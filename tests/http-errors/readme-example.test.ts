/**
 * The README's "http-errors drop-in" example, run as written (an Express app on a real server).
 */
import { createServer } from 'node:http';
import express from 'express';
import { close, listen, request } from '../helpers/http-client.js';

// #region readme
// Before: import createError from 'http-errors';
import createError from 'typed-http-exceptions/http-errors';
import { NotFoundException } from 'typed-http-exceptions';
import { problemDetailsHandler } from 'typed-http-exceptions/express';

const app = express();
app.get('/users/:id', (req) => {
  throw createError(404, `No user ${req.params.id}`, { userId: req.params.id });
});
app.use(problemDetailsHandler());

const err = createError(404, 'No user 42');
err instanceof NotFoundException; // true: one of this library's exceptions
err instanceof createError.NotFound; // true, as with http-errors
err.name; // 'NotFoundError', as with http-errors
// #endregion readme

test('the README example behaves as its comments say', async () => {
  expect(err instanceof NotFoundException).toBe(true);
  expect(err instanceof createError.NotFound).toBe(true);
  expect(err.name).toBe('NotFoundError');
  const server = createServer(app);
  const base = await listen(server);
  try {
    const response = await request(`${base}/users/42`);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/users/42' });
  } finally {
    await close(server);
  }
});
