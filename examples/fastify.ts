// Fastify 5 with RFC 9457 problem responses. Run: npx ts-node examples/fastify.ts
// #region readme
import fastify, { type FastifyInstance } from 'fastify';
import { NotFoundException, TooManyRequestsException, UnprocessableContentException } from 'typed-http-exceptions';
import { problemDetailsErrorHandler, problemDetailsFrameworkErrors } from 'typed-http-exceptions/fastify';
// #endregion readme

const users = new Map([[1, { id: 1, name: 'Ada' }]]);

/** Builds the app (tests start it on port 0). */
export function createApp(options: { logger?: boolean } = {}): FastifyInstance {
  // #region readme
  // Errors Fastify raises before routing (a malformed URL such as /x/%zz) skip setErrorHandler:
  // frameworkErrors sends them as problems too, instead of plain JSON echoing the raw path.
  const app = fastify({ logger: options.logger ?? false, frameworkErrors: problemDetailsFrameworkErrors() });
  // Every error becomes application/problem+json: thrown exceptions, schema validation (400 with
  // `errors`), Fastify's own errors (415, 413, malformed JSON). A custom handler replaces Fastify's
  // error logging, so log in onError.
  app.setErrorHandler(problemDetailsErrorHandler({ onError: (error, request) => request.log.error({ err: error }, 'request failed') }));
  // Unmatched routes: Fastify's default 404 is plain JSON; a throwing not-found handler goes through the error handler.
  app.setNotFoundHandler((request) => {
    throw new NotFoundException(`No route for ${request.method} ${request.url.split('?')[0]}`);
  });
  // #endregion readme

  app.get<{ Params: { id: string } }>('/users/:id', async (request) => {
    const user = users.get(Number(request.params.id));
    if (!user) throw new NotFoundException(`No user ${request.params.id}`);
    return user;
  });

  app.get('/search', async () => {
    throw new TooManyRequestsException('Search is limited to 10 requests a minute', { retryAfter: 30 });
  });

  // #region readme
  const userSchema = { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1 } } } as const;
  app.post<{ Body: { name: string } }>('/users', { schema: { body: userSchema } }, async (request, reply) => {
    const { name } = request.body;
    if ([...users.values()].some((user) => user.name === name)) {
      throw new UnprocessableContentException('The user is not valid', { errors: [{ detail: 'is already taken', pointer: '#/name' }] });
    }
    const user = { id: users.size + 1, name };
    users.set(user.id, user);
    return reply.code(201).send(user);
  });
  // #endregion readme

  app.get('/boom', async () => {
    throw new Error('database password is hunter2'); // the client sees a plain 500, never this message
  });
  return app;
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  const app = createApp({ logger: true });
  app.listen({ port, host: '127.0.0.1' }).then(
    () => console.log(`Listening on http://127.0.0.1:${port}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
