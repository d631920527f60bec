// NestJS (Express platform) with RFC 9457 problem responses. Run: npx ts-node examples/nestjs.ts
import { Body, Controller, ForbiddenException, Get, Module, Param, Post, type INestApplication } from '@nestjs/common';
// #region readme
import { NestFactory } from '@nestjs/core';
import { NotFoundException, TooManyRequestsException, UnprocessableContentException } from 'typed-http-exceptions';
import { ProblemDetailsFilter } from 'typed-http-exceptions/nestjs';
// #endregion readme

const users = new Map([[1, { id: 1, name: 'Ada' }]]);

@Controller()
class UsersController {
// #region readme
  @Get('users/:id')
  getUser(@Param('id') id: string) {
    const user = users.get(Number(id));
    if (!user) throw new NotFoundException(`No user ${id}`);
    return user;
  }
// #endregion readme

  @Get('search')
  search() {
    throw new TooManyRequestsException('Search is limited to 10 requests a minute', { retryAfter: 30 });
  }

  @Post('users')
  async createUser(@Body() body: unknown) {
    const name = typeof body === 'object' && body !== null ? (body as { name?: unknown }).name : undefined;
    if (typeof name !== 'string' || name === '') {
      throw new UnprocessableContentException('The user is not valid', { errors: [{ detail: 'must be a non-empty string', pointer: '#/name' }] });
    }
    const user = { id: users.size + 1, name };
    users.set(user.id, user);
    return user;
  }

  @Get('admin')
  admin() {
    throw new ForbiddenException('Admins only'); // Nest's own exceptions become problems too
  }

  @Get('boom')
  boom() {
    throw new Error('database password is hunter2'); // the client sees a plain 500, never this message
  }
}

@Module({ controllers: [UsersController] })
class AppModule {}

/** Builds the app, not listening yet (tests start it on port 0). */
export async function createApp(): Promise<INestApplication> {
// #region readme
  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  // Every error of every route (and unknown routes) becomes application/problem+json.
  app.useGlobalFilters(new ProblemDetailsFilter({ onError: (error) => console.error(error) }));
// #endregion readme
  return app;
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  void createApp().then(async (app) => {
    await app.listen(port, '127.0.0.1');
    console.log(`Listening on http://127.0.0.1:${port}`);
  });
}
