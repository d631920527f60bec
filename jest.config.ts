import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  // Sources import './x.js' (what Node's ESM needs); under Jest those are the .ts files.
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // Examples import the package by name, as users do; in tests that is the source.
    '^typed-http-exceptions$': '<rootDir>/src/index.ts',
    '^typed-http-exceptions/jest$': '<rootDir>/src/testing/jest.ts',
    '^typed-http-exceptions/(express|fastify|koa|node|fetch|nestjs)$': '<rootDir>/src/adapters/$1.ts',
  },
  testTimeout: 30_000,
};

export default config;
