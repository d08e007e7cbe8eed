// Tests are TypeScript run through tsx. The spec (test/**/*.test.ts) is in package.json's test script, so
// `npx mocha test/some.test.ts` runs just that file.
module.exports = {
  'node-option': ['import=tsx'],
  timeout: 20000,
  exit: true,
};
