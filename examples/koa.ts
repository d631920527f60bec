// Koa (2 or 3) with RFC 9457 problem responses. Run: npx ts-node examples/koa.ts
import Koa from 'koa';
import { NotFoundException, TooManyRequestsException, UnprocessableEntityException } from 'typed-http-exceptions';
import { problemDetailsMiddleware } from 'typed-http-exceptions/koa';

export function createApp(): Koa {
  const app = new Koa();
  // First, so that it wraps every other middleware and route.
  app.use(problemDetailsMiddleware({ onError: (error, ctx) => console.error(`${ctx.method} ${ctx.path}`, error) }));

  app.use(async (ctx, next) => {
    const user = /^\/users\/([^/]+)$/.exec(ctx.path);
    if (ctx.method === 'GET' && user) throw new NotFoundException(`No user ${user[1]}`);
    if (ctx.method === 'GET' && ctx.path === '/search') throw new TooManyRequestsException('Slow down', { retryAfter: 30 });
    if (ctx.method === 'POST' && ctx.path === '/users') {
      throw new UnprocessableEntityException('The user is not valid', { errors: [{ detail: 'must be a positive integer', pointer: '#/age' }] });
    }
    if (ctx.path === '/boom') throw new Error('database password is hunter2'); // the client sees a plain 500
    await next(); // anything else: a 404 problem
  });
  return app;
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  createApp().listen(port, '127.0.0.1', () => console.log(`Koa listening on http://127.0.0.1:${port}`));
}
