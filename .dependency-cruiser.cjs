/**
 * Module boundaries of src/, checked in CI by `npm run depcruise`.
 * Type-only imports count: a module that names another's types depends on it.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment:
        'Modules import each other in one direction: a cycle means a responsibility is in the wrong place.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      comment:
        'Nor do folders: config reading a parser of common/crypto that reads config is a loop.',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'targets-not-probing',
      comment: 'Probing uses targets; targets knows nothing of probing.',
      severity: 'error',
      from: { path: '^src/targets/' },
      to: { path: '^src/probing/' },
    },
    {
      name: 'config-and-common-import-no-feature',
      comment:
        'src/config and src/common are the floor every module stands on: they import no feature module (nor the app around them).',
      severity: 'error',
      from: { path: '^src/(config|common)/' },
      to: { path: '^src/', pathNot: '^src/(config|common)/' },
    },
    {
      name: 'entities-owned-by-their-module',
      comment:
        "A module's tables are its own: only its files import its entities. Others ask its services. " +
        "One exception: an entity may name another module's entity for a foreign key (probe results " +
        "and target states belong to a target), which the database enforces, not a module's code.",
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: '\\.entity\\.ts$' },
      to: { path: '\\.entity\\.ts$', pathNot: '^src/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: {
      path: [
        '\\.(spec|int-spec|e2e-spec)\\.ts$',
        // the list of every entity and the migrations are the database's composition, above
        // every module: they may name any table, and are no part of a cycle
        '^src/database/(entities\\.ts$|migrations/)',
      ],
    },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.build.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
