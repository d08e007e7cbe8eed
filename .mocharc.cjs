// Tests are TypeScript run through tsx; each file under test/ is a suite.
module.exports = {
  'node-option': ['import=tsx'],
  spec: ['test/**/*.test.ts'],
  timeout: 20000,
  exit: true,
};
