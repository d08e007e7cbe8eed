// GRAPH_NOTIFICATION_KEYS_URL: where rich notifications' validationTokens keys are read (issue 6 #12).
import assert from 'node:assert/strict';
import { parseConfig } from '../../src/config';
import { CodedError } from '../../src/domain/errors';

describe('config: GRAPH_NOTIFICATION_KEYS_URL', () => {
  it('is null by default (the authority’s /common/discovery/keys) and taken as given when set', () => {
    assert.equal(parseConfig({}).graphNotificationKeysUrl, null);
    const url = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
    assert.equal(parseConfig({ GRAPH_NOTIFICATION_KEYS_URL: url }).graphNotificationKeysUrl, url);
  });

  it('stops start-up on a value that is not an http(s) URL, naming the setting', () => {
    assert.throws(
      () => parseConfig({ GRAPH_NOTIFICATION_KEYS_URL: 'ftp://keys' }),
      (e: unknown) => e instanceof CodedError && /GRAPH_NOTIFICATION_KEYS_URL/.test(e.message),
    );
  });
});
