// reportDirectoryPresence on the embedded store (issue #10 part 2): seed 001's Teams → 8x8 terms, one message
// per change of the vendor presence (the last one sent is kept in the store, so a restart does not resend),
// people outside the directory ignored, nothing queued while outbound is off.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/adapters/sqlite';
import { reportDirectoryPresence, type DirectoryPresenceDeps } from '../../src/directory/directory-presence';
import { agentId, teamsUserId } from '../../src/domain/ids';
import { personKey } from '../../src/domain/person-key';
import { eightByEight } from '../../src/domain/profiles/eight-by-eight';
import { FakeClock } from '../support/fake-clock';

describe('directory.presence reporting (issue #10)', () => {
  let dir: string;
  let store: ReturnType<typeof openSqliteStore>;
  let n = 0;
  let queuedCalls = 0;
  const deps = (extra: Partial<DirectoryPresenceDeps> = {}): DirectoryPresenceDeps => ({
    store,
    directory: store.directory(),
    profile: () => eightByEight,
    clock: new FakeClock(),
    outboundEnabled: true,
    newId: () => `dp-${++n}`,
    outboundQueued: () => void (queuedCalls += 1),
    ...extra,
  });
  const seen = (id: string, availability: string, activity: string) => ({
    teamsUserId: teamsUserId(id),
    availability,
    activity,
  });
  const sent = async () =>
    (await store.dueOutbound('2100-01-01T00:00:00Z', 100)).map((e) => [e.agentId, e.body.presence]);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-dp-'));
    store = openSqliteStore(dir);
    await store.directory().putTeamsUsers([
      { teamsUserId: teamsUserId('t-1'), userPrincipalName: 'ana@x.com', displayName: 'Ana' },
      { teamsUserId: teamsUserId('t-2'), userPrincipalName: 'bo@x.com', displayName: 'Bo' },
    ]);
    await store.directory().putAgent({
      agentId: agentId('A-bo'),
      email: 'Bo@x.com',
      displayName: 'Bo',
      identities: ['contact-center'],
    });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('queues each change of the vendor presence once, under the agent or the person key', async () => {
    const queued = await reportDirectoryPresence(deps(), [
      seen('t-1', 'Busy', 'InAMeeting'),
      seen('t-2', 'DoNotDisturb', 'Presenting'),
      seen('t-9', 'Busy', 'InACall'),
    ]);
    assert.equal(queued, 2, 't-9 is not in the directory');
    assert.equal(queuedCalls, 1);
    assert.deepEqual(
      (await sent()).sort(),
      [
        ['A-bo', 'doNotDisturb'],
        [personKey('ana@x.com'), 'onCall'],
      ].sort(),
    );
    // In a meeting → In a call: Teams changed, 8x8's onCall did not.
    assert.equal(await reportDirectoryPresence(deps(), [seen('t-1', 'Busy', 'InACall')]), 0);
    const [target] = await store.directory().presenceTargets([teamsUserId('t-1')]);
    assert.deepEqual(target?.teams, { availability: 'Busy', activity: 'InACall' }, 'Teams pair recorded');
    assert.equal(await reportDirectoryPresence(deps(), [seen('t-1', 'Away', 'Away')]), 1);
    const [message] = (await store.outboundFor(personKey('ana@x.com'))).slice(-1);
    assert.deepEqual(
      { ...message?.body, occurredAt: undefined },
      {
        id: message?.id,
        type: 'directory.presence',
        occurredAt: undefined,
        email: 'ana@x.com',
        teamsUserId: 't-1',
        presence: 'away',
        teams: { availability: 'Away', activity: 'Away' },
      },
    );
  });

  it('records presence but queues nothing while outbound is off; the first change after sends', async () => {
    assert.equal(
      await reportDirectoryPresence(deps({ outboundEnabled: false }), [seen('t-1', 'Away', 'Away')]),
      0,
    );
    assert.deepEqual(await sent(), []);
    assert.equal(await reportDirectoryPresence(deps(), [seen('t-1', 'Away', 'Away')]), 1);
  });
});
