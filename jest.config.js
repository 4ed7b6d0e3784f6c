/** @type {import('jest').Config} */
const transform = {
  '^.+\\.ts$': [
    'ts-jest',
    {
      astTransformers: {
        before: ['<rootDir>/test/swagger-plugin.transformer.js'],
      },
    },
  ],
};

module.exports = {
  testEnvironment: 'node',
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform,
  testRegex: '(src/.*\\.spec\\.ts|test/.*\\.e2e-spec\\.ts)$',
  testTimeout: 60000,
};
