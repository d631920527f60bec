import { createServer, type Server } from 'node:http';
import { z } from 'zod';
import {
  defineProblemType,
  ForbiddenException,
  fromProblemDetails,
  fromResponse,
  HttpException,
  LockedException,
  ServiceUnavailableException,
  toProblemDetails,
  toProblemResponse,
  TooManyRequestsException,
} from 'typed-http-exceptions';
import { close, listen } from '../helpers/http-client.js';

const OutOfCredit = defineProblemType({
  type: 'https://example.com/problems/out-of-credit',
  status: 403,
  title: 'You do not have enough credit',
  code: 'OUT_OF_CREDIT',
  extensions: z.object({ balance: z.number(), accounts: z.array(z.string()) }),
});
const AccountFrozen = defineProblemType<{ until: string }>({ type: 'https://example.com/problems/frozen', status: 423, title: 'Account frozen' });
const RateLimited = defineProblemType({
  type: 'https://example.com/problems/rate-limited',
  status: 429,
  title: 'Too many orders',
  code: 'RATE_LIMITED',
  extensions: z.strictObject({ limit: z.number() }),
});
const types = [OutOfCredit, AccountFrozen, RateLimited] as const;

const wire = (error: HttpException): unknown => JSON.parse(toProblemResponse(error).body);

describe('fromProblemDetails(body, { types })', () => {
  test('a body of a listed problem type comes back as that class, with every member', () => {
    const sent = new OutOfCredit('Balance 30, cost 50', { instance: '/account/1/msgs/abc', extensions: { balance: 30, accounts: ['/account/1'] } });
    const revived = fromProblemDetails(wire(sent), { types });
    expect(revived).toBeInstanceOf(OutOfCredit);
    expect(revived).toBeInstanceOf(ForbiddenException);
    if (!(revived instanceof OutOfCredit)) throw new Error('expected an OutOfCredit');
    expect(revived.extensions.balance).toBe(30);
    expect(revived.code).toBe('OUT_OF_CREDIT');
    expect(revived).toMatchObject({ status: 403, type: sent.type, title: sent.title, detail: 'Balance 30, cost 50', instance: '/account/1/msgs/abc' });
    expect(revived.extensions).toEqual(sent.extensions);
    expect(toProblemDetails(revived)).toEqual(toProblemDetails(sent));
  });

  test('the matching type picks the class among several; a type argument problem type revives too', () => {
    const frozen = fromProblemDetails(wire(new AccountFrozen('until June', { extensions: { until: '2030-06-01' } })), { types });
    expect(frozen).toBeInstanceOf(AccountFrozen);
    expect(frozen).toBeInstanceOf(LockedException);
    expect(frozen).not.toBeInstanceOf(OutOfCredit);
    expect(frozen.extensions).toEqual({ until: '2030-06-01' });
  });

  test('an unknown type, or none given, falls back to the status class and keeps the body', () => {
    const body = { type: 'https://example.com/problems/unknown', title: 'Unknown', status: 403, detail: 'x', code: 'OTHER' };
    const unknown = fromProblemDetails(body, { types });
    expect(unknown).toBeInstanceOf(ForbiddenException);
    expect(unknown).not.toBeInstanceOf(OutOfCredit);
    expect(unknown).toMatchObject({ type: body.type, title: 'Unknown', extensions: { code: 'OTHER' } });
    const outOfCredit = wire(new OutOfCredit('x', { extensions: { balance: 1, accounts: [] } }));
    expect(fromProblemDetails(outOfCredit)).not.toBeInstanceOf(OutOfCredit);
    expect(fromProblemDetails(outOfCredit, { types: [] })).not.toBeInstanceOf(OutOfCredit);
    expect(fromProblemDetails(outOfCredit, { types: [AccountFrozen] })).toBeInstanceOf(ForbiddenException);
  });

  test('the type with another status, or extension values the schema refuses, fall back to the status class', () => {
    const otherStatus = { type: OutOfCredit.type, title: OutOfCredit.title, status: 402, balance: 1, accounts: [] };
    expect(fromProblemDetails(otherStatus, { types })).not.toBeInstanceOf(OutOfCredit);
    expect(fromProblemDetails(otherStatus, { types }).status).toBe(402);
    const wrongValue = { type: OutOfCredit.type, title: OutOfCredit.title, status: 403, balance: 'thirty', accounts: [] };
    const fallback = fromProblemDetails(wrongValue, { types });
    expect(fallback).toBeInstanceOf(ForbiddenException);
    expect(fallback).not.toBeInstanceOf(OutOfCredit);
    expect(fallback.extensions).toEqual({ balance: 'thirty', accounts: [] });
    // A strict schema refuses members it does not know: that body is the status's problem too.
    const extra = { type: RateLimited.type, title: RateLimited.title, status: 429, code: 'RATE_LIMITED', limit: 10, traceId: 't-1' };
    const strict = fromProblemDetails(extra, { types });
    expect(strict).toBeInstanceOf(TooManyRequestsException);
    expect(strict).not.toBeInstanceOf(RateLimited);
    const { traceId: _traceId, ...known } = extra;
    expect(fromProblemDetails(known, { types })).toBeInstanceOf(RateLimited);
  });

  test('members the schema does not know stay on the revived instance; the body title is kept; code is the class’s', () => {
    const body = { type: OutOfCredit.type, title: 'Pas assez de crédit', status: 403, code: 'SOMETHING', balance: 1, accounts: [], traceId: 'abc' };
    const revived = fromProblemDetails(body, { types });
    expect(revived).toBeInstanceOf(OutOfCredit);
    expect(revived.title).toBe('Pas assez de crédit');
    expect(revived.extensions).toEqual({ code: 'OUT_OF_CREDIT', balance: 1, accounts: [], traceId: 'abc' });
  });

  test('a revived 5xx problem type keeps its detail private when thrown on', () => {
    const Upstream = defineProblemType({ type: 'https://example.com/problems/upstream', status: 503, title: 'Upstream down' });
    const revived = fromProblemDetails({ type: Upstream.type, title: 'Upstream down', status: 503, detail: 'db-7 password' }, { types: [Upstream] });
    expect(revived).toBeInstanceOf(Upstream);
    expect(revived).toBeInstanceOf(ServiceUnavailableException);
    expect(revived.detail).toBe('db-7 password');
    expect(toProblemDetails(revived)).not.toHaveProperty('detail');
  });

  test('the options form takes the status and headers as the positional form does', () => {
    const revived = fromProblemDetails({ type: RateLimited.type, title: 'x', limit: 3, code: 'RATE_LIMITED' }, { status: 429, headers: { 'retry-after': '30' }, types });
    expect(revived).toBeInstanceOf(RateLimited);
    expect(revived.headers).toEqual({ 'retry-after': '30' });
    expect(fromProblemDetails({ title: 'x' }, { status: 404 }).status).toBe(404);
  });

  test('problem types from another copy of the package revive as their own class', () => {
    type Copy = typeof import('../../src/index.js');
    let other: Copy | undefined;
    jest.isolateModules(() => {
      other = require('../../src/index.js') as Copy;
    });
    if (other === undefined) throw new Error('isolateModules did not run');
    const Foreign = other.defineProblemType({ type: 'https://example.com/problems/foreign', status: 409, title: 'Foreign', code: 'F' });
    const revived = fromProblemDetails({ type: Foreign.type, title: 'Foreign', status: 409, code: 'F' }, { types: [Foreign] });
    expect(revived).toBeInstanceOf(Foreign);
    expect(revived instanceof Foreign && revived.code).toBe('F');
  });

  test('types that are not problem types are a TypeError', () => {
    expect(() => fromProblemDetails({}, { types: 'x' as never })).toThrow(/options\.types must be an array/);
    expect(() => fromProblemDetails({}, { types: [ForbiddenException] as never })).toThrow(/options\.types\[0\] is not a class made by defineProblemType/);
  });
});

describe('fromResponse(response, { types }) against a real server', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const error =
        req.url === '/credit'
          ? new OutOfCredit('Balance 30', { extensions: { balance: 30, accounts: [] } })
          : req.url === '/limited'
            ? new RateLimited('Slow down', { retryAfter: 30, extensions: { limit: 10 } })
            : new ForbiddenException('plain');
      const { status, headers, body } = toProblemResponse(error);
      res.writeHead(status, headers).end(body);
    });
    base = await listen(server);
  });
  afterAll(() => close(server));

  test('revives each problem type with its headers; other bodies get the status class', async () => {
    const credit = await fromResponse(await fetch(`${base}/credit`), { types });
    expect(credit).toBeInstanceOf(OutOfCredit);
    if (!(credit instanceof OutOfCredit)) throw new Error('expected an OutOfCredit');
    expect(credit.extensions.balance).toBe(30);

    const limited = await fromResponse(await fetch(`${base}/limited`), { types, maxBytes: 4096 });
    expect(limited).toBeInstanceOf(RateLimited);
    expect(limited).toBeInstanceOf(TooManyRequestsException);
    expect(limited?.headers['retry-after']).toBe('30');

    const plain = await fromResponse(await fetch(`${base}/plain`), { types });
    expect(plain).toBeInstanceOf(ForbiddenException);
    expect(plain).not.toBeInstanceOf(OutOfCredit);
  });

  test('bad types reject with a TypeError', async () => {
    await expect(fromResponse(await fetch(`${base}/credit`), { types: [{}] as never })).rejects.toThrow(TypeError);
  });
});
