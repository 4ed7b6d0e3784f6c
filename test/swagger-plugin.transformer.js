// Applies the @nestjs/swagger CLI plugin under ts-jest, as `nest build` does, so that tests see
// the same OpenAPI metadata as the built application.
const plugin = require('@nestjs/swagger/plugin');
const options = require('../nest-cli.json').compilerOptions.plugins[0].options;

module.exports = {
  name: 'nestjs-swagger-plugin',
  version: 1,
  factory: (tsCompiler) => plugin.before(options, tsCompiler.program),
};
