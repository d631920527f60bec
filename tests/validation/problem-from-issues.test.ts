import { BadRequestException, toProblemDetails, UnprocessableContentException } from 'typed-http-exceptions';
import { problemFromIssues } from '../../src/validation/problem-from-issues.js';
import type { StandardSchemaV1 } from '../../src/validation/standard-schema.js';
import { expectValidProblem } from '../helpers/problem-schema.js';

const issues: StandardSchemaV1.Issue[] = [
  { message: 'Required', path: ['customer', 'email'] },
  { message: 'Too small', path: [{ key: 'items' }, { key: 0 }, { key: 'quantity' }] },
  { message: 'Expected string', path: ['a/b~c'] },
  { message: 'Expected object' },
];

describe('problemFromIssues', () => {
  test('a 422 whose errors hold one { detail, pointer } per issue', () => {
    const exception = problemFromIssues(issues);
    expect(exception).toBeInstanceOf(UnprocessableContentException);
    expect(exception.status).toBe(422);
    expect(exception.detail).toBe('The request body is invalid');
    expect(exception.errors).toEqual([
      { detail: 'Required', pointer: '#/customer/email' },
      { detail: 'Too small', pointer: '#/items/0/quantity' },
      { detail: 'Expected string', pointer: '#/a~1b~0c' },
      { detail: 'Expected object', pointer: '#' },
    ]);
    const body = toProblemDetails(exception);
    expectValidProblem(body);
    expect(body).toMatchObject({ status: 422, title: 'Unprocessable Content', errors: exception.errors });
  });

  test('status 400 gives a BadRequestException with the same errors', () => {
    const exception = problemFromIssues(issues, { status: 400, detail: 'The order is invalid' });
    expect(exception).toBeInstanceOf(BadRequestException);
    expect(exception.detail).toBe('The order is invalid');
    expect(exception.errors).toEqual(problemFromIssues(issues).errors);
  });

  test('query and path input name the parameter, header input the header; no path, no location', () => {
    const input: StandardSchemaV1.Issue[] = [
      { message: 'Expected number', path: ['page'] },
      { message: 'Expected string', path: [{ key: 'tags' }, { key: 1 }] },
      { message: 'Unknown parameters' },
    ];
    const query = problemFromIssues(input, { in: 'query' });
    expect(query.detail).toBe('The query string is invalid');
    expect(query.errors).toEqual([
      { detail: 'Expected number', parameter: 'page' },
      { detail: 'Expected string', parameter: 'tags' },
      { detail: 'Unknown parameters' },
    ]);
    expect(problemFromIssues(input, { in: 'path' }).errors?.[0]).toEqual({ detail: 'Expected number', parameter: 'page' });
    expect(problemFromIssues(input, { in: 'path' }).detail).toBe('The path parameters are invalid');
    const header = problemFromIssues([{ message: 'Required', path: ['x-api-key'] }], { in: 'header', status: 400 });
    expect(header.detail).toBe('The request headers are invalid');
    expect(header.errors).toEqual([{ detail: 'Required', header: 'x-api-key' }]);
  });

  test('odd issues: symbol and numeric keys, missing messages, throwing getters', () => {
    const hostile = {
      get message(): string {
        throw new Error('no message');
      },
      path: ['a'],
    };
    const errors = problemFromIssues([
      { message: 'x', path: [Symbol('secret'), 3] },
      { message: '', path: ['b'] },
      hostile as StandardSchemaV1.Issue,
      null as unknown as StandardSchemaV1.Issue,
    ]).errors;
    expect(errors).toEqual([
      { detail: 'x', pointer: '#/secret/3' },
      { detail: 'is invalid', pointer: '#/b' },
      { detail: 'is invalid', pointer: '#/a' },
      { detail: 'is invalid', pointer: '#' },
    ]);
  });

  test('at most 100 errors', () => {
    const many = Array.from({ length: 150 }, (_, index) => ({ message: 'bad', path: [index] }));
    const errors = problemFromIssues(many).errors ?? [];
    expect(errors).toHaveLength(100);
    expect(errors[99]).toEqual({ detail: 'bad', pointer: '#/99' });
  });

  test('bad arguments are TypeErrors (a RangeError for the status)', () => {
    expect(() => problemFromIssues('nope' as never)).toThrow(TypeError);
    expect(() => problemFromIssues(issues, { status: 409 as never })).toThrow(RangeError);
    expect(() => problemFromIssues(issues, { in: 'cookie' as never })).toThrow(/options\.in must be 'body', 'query', 'path' or 'header', got "cookie"/);
    expect(() => problemFromIssues(issues, { detail: 5 as never })).toThrow(TypeError);
    expect(() => problemFromIssues(issues, 'x' as never)).toThrow(TypeError);
  });
});
