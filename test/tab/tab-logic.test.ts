// The tab's pure pieces: the sync state in one phrase, decisions in words, linking refusals explained,
// the live stream's message split, link search, import rows, health series and the chart's geometry.
import assert from 'node:assert/strict';
import { agentId, teamsUserId } from '../../src/domain/ids';
import type { AgentStatusView, TabMe } from '../../tab/api';
import { filterLinks } from '../../tab/admin-links';
import { badgeFor, shownPresence } from '../../tab/contact-row';
import { healthSeries } from '../../tab/health-model';
import { importRows } from '../../tab/import-result';
import { explainLinkFailure } from '../../tab/link-messages';
import { splitSseMessages } from '../../tab/live';
import { linePoints } from '../../tab/spark-chart';
import { decisionHeadline, syncStateOf } from '../../tab/sync-state';

const user = { oid: 'u1', name: 'Ada', upn: 'ada@contoso.example' };
const agent: AgentStatusView = {
  agentId: agentId('A100'),
  displayName: 'Ada',
  ccState: 'Available',
  ccChangedBy: 'system',
  teams: null,
  linked: true,
  teamsUserId: teamsUserId('u1'),
  session: null,
  hold: null,
  statusMessage: null,
  preferredPresence: null,
  lastDecision: null,
  recentDecisions: [],
  outbound: { pending: 0, parked: [] },
};
const me = (over: Partial<TabMe>): TabMe => ({ user, agent, ...over });

describe('tab logic', () => {
  it('names the sync state: not linked, pending, held by a Teams call, paused by a manual change, active', () => {
    assert.equal(syncStateOf(me({ agent: null })).kind, 'not-linked');
    assert.equal(syncStateOf(me({ agent: null, link: { state: 'pending', agentId: 'A9' } })).kind, 'pending');
    const hold = { requested: 'Work Offline', restoreTo: 'Available', since: '2026-01-01T10:00:00Z' };
    const held = syncStateOf(me({ agent: { ...agent, hold } }));
    assert.equal(held.label, 'Held by a Teams call');
    assert.match(held.detail, /Work Offline .* back to Available/);
    assert.equal(
      syncStateOf(me({ agent: { ...agent, ccChangedBy: 'agent' } })).label,
      'Paused by a manual change',
    );
    assert.equal(syncStateOf(me({})).label, 'Active');
    // A server that names the link wins over what the agent field suggests.
    assert.equal(syncStateOf(me({ link: { state: 'none' } })).kind, 'not-linked');
  });

  it('says each decision plainly, each presence word once', () => {
    const base = { at: '2026-01-01T11:02:00Z', reason: 'r' };
    assert.equal(
      decisionHeadline({ ...base, direction: 'teams-to-cc', from: 'Busy/InACall', to: 'Work Offline' }),
      'Teams showed Busy/InACall → contact center asked for Work Offline',
    );
    assert.equal(
      decisionHeadline({ ...base, direction: 'teams-to-cc', from: 'Available/Available', to: 'no change' }),
      'Teams showed Available: contact-center state left as it was',
    );
    assert.equal(
      decisionHeadline({ ...base, direction: 'cc-to-teams', from: 'Busy', to: 'In a call' }),
      'Contact center went Busy → Teams shows In a call',
    );
  });

  it('explains each linking refusal and whether to start again', () => {
    const f = (code: string, message = 'm') => explainLinkFailure({ ok: false, status: 400, code, message });
    assert.equal(f('link_conflict').restart, true);
    assert.match(f('link_conflict').message, /one agent per Teams user/);
    const wrong = f('invalid_code', 'Wrong code: 3 attempts left');
    assert.equal(wrong.restart, false);
    assert.equal(wrong.message, 'Wrong code: 3 attempts left');
    assert.equal(f('code_expired').title, 'The code has expired');
    assert.match(f('too_many_attempts').message, /5 wrong codes/);
    assert.equal(f('something_new').title, 'Switchboard refused (something_new)');
  });

  it('splits server-sent events, keeping the unfinished tail and ignoring keep-alive comments', () => {
    const { messages, rest } = splitSseMessages('event: status\ndata: {}\n\n: keep-alive\n\ndata: {"a"');
    assert.deepEqual(messages, ['event: status\ndata: {}']);
    assert.equal(rest, 'data: {"a"');
    assert.equal(splitSseMessages('data: x\r\n\r\n').messages.length, 1);
  });

  it('searches links by agent, user id or UPN and filters by UPN', () => {
    const links = [
      { agentId: 'A1', teamsUserId: 'aaa', upn: 'ada@x' },
      { agentId: 'B2', teamsUserId: 'bbb' },
    ];
    assert.deepEqual(
      filterLinks(links, 'ADA', 'all').map((l) => l.agentId),
      ['A1'],
    );
    assert.deepEqual(
      filterLinks(links, 'bb', 'all').map((l) => l.agentId),
      ['B2'],
    );
    assert.deepEqual(
      filterLinks(links, '', 'no-upn').map((l) => l.agentId),
      ['B2'],
    );
    assert.deepEqual(
      filterLinks(links, '', 'upn').map((l) => l.agentId),
      ['A1'],
    );
  });

  it('lists every import row with its outcome, conflicts with their reason', () => {
    const rows = importRows({
      created: ['A1'],
      updated: [{ agentId: 'A2' }],
      unchanged: [],
      conflicts: [{ agentId: 'A3', reason: 'Teams user already linked to A9' }],
      unknown: [{ agentId: 'A4', reason: 'no such UPN' }],
    });
    assert.deepEqual(
      rows.map((r) => [r.agentId, r.label, r.reason]),
      [
        ['A1', 'Created', ''],
        ['A2', 'Updated', ''],
        ['A3', 'Conflict', 'Teams user already linked to A9'],
        ['A4', 'Unknown user', 'no such UPN'],
      ],
    );
  });

  it("keeps an hour of health samples, or takes the server's history when it sends one", () => {
    const hour = 3_600_000;
    const body = {
      users: [
        { agentId: 'A1', lagMs: 1200 },
        { agentId: 'A2', lag: 300 },
      ],
      quota: { used: 40, limit: 1500 },
    };
    const old = { quota: [{ at: 0, value: 5 }], lag: [{ at: 0, value: 9 }] };
    const s = healthSeries(body, old, hour + 10, hour);
    assert.deepEqual(s.quota, [{ at: hour + 10, value: 40 }]);
    assert.deepEqual(s.lag, [{ at: hour + 10, value: 1200 }]);
    const history = [{ at: new Date(hour).toISOString(), quotaUsed: 7, lagMs: 50 }];
    assert.deepEqual(healthSeries({ ...body, history }, old, hour + 10, hour).quota, [
      { at: hour, value: 7 },
    ]);
  });

  it('draws the chart inside its box, a full quota at the top', () => {
    const pts = linePoints(
      [
        { at: 0, value: 0 },
        { at: 100, value: 1500 },
        { at: 50, value: 9999 },
      ],
      0,
      100,
      1500,
    );
    assert.equal(pts, '4.0,76.0 296.0,4.0 150.0,4.0');
  });

  it("shows no presence word for Graph's PresenceUnknown or a person without presence", () => {
    assert.equal(shownPresence({ presence: { source: 'teams', value: 'PresenceUnknown' } }), null);
    assert.equal(shownPresence({ presence: null }), null);
    assert.equal(shownPresence({ presence: { source: 'teams', value: 'Busy' } }), 'Busy');
  });

  it('maps presence words of both worlds to a badge', () => {
    assert.equal(badgeFor('InAMeeting'), 'busy');
    assert.equal(badgeFor('onCall'), 'busy');
    assert.equal(badgeFor('DoNotDisturb'), 'do-not-disturb');
    assert.equal(badgeFor('BeRightBack'), 'away');
    assert.equal(badgeFor(null), 'unknown');
  });
});
