// Token providers: the static token and MSAL client credentials, seen through the gateway.
import assert from 'node:assert/strict';
import { teamsUserId } from '../../src/domain/ids';
import { msalClientCredentials, staticToken } from '../../src/adapters/graph/index';
import { graphCalls, startSetup, type Setup } from './graph-fixture';

const alice = teamsUserId('11111111-aaaa-4aaa-8aaa-000000000001');

describe('Graph token providers', () => {
  let setup: Setup | undefined;
  afterEach(async () => {
    await setup?.emulator.close();
    setup = undefined;
  });

  it('staticToken refuses an empty token at start-up', () => {
    assert.throws(() => staticToken('  '), { code: 'invalid_graph_token' });
  });

  it('an MSAL failure to get a token is a retryable result and no Graph call', async () => {
    // Nothing listens on port 1, so MSAL cannot resolve the authority's endpoints.
    const tokenProvider = msalClientCredentials({
      tenantId: 'contoso',
      clientId: '33333333-3333-3333-3333-333333333333',
      clientSecret: 'secret',
      authority: 'https://127.0.0.1:1/contoso',
    });
    setup = await startSetup({}, { tokenProvider });

    const result = await setup.gateway.setPresence(alice, { availability: 'Away', activity: 'Away' }, 5);

    assert.ok(!result.ok);
    assert.equal(result.retryable, true);
    assert.equal(result.code, 'graph_token_unavailable');
    assert.equal(graphCalls(setup.emulator).length, 0);
  });
});
