// The core (src/ outside src/adapters) stays free of SDKs and I/O libraries; adapters and bot/ may use them.
module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-sdk',
      comment:
        'src/domain, src/ports, src/sync and src/profiles are the pure core: no SDK, HTTP framework or database driver.',
      severity: 'error',
      from: { path: '^src/(?!adapters/)' },
      to: {
        path: 'node_modules/(botbuilder|botframework-|@microsoft/|@azure/|restify|pg|better-sqlite3|pino|prom-client|jose|react)',
      },
    },
    {
      name: 'core-does-not-import-edges',
      severity: 'error',
      from: { path: '^src/(?!adapters/)' },
      to: { path: '^(src/adapters|bot|tab)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: 'node_modules' },
  },
};
