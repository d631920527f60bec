// Express 4 or 5 with RFC 9457 problem responses. Run: npx ts-node examples/express.ts
// #region readme
import express, { type Express } from 'express';
import { NotFoundException, TooManyRequestsException, UnprocessableContentException } from 'typed-http-exceptions';
import { problemDetailsHandler } from 'typed-http-exceptions/express';
// #endregion readme

const users = new Map([[1, { id: 1, name: 'Ada' }]]);

/** Builds the app (tests start it on port 0). */
export function createApp(): Express {
  const app = express();
  app.use(express.json());

  // #region readme
  app.get('/users/:id', (req, res) => {
    const user = users.get(Number(req.params['id']));
    if (!user) throw new NotFoundException(`No user ${req.params['id']}`);
    res.json(user);
  });
  // #endregion readme

  app.get('/search', () => {
    throw new TooManyRequestsException('Search is limited to 10 requests a minute', { retryAfter: 30 });
  });

  // Express 5 passes a rejected promise to the error handler; in Express 4 call next(error) instead.
  app.post('/users', async (req, res) => {
    const body: unknown = req.body;
    const name = typeof body === 'object' && body !== null ? (body as { name?: unknown }).name : undefined;
    if (typeof name !== 'string' || name === '') {
      throw new UnprocessableContentException('The user is not valid', { errors: [{ detail: 'must be a non-empty string', pointer: '#/name' }] });
    }
    const user = { id: users.size + 1, name };
    users.set(user.id, user);
    res.status(201).json(user);
  });

  app.get('/boom', () => {
    throw new Error('database password is hunter2'); // the client sees a plain 500, never this message
  });

  // #region readme
  // Unmatched routes become a problem+json 404 instead of Express's HTML page.
  app.use((req, _res, next) => next(new NotFoundException(`No route for ${req.method} ${req.path}`)));
  // Last: turns every error into application/problem+json.
  app.use(problemDetailsHandler({ onError: (error, req) => console.error(`${req.method} ${req.originalUrl}`, error) }));
  // #endregion readme
  return app;
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  createApp().listen(port, '127.0.0.1', () => console.log(`Listening on http://127.0.0.1:${port}`));
}
