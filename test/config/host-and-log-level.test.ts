// Issue 7 items 5 and 6: LOG_LEVEL is checked against pino's own levels when the configuration is parsed,
// and HOST (default 0.0.0.0) is the address the server binds.
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { LOG_LEVELS, parseConfig } from '../../src/config';

describe('configuration: HOST and LOG_LEVEL', () => {
  it('knows exactly pino’s levels, plus silent', () => {
    assert.deepEqual([...LOG_LEVELS].sort(), [...Object.keys(pino.levels.values), 'silent'].sort());
  });

  it('accepts every pino level and defaults to info', () => {
    for (const level of LOG_LEVELS) assert.equal(parseConfig({ LOG_LEVEL: level }).logLevel, level);
    assert.equal(parseConfig({}).logLevel, 'info');
  });

  it('refuses another level with one message naming LOG_LEVEL', () => {
    assert.throws(() => parseConfig({ LOG_LEVEL: 'loud' }), {
      code: 'invalid_config',
      message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    });
  });

  it('binds every IPv4 interface unless HOST says otherwise', () => {
    assert.equal(parseConfig({}).host, '0.0.0.0');
    assert.equal(parseConfig({ HOST: ' 127.0.0.1 ' }).host, '127.0.0.1');
  });
});
