/** @type {import('jest').Config} */
const transform = {
  '^.+\\.ts$': [
    'ts-jest',
    {
      astTransformers: {
        before: [
          {
            path: '@nestjs/swagger/plugin',
            options: {
              classValidatorShim: true,
              introspectComments: true,
              dtoFileNameSuffix: ['.dto.ts', '.entity.ts'],
            },
          },
        ],
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
