// The DirectoryStore contract (seed 002), run against every adapter: one entry per person merged by
// email/UPN without regard to case, the seed's order and presence priority, search, the type filter, and
// keyset paging that neither repeats nor skips anyone.
import assert from 'node:assert/strict';
import type { DirectoryAgent, DirectoryTeamsUser } from '../../src/directory/contact';
import { CodedError } from '../../src/domain/errors';
import { agentId, teamsUserId } from '../../src/domain/ids';
import type { ContactQuery, DirectoryStore } from '../../src/ports/directory-store.port';
import type { AgentSyncState, Store } from '../../src/ports/store.port';

export interface DirectoryHarness {
  readonly store: Store;
  readonly directory: DirectoryStore;
  cleanup(): Promise<void>;
}

const agent = (id: string, email: string, displayName: string, extra: Partial<DirectoryAgent> = {}) => ({
  agentId: agentId(id),
  email,
  displayName,
  identities: ['contact-center' as const],
  ...extra,
});

const teams = (id: string, upn: string, displayName: string, extra: Partial<DirectoryTeamsUser> = {}) => ({
  teamsUserId: teamsUserId(id),
  userPrincipalName: upn,
  displayName,
  ...extra,
});

const everyone = (extra: Partial<ContactQuery> = {}): ContactQuery => ({
  prefix: null,
  type: null,
  after: null,
  limit: 100,
  ...extra,
});

function ccState(id: string, state: string): AgentSyncState {
  return {
    agentId: agentId(id),
    ccState: state,
    ccStateAt: '2026-01-01T00:00:00Z',
    ccChangedBy: 'agent',
    session: null,
    teams: null,
    hold: null,
  };
}

export function directoryStoreContract(name: string, open: () => Promise<DirectoryHarness>): void {
  describe(`DirectoryStore contract (${name})`, function () {
    this.timeout(60_000);
    let h: DirectoryHarness;
    beforeEach(async () => (h = await open()));
    afterEach(() => h.cleanup());

    const names = async (query: Partial<ContactQuery> = {}) =>
      (await h.directory.listContacts(everyone(query))).contacts.map((c) => c.displayName);

    it('merges an agent and a Teams user by email = UPN, case-insensitively, whichever comes first', async () => {
      await h.directory.putTeamsUsers([teams('t-1', 'Taylor@Contoso.com', 'Taylor (Teams)')]);
      await h.directory.putAgent(agent('A1', 'taylor@contoso.COM', 'Taylor Reed', { jobTitle: 'Agent' }));
      await h.directory.putAgent(agent('A2', 'robin@contoso.com', 'Robin Park'));
      await h.directory.putTeamsUsers([teams('t-2', 'ROBIN@contoso.com', 'Robin (Teams)')]);
      const { contacts } = await h.directory.listContacts(everyone());
      assert.equal(contacts.length, 2);
      const taylor = contacts.find((c) => c.displayName === 'Taylor Reed');
      assert.deepEqual(
        taylor?.identities.map((i) => [i.kind, i.id]),
        [
          ['contact-center', 'A1'],
          ['teams', 't-1'],
        ],
      );
      assert.equal(taylor?.email, 'taylor@contoso.COM');
      assert.equal(taylor?.jobTitle, 'Agent');
    });

    it('merges by mail when the UPN differs, and splits again when the agent changes email or leaves', async () => {
      await h.directory.putTeamsUsers([
        teams('t-ben', 'ben@contoso.onmicrosoft.com', 'Ben Ito', {
          mail: 'Ben@Contoso.com',
          jobTitle: 'Sales',
        }),
      ]);
      await h.directory.putAgent(agent('A3', 'ben@contoso.com', 'Ben Ito'));
      assert.deepEqual(await names(), ['Ben Ito']);
      assert.equal((await h.directory.listContacts(everyone())).contacts[0]?.identities.length, 2);
      await h.directory.putAgent(agent('A3', 'benito@contoso.com', 'Ben Ito'));
      const split = (await h.directory.listContacts(everyone())).contacts;
      assert.deepEqual(
        split.map((c) => c.identities.map((i) => i.kind).join('+')),
        ['contact-center', 'teams'],
      );
      assert.equal(split[1]?.email, 'Ben@Contoso.com', 'a Teams-only person shows their mail');
      await h.directory.removeAgent(agentId('A3'));
      assert.deepEqual(await names(), ['Ben Ito']);
      assert.equal((await h.directory.listContacts(everyone())).contacts[0]?.jobTitle, 'Sales');
    });

    it("orders the seed's groups: agents first, then work only, Teams only, Teams and work; alphabetical within", async () => {
      await h.directory.putTeamsUsers([
        teams('t-z', 'zoe@x.com', 'Zoe Teams'),
        teams('t-a', 'amy@x.com', 'Amy Teams'),
        teams('t-tw', 'tina@x.com', 'Tina TeamsWork'),
        teams('t-cc', 'carl@x.com', 'Carl Agent'),
      ]);
      await h.directory.putAgent(agent('W1', 'walt@x.com', 'walt Work', { identities: ['work'] }));
      await h.directory.putAgent(agent('W2', 'tina@x.com', 'Tina TeamsWork', { identities: ['work'] }));
      await h.directory.putAgent(
        agent('C1', 'carl@x.com', 'Carl Agent', { identities: ['contact-center', 'work'] }),
      );
      await h.directory.putAgent(agent('C2', 'bea@x.com', 'Bea Agent'));
      assert.deepEqual(await names(), [
        'Bea Agent',
        'Carl Agent',
        'walt Work',
        'Amy Teams',
        'Zoe Teams',
        'Tina TeamsWork',
      ]);
    });

    it('shows the main identity presence: contact center > Teams > work', async () => {
      await h.directory.putTeamsUsers([teams('t-1', 'cc@x.com', 'Cc'), teams('t-2', 'tw@x.com', 'Tw')]);
      await h.directory.putAgent(agent('A1', 'cc@x.com', 'Cc', { identities: ['contact-center', 'work'] }));
      await h.directory.putAgent(agent('A2', 'tw@x.com', 'Tw', { identities: ['work'] }));
      await h.directory.putAgent(agent('A3', 'wo@x.com', 'Wo', { identities: ['work'] }));
      await h.store.commit({ agentStates: [ccState('A1', 'Break')] });
      assert.equal(
        await h.directory.setTeamsPresence(teamsUserId('t-1'), { availability: 'Busy', activity: 'InACall' }),
        true,
      );
      await h.directory.setTeamsPresence(teamsUserId('t-2'), { availability: 'Away', activity: 'Away' });
      await h.directory.setWorkPresence('TW@x.com', 'onCall');
      await h.directory.setWorkPresence('wo@x.com', 'doNotDisturb');
      const byName = new Map(
        (await h.directory.listContacts(everyone())).contacts.map((c) => [c.displayName, c]),
      );
      assert.deepEqual(byName.get('Cc')?.presence, { source: 'contact-center', value: 'Break' });
      assert.deepEqual(
        byName.get('Cc')?.identities.map((i) => i.presence),
        ['Break', 'Busy', 'unknown'],
      );
      assert.deepEqual(byName.get('Tw')?.presence, { source: 'teams', value: 'Away' });
      assert.deepEqual(byName.get('Tw')?.identities.at(-1), {
        kind: 'work',
        id: 'tw@x.com',
        presence: 'onCall',
      });
      assert.deepEqual(byName.get('Wo')?.presence, { source: 'work', value: 'doNotDisturb' });
      assert.equal(
        await h.directory.setTeamsPresence(teamsUserId('nobody'), { availability: 'Busy', activity: 'Busy' }),
        false,
      );
    });

    it('searches by name, surname and email prefix, and filters by identity kind', async () => {
      await h.directory.putTeamsUsers([
        teams('t-1', 'taylor.reed@x.com', 'Taylor Reed'),
        teams('t-2', 'robin@x.com', 'Robin Taylor'),
        teams('t-3', 'sam@x.com', 'Sam Lee', { mail: 'samuel.lee@x.com' }),
      ]);
      await h.directory.putAgent(agent('A1', 'robin@x.com', 'Robin Taylor'));
      assert.deepEqual(await names({ prefix: 'taylor' }), ['Robin Taylor', 'Taylor Reed']);
      assert.deepEqual(await names({ prefix: 'ree' }), ['Taylor Reed']);
      assert.deepEqual(await names({ prefix: 'samuel' }), ['Sam Lee']);
      assert.deepEqual(await names({ prefix: 'zzz' }), []);
      assert.deepEqual(await names({ type: 'contact-center' }), ['Robin Taylor']);
      assert.deepEqual(await names({ type: 'teams' }), ['Robin Taylor', 'Sam Lee', 'Taylor Reed']);
      assert.deepEqual(await names({ type: 'work' }), []);
      assert.deepEqual(await names({ prefix: 'taylor', type: 'contact-center' }), ['Robin Taylor']);
    });

    it('pages 1,250 people in order, each exactly once; refuses a cursor it did not make', async () => {
      const users = Array.from({ length: 1250 }, (_, i) =>
        teams(
          `t-${String(i).padStart(5, '0')}`,
          `p${i}@x.com`,
          `Person ${String(1249 - i).padStart(4, '0')}`,
        ),
      );
      for (let i = 0; i < users.length; i += 500) await h.directory.putTeamsUsers(users.slice(i, i + 500));
      await h.directory.putAgent(agent('A1', 'p7@x.com', 'Zed Agent'));
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page = await h.directory.listContacts(everyone({ after, limit: 100 }));
        seen.push(...page.contacts.map((c) => c.email));
        after = page.next ?? null;
      } while (after);
      assert.equal(seen.length, 1250);
      assert.equal(new Set(seen).size, 1250);
      assert.equal(seen[0], 'p7@x.com', 'the agent first');
      assert.equal(seen[1], 'p1249@x.com', 'then alphabetical: Person 0000');
      // A search matching over a thousand people takes the in-order walk: same order, same people.
      const found: string[] = [];
      after = null;
      do {
        const page = await h.directory.listContacts(everyone({ prefix: 'person', after, limit: 100 }));
        found.push(...page.contacts.map((c) => c.email));
        after = page.next ?? null;
      } while (after);
      assert.deepEqual(found, seen.slice(1), 'everyone but the agent, in the same order');
      await assert.rejects(
        h.directory.listContacts(everyone({ after: 'not-a-cursor' })),
        (e: unknown) => e instanceof CodedError && e.code === 'invalid_cursor',
      );
    });

    it('a full refresh round forgets the Teams users it did not see; removals keep the agent', async () => {
      await h.directory.putTeamsUsers([teams('t-1', 'a@x.com', 'A'), teams('t-2', 'b@x.com', 'B')], 'r1');
      await h.directory.putAgent(agent('A1', 'b@x.com', 'B Agent'));
      await h.directory.putTeamsUsers([teams('t-1', 'a@x.com', 'A')], 'r2');
      assert.equal(await h.directory.removeTeamsUsersNotIn('r2'), 1);
      const { contacts } = await h.directory.listContacts(everyone());
      assert.deepEqual(
        contacts.map((c) => [c.displayName, c.identities.length]),
        [
          ['B Agent', 1],
          ['A', 1],
        ],
      );
      await h.directory.removeTeamsUsers([teamsUserId('t-1'), teamsUserId('unknown')]);
      assert.deepEqual(await names(), ['B Agent']);
      assert.deepEqual(await h.directory.teamsUserIds(null, 10), []);
    });

    it('finds a Teams user by UPN first, then by mail, without regard to case', async () => {
      await h.directory.putTeamsUsers([
        teams('t-1', 'ana@x.com', 'Ana', { mail: 'ana.mail@x.com' }),
        teams('t-2', 'other@x.com', 'Other', { mail: 'ana@x.com' }),
      ]);
      assert.equal(
        (await h.directory.findTeamsUser(' ANA@x.com '))?.teamsUserId,
        't-1',
        'UPN wins over mail',
      );
      const byMail = await h.directory.findTeamsUser('Ana.Mail@X.com');
      assert.deepEqual(byMail, {
        teamsUserId: 't-1',
        userPrincipalName: 'ana@x.com',
        displayName: 'Ana',
        mail: 'ana.mail@x.com',
      });
      assert.equal(await h.directory.findTeamsUser('nobody@x.com'), null);
    });

    it('reports presence targets with their person and the vendor presence last sent', async () => {
      await h.directory.putTeamsUsers([teams('t-1', 'cc@x.com', 'Cc'), teams('t-2', 'solo@x.com', 'Solo')]);
      await h.directory.putAgent(agent('A1', 'CC@x.com', 'Cc'));
      await h.directory.setTeamsPresence(teamsUserId('t-2'), { availability: 'Busy', activity: 'InACall' });
      const before = await h.directory.presenceTargets([
        teamsUserId('t-1'),
        teamsUserId('t-2'),
        teamsUserId('t-9'),
      ]);
      const byId = new Map(before.map((t) => [t.teamsUserId, t]));
      assert.equal(before.length, 2, 'unknown ids are left out');
      assert.deepEqual(byId.get(teamsUserId('t-1')), {
        teamsUserId: 't-1',
        email: 'CC@x.com',
        agentId: 'A1',
        sentPresence: null,
        teams: null,
      });
      assert.deepEqual(byId.get(teamsUserId('t-2'))?.teams, { availability: 'Busy', activity: 'InACall' });
      assert.equal(byId.get(teamsUserId('t-2'))?.agentId, null);
      const away = { availability: 'Away', activity: 'Away' };
      await h.directory.recordPresence([
        {
          teamsUserId: teamsUserId('t-2'),
          teams: { availability: 'Busy', activity: 'InACall' },
          sent: 'onCall',
        },
        { teamsUserId: teamsUserId('t-9'), teams: away, sent: 'away' },
      ]);
      await h.directory.recordPresence([{ teamsUserId: teamsUserId('t-1'), teams: away }]);
      const [t1] = await h.directory.presenceTargets([teamsUserId('t-1')]);
      assert.deepEqual(
        [t1?.teams, t1?.sentPresence],
        [away, null],
        'presence without a send keeps sent as it was',
      );
      // A refresh of the user (same id) keeps what was sent, so the next change is compared with it.
      await h.directory.putTeamsUsers([teams('t-2', 'solo@x.com', 'Solo Renamed')], 'r2');
      const [after] = await h.directory.presenceTargets([teamsUserId('t-2')]);
      assert.equal(after?.sentPresence, 'onCall');
      assert.deepEqual(after?.teams, { availability: 'Busy', activity: 'InACall' });
      assert.deepEqual(await h.directory.presenceTargets([]), []);
    });

    it('keeps named sync values', async () => {
      assert.equal(await h.directory.getSyncValue('users.deltaLink'), null);
      await h.directory.setSyncValue('users.deltaLink', 'https://graph/x');
      await h.directory.setSyncValue('users.deltaLink', 'https://graph/y');
      assert.equal(await h.directory.getSyncValue('users.deltaLink'), 'https://graph/y');
      await h.directory.setSyncValue('users.deltaLink', null);
      assert.equal(await h.directory.getSyncValue('users.deltaLink'), null);
    });
  });
}
