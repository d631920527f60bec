/**
 * Jest setup for the typed-http-exceptions matchers. Copy this file into your project and
 * list it in your Jest config:
 *
 *   setupFilesAfterEnv: ['<rootDir>/jest-setup.ts'],
 *
 * Then every test file can use
 *
 *   expect(() => getUser(42)).toThrowHttpException(NotFoundException, { detail: /42/ });
 *   await expect(fetchUser(42)).rejects.toThrowHttpException(404);
 *   expect(response).toBeProblemDetails({ status: 404 });
 *
 * Types: the import below also adds the matchers to `expect`'s types (both @types/jest's
 * global `expect` and `import { expect } from '@jest/globals'`). Keep this file inside your
 * tsconfig's `include`, or TypeScript will not see the matchers in your test files.
 *
 * With `injectGlobals: false`, take `expect` from '@jest/globals' instead:
 *
 *   import { expect } from '@jest/globals';
 */
// #region readme
// jest-setup.ts, listed in jest.config: setupFilesAfterEnv: ['<rootDir>/jest-setup.ts']
import { matchers } from 'typed-http-exceptions/jest';

expect.extend(matchers);
// #endregion readme
