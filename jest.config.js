/**
 * Three tiers, each named by its files:
 * - unit: `src/**\/*.spec.ts`, beside the code; pure logic, no network, database or process.
 * - integration: `*.int-spec.ts` under test/; one real component (MariaDB, SQLite, Icinga 2,
 *   SMTP, HTTP servers, pipes) driven directly.
 * - e2e: `*.e2e-spec.ts` under test/; the app over HTTP, and the CLI as a process.
 * `npm test` runs every tier, `npm run test:unit` (`test:integration`, `test:e2e`) one of them.
 *
 * Tests are transpiled only: `npm run typecheck` type-checks src/, test/ and bench/. The suites
 * that read the spec the app generates (test/openapi, the docs browser test) need the Swagger
 * CLI plugin applied as `nest build` does, which needs the type checker: they run in a project of
 * their own tier's name with that transformer.
 */

const { availableParallelism } = require('node:os');

/** Reads the spec the app generates from its DTOs, so needs the Swagger plugin. */
const SPEC_READERS = {
  integration: ['<rootDir>/test/openapi.int-spec.ts'],
  e2e: ['<rootDir>/test/browser/docs.e2e-spec.ts'],
};

const transpileOnly = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true } }],
};

const withSwaggerPlugin = {
  '^.+\\.ts$': [
    'ts-jest',
    { astTransformers: { before: ['<rootDir>/test/swagger-plugin.transformer.js'] } },
  ],
};

const base = {
  testEnvironment: 'node',
  moduleFileExtensions: ['js', 'json', 'ts'],
};

const escape = (path) => path.replace('<rootDir>/', '').replace(/[.]/g, '\\.');

function tier(name, testRegex) {
  const readers = SPEC_READERS[name] ?? [];
  const projects = [
    {
      ...base,
      displayName: name,
      transform: transpileOnly,
      testRegex,
      testPathIgnorePatterns: ['/node_modules/', ...readers.map(escape)],
    },
  ];
  if (readers.length > 0) {
    projects.push({
      ...base,
      displayName: name,
      transform: withSwaggerPlugin,
      testMatch: readers,
    });
  }
  return projects;
}

/** @type {import('jest').Config} */
module.exports = {
  // integration and e2e suites wait on servers, databases and Icinga 2 start-ups
  testTimeout: 60000,
  // suites mostly wait on servers, databases and timers, so two per core pay; each starts its
  // own app, database and Icinga 2, so not more than six
  maxWorkers: Math.min(6, 2 * availableParallelism()),
  projects: [
    {
      ...base,
      displayName: 'unit',
      transform: transpileOnly,
      testRegex: '/src/.*\\.spec\\.ts$',
    },
    ...tier('integration', '/test/.*\\.int-spec\\.ts$'),
    ...tier('e2e', '/test/.*\\.e2e-spec\\.ts$'),
  ],
};
