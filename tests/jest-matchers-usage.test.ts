/**
 * The Jest matchers used the way a user would: imported by package name, registered with
 * `expect.extend` (normally in a `setupFilesAfterEnv` file, see examples/jest-setup.ts; this
 * repo's jest.config.ts has none, so it is done here), then used on a small service and a
 * real node:http server. The last test uses `expect` from '@jest/globals', whose types come
 * from the `expect` package rather than @types/jest.
 */
import { expect as globalsExpect } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ConflictException,
  NotFoundException,
  TooManyRequestsException,
  UnprocessableContentException,
  toProblemResponse,
} from 'typed-http-exceptions';
import { matchers } from 'typed-http-exceptions/jest';
import { sendProblem } from 'typed-http-exceptions/node';

expect.extend(matchers);

// --- the code under test --------------------------------------------------------------

const users = new Map([[1, { id: 1, email: 'ada@example.com' }]]);
let searchesThisMinute = 0;

function getUser(id: number) {
  const user = users.get(id);
  if (user === undefined) throw new NotFoundException(`No user with id ${id}`);
  return user;
}

async function createUser(email: string) {
  await Promise.resolve();
  if (!email.includes('@')) {
    throw new UnprocessableContentException('1 field is invalid', { errors: [{ detail: 'must be an email address', pointer: '#/email' }] });
  }
  if ([...users.values()].some((user) => user.email === email)) throw new ConflictException(`${email} is taken`);
  return { id: users.size + 1, email };
}

function search() {
  searchesThisMinute += 1;
  if (searchesThisMinute > 1) throw new TooManyRequestsException('Search is limited to 1 request a minute', { retryAfter: 60 });
  return [];
}

// --- the tests ------------------------------------------------------------------------

test('a route that throws', () => {
  // #region jest
  expect(() => getUser(1)).not.toThrowHttpException();
  expect(() => getUser(42)).toThrowHttpException(NotFoundException);
  expect(() => getUser(42)).toThrowHttpException(404, { detail: /id 42/ });
  // #endregion jest
});

test('an async route that rejects', async () => {
  // #region jest
  await expect(createUser('not-an-email')).rejects.toThrowHttpException(422, {
    extensions: { errors: [expect.objectContaining({ pointer: '#/email' })] },
  });
  // #endregion jest
  await expect(createUser('ada@example.com')).rejects.toThrowHttpException(ConflictException, { detail: 'ada@example.com is taken' });
});

test('headers the exception asks for', () => {
  search();
  expect(() => search()).toThrowHttpException(TooManyRequestsException, { headers: { 'Retry-After': '60' } });
});

test('the problem response an error handler sends', () => {
  let response;
  try {
    getUser(42);
  } catch (error) {
    response = toProblemResponse(error, { instance: '/users/42' });
  }
  expect(response).toBeProblemDetails({ status: 404, title: 'Not Found', instance: '/users/42' });
});

describe('over HTTP', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      try {
        const id = Number(/^\/users\/(\d+)$/.exec(req.url ?? '')?.[1]);
        res.setHeader('content-type', 'application/json').end(JSON.stringify(getUser(id)));
      } catch (error) {
        sendProblem(res, error);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test('a fetch response, read first', async () => {
    // #region jest
    const res = await fetch(`${baseUrl}/users/42`);
    expect({ status: res.status, headers: res.headers, body: await res.text() }).toBeProblemDetails({
      status: 404,
      detail: 'No user with id 42',
      instance: '/users/42',
    });
    // #endregion jest
  });

  test('a success is not problem details', async () => {
    const res = await fetch(`${baseUrl}/users/1`);
    expect({ status: res.status, headers: res.headers, body: await res.text() }).not.toBeProblemDetails();
  });
});

test("with @jest/globals' expect", async () => {
  globalsExpect(() => getUser(42)).toThrowHttpException(NotFoundException, { detail: expect.stringContaining('42') });
  await globalsExpect(createUser('x')).rejects.toThrowHttpException(422);
  globalsExpect(new NotFoundException('x').toJSON()).toBeProblemDetails({ status: 404 });
  globalsExpect({ problem: new NotFoundException('x').toJSON() }).toEqual({ problem: globalsExpect.toBeProblemDetails({ detail: 'x' }) });
});
