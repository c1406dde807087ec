// The layers of marketsim and the directions imports may point (docs/architecture.md explains each layer).
// Checked in `npm test` (npm run deps): a back-pointing import or a cycle fails with the offending pair.
//   rulebook (the bundled RULES.md and its reader: imports nothing)  <-  any layer
//   machines  <-  scenarios  <-  sim  <-  reports  <-  runs, qa  <-  cli, bench
// Inside sim/: log (the data format) <- engine <- module <- kinds, merchant; market beside them.
const layer = (name, path, above) => ({
  name,
  comment: `${path} is below ${above.join(', ')}: it must not import them`,
  severity: 'error',
  from: { path: `^${path}/` },
  to: { path: `^(${above.join('|')})/` },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'an import cycle: the two modules must not need each other (move the shared part below both)',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    layer('rulebook-stands-alone', 'rulebook', ['machines', 'scenarios', 'sim', 'reports', 'runs', 'qa', 'cli', 'bench']),
    layer('machines-up', 'machines', ['scenarios', 'sim', 'reports', 'runs', 'qa', 'cli', 'bench']),
    layer('scenarios-up', 'scenarios', ['sim', 'reports', 'runs', 'qa', 'cli', 'bench']),
    layer('sim-up', 'sim', ['reports', 'runs', 'qa', 'cli', 'bench']),
    layer('reports-up', 'reports', ['runs', 'qa', 'cli', 'bench']),
    layer('runs-up', 'runs', ['qa', 'cli', 'bench']),
    layer('qa-up', 'qa', ['runs', 'cli', 'bench']),
    {
      name: 'reports-read-the-log-format-only',
      comment: 'reports depend on the log data format (sim/log), not on the engine, the kinds or the market',
      severity: 'error',
      from: { path: '^reports/' },
      to: { path: '^sim/', pathNot: '^sim/log/' },
    },
    {
      name: 'engine-knows-no-kind',
      comment: 'the engine is handed kinds, preparers, effects and invariants; it imports none of them',
      severity: 'error',
      from: { path: '^sim/(engine|log)/' },
      to: { path: '^sim/(kinds|market|merchant|module\\.ts|runContext\\.ts)' },
    },
    {
      name: 'log-format-stands-alone',
      comment: 'the log data format sits below the engine',
      severity: 'error',
      from: { path: '^sim/log/' },
      to: { path: '^sim/', pathNot: '^sim/log/' },
    },
    {
      name: 'fast-path-is-private',
      comment: 'sim/engine/_compiled is the engine\'s private fast path: only the engine (and tests, benches) import it',
      severity: 'error',
      from: { pathNot: '^(sim/engine/|test/|bench/)' },
      to: { path: '/_compiled/' },
    },
    {
      name: 'xstate-internals-in-one-place',
      comment: 'only machines/introspect/xstateInternals.ts reads xstate private shapes; nothing imports xstate\'s dist internals',
      severity: 'error',
      from: {},
      to: { path: 'node_modules/xstate/dist/(?!xstate|index)' },
    },
    {
      name: 'commands-never-import-each-other',
      comment: 'a command imports shared flag/IO helpers, never another command',
      severity: 'error',
      from: { path: '^cli/([a-zA-Z]+)Command\\.ts$' },
      to: { path: '^cli/[a-zA-Z]+Command\\.ts$' },
    },
    {
      name: 'nothing-imports-cli',
      comment: 'cli/ is the top: only cli/ itself (and tests) import it',
      severity: 'error',
      from: { pathNot: '^(cli|test)/' },
      to: { path: '^cli/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
