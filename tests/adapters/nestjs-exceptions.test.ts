import {
  BadRequestException as NestBadRequestException,
  HttpException as NestHttpException,
  NotFoundException as NestNotFoundException,
} from '@nestjs/common';
import {
  BadRequestException,
  HttpException,
  NotFoundException,
  ServiceUnavailableException,
  toProblemDetails,
} from '../../src/index.js';
import { z } from 'zod';
import { fromNestException, isNestHttpException } from '../../src/adapters/nestjs-exceptions.js';
import { problemFromIssues } from '../../src/validation/problem-from-issues.js';
import type { StandardSchemaV1 } from '../../src/validation/standard-schema.js';
import type { RequestFacts } from '../../src/adapters/prepare-problem.js';

const facts: RequestFacts = { method: 'GET', url: '/users/42', httpVersionMajor: 1 };

describe('fromNestException', () => {
  test('NotFoundException with a message becomes our NotFoundException', () => {
    const mapped = fromNestException(new NestNotFoundException('User 42 not found'), facts);
    expect(mapped).toBeInstanceOf(NotFoundException);
    const exception = mapped as NotFoundException;
    expect(exception.status).toBe(404);
    expect(exception.detail).toBe('User 42 not found');
    expect(toProblemDetails(exception)).toMatchObject({ status: 404, detail: 'User 42 not found' });
    expect(toProblemDetails(exception)).not.toHaveProperty('errors');
  });

  test('NotFoundException without a message has no detail (Nest’s default equals the title)', () => {
    const exception = fromNestException(new NestNotFoundException(), facts) as NotFoundException;
    expect(exception).toBeInstanceOf(NotFoundException);
    expect(exception.detail).toBeUndefined();
  });

  test('BadRequestException with a ValidationPipe message array becomes a 400 with errors', () => {
    const nest = new NestBadRequestException(['name must be a string', 'age must not be less than 0']);
    const exception = fromNestException(nest, facts) as BadRequestException;
    expect(exception).toBeInstanceOf(BadRequestException);
    expect(exception.status).toBe(400);
    expect(exception.detail).toBe('Validation failed');
    const problem = toProblemDetails(exception);
    expect(problem.detail).toBe('Validation failed');
    expect(problem['errors']).toEqual([{ detail: 'name must be a string' }, { detail: 'age must not be less than 0' }]);
  });

  test('Standard Schema issues in a BadRequestException give the entries problemFromIssues gives', () => {
    const Order = z.object({ customer: z.object({ email: z.string() }), items: z.array(z.object({ quantity: z.number().min(1) })), 'a/b': z.string() });
    const { issues } = Order['~standard'].validate({ customer: {}, items: [{ quantity: 0 }], 'a/b': 1 }) as StandardSchemaV1.FailureResult;
    // What a Standard Schema pipe does: throw new BadRequestException(result.issues).
    const exception = fromNestException(new NestBadRequestException(issues), facts) as BadRequestException;
    expect(exception).toBeInstanceOf(BadRequestException);
    expect(exception.detail).toBe('Validation failed');
    expect(exception.errors).toEqual(problemFromIssues(issues, { status: 400 }).errors);
    expect(exception.errors?.map((entry) => entry.pointer)).toEqual(['#/customer/email', '#/items/0/quantity', '#/a~1b']);
    const valibotStyle = [{ message: 'Invalid type', path: [{ key: 'tags' }, { key: 2 }] }, { message: 'Invalid object' }];
    expect((fromNestException(new NestBadRequestException(valibotStyle), facts) as BadRequestException).errors).toEqual([
      { detail: 'Invalid type', pointer: '#/tags/2' },
      { detail: 'Invalid object', pointer: '#' },
    ]);
  });

  test('class-validator errors (ValidationPipe with an exceptionFactory) give { detail, pointer } per constraint', () => {
    // The ValidationError objects class-validator makes for a nested DTO with an array of children.
    const validationErrors = [
      { property: 'email', value: 'x', constraints: { isEmail: 'email must be an email' }, children: [] },
      {
        property: 'items',
        value: [{ quantity: 0 }],
        children: [{ property: '0', children: [{ property: 'quantity', value: 0, constraints: { min: 'quantity must not be less than 1', isInt: 'quantity must be an integer number' }, children: [] }] }],
      },
    ];
    const exception = fromNestException(new NestBadRequestException(validationErrors), facts) as BadRequestException;
    expect(exception.errors).toEqual([
      { detail: 'email must be an email', pointer: '#/email' },
      { detail: 'quantity must not be less than 1', pointer: '#/items/0/quantity' },
      { detail: 'quantity must be an integer number', pointer: '#/items/0/quantity' },
    ]);
    expect(toProblemDetails(exception)).toMatchObject({ status: 400, detail: 'Validation failed', errors: exception.errors });
  });

  test('a message list of anything else gives no errors and no detail', () => {
    for (const message of [[{ nope: 1 }], ['text', { message: 'mixed' }], [1, 2]]) {
      const exception = fromNestException(new NestBadRequestException(message), facts) as BadRequestException;
      expect(exception).toBeInstanceOf(BadRequestException);
      expect(exception.errors).toBeUndefined();
      expect(exception.detail).toBeUndefined();
    }
  });

  test('validation errors are capped at 100', () => {
    const messages = Array.from({ length: 150 }, (_, i) => `field${i} is invalid`);
    const problem = toProblemDetails(fromNestException(new NestBadRequestException(messages), facts));
    expect(problem['errors']).toHaveLength(100);
    const issues = Array.from({ length: 150 }, (_, i) => ({ message: 'bad', path: [i] }));
    expect((fromNestException(new NestBadRequestException(issues), facts) as BadRequestException).errors).toHaveLength(100);
    const tree = [{ property: 'list', children: Array.from({ length: 150 }, (_, i) => ({ property: String(i), constraints: { a: 'bad', b: 'worse' } })) }];
    expect((fromNestException(new NestBadRequestException(tree), facts) as BadRequestException).errors).toHaveLength(100);
  });

  test('HttpException with a custom 5xx and a cause: class, status, cause, detail hidden', () => {
    const cause = new Error('database down');
    const nest = new NestHttpException('Upstream pool exhausted: host db-1', 503, { cause });
    const exception = fromNestException(nest, facts) as ServiceUnavailableException;
    expect(exception).toBeInstanceOf(ServiceUnavailableException);
    expect(exception.status).toBe(503);
    expect(exception.detail).toBe('Upstream pool exhausted: host db-1');
    expect(exception.cause).toBe(cause);
    expect(exception.stack).toBe(nest.stack);
    const problem = toProblemDetails(exception);
    expect(problem.status).toBe(503);
    expect(problem.detail).toBeUndefined();
    expect(JSON.stringify(problem)).not.toContain('db-1');
  });

  test('a 5xx with a message array sends no errors', () => {
    const nest = new NestHttpException({ message: ['secret internal a', 'secret internal b'] }, 500);
    const mapped = fromNestException(nest, facts);
    expect(mapped).toBeInstanceOf(HttpException);
    const problem = toProblemDetails(mapped);
    expect(problem.status).toBe(500);
    expect(problem).not.toHaveProperty('errors');
    expect(JSON.stringify(problem)).not.toContain('secret internal');
  });

  test.each([302, 200])('HttpException with non-error status %i → undefined', (status) => {
    expect(fromNestException(new NestHttpException('not an error', status), facts)).toBeUndefined();
  });

  test('a plain object with getStatus/getResponse but not an Error → undefined', () => {
    const lookalike = { getStatus: () => 404, getResponse: () => 'Not here', message: 'Not here' };
    expect(isNestHttpException(lookalike)).toBe(false);
    expect(fromNestException(lookalike, facts)).toBeUndefined();
  });

  test('our own exception → undefined', () => {
    const ours = new NotFoundException('ours');
    expect(fromNestException(ours, facts)).toBeUndefined();
  });

  test('a getter that throws → undefined', () => {
    const nest = new NestNotFoundException('x');
    Object.defineProperty(nest, 'getStatus', {
      get() {
        throw new Error('boom');
      },
    });
    expect(() => fromNestException(nest, facts)).not.toThrow();
    expect(fromNestException(nest, facts)).toBeUndefined();

    const throwingStatus = new NestNotFoundException('y');
    throwingStatus.getStatus = () => {
      throw new Error('boom');
    };
    expect(fromNestException(throwingStatus, facts)).toBeUndefined();
  });

  test('Nest’s “Cannot GET /x?secret=1” 404 detail drops the query string', () => {
    const routeFacts: RequestFacts = { method: 'GET', url: '/x?secret=1' };
    const exception = fromNestException(new NestNotFoundException('Cannot GET /x?secret=1'), routeFacts) as NotFoundException;
    expect(exception).toBeInstanceOf(NotFoundException);
    expect(exception.detail).toBe('Cannot GET /x');
    expect(JSON.stringify(toProblemDetails(exception))).not.toContain('secret');
  });

  test('non-Nest values → undefined', () => {
    for (const value of [undefined, null, 'x', 42, new Error('plain'), {}]) expect(fromNestException(value, facts)).toBeUndefined();
  });
});

describe('isNestHttpException', () => {
  test('recognises Nest exceptions by shape', () => {
    expect(isNestHttpException(new NestNotFoundException())).toBe(true);
    expect(isNestHttpException(new NestHttpException('x', 418))).toBe(true);
    expect(isNestHttpException(new Error('plain'))).toBe(false);
    expect(isNestHttpException(null)).toBe(false);
  });
});
