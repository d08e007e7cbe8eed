// The behaviour every IdentityStore adapter must have; run from identity-store-sqlite/postgres.test.ts with a
// function that opens a fresh, empty store (the Store and its IdentityStore on the same database).
import assert from 'node:assert/strict';
import { agentId, teamsUserId } from '../../src/domain/ids';
import type { IdentityStore, LinkRequest } from '../../src/ports/identity-store.port';
import type { Link, Store } from '../../src/ports/store.port';

export interface OpenedIdentity {
  readonly store: Store;
  readonly identity: IdentityStore;
  readonly cleanup: () => Promise<void>;
}

const A = agentId('A100');
const B = agentId('B200');
const U1 = teamsUserId('11111111-1111-4111-8111-111111111111');
const U2 = teamsUserId('22222222-2222-4222-8222-222222222222');
const T = '2026-01-01T10:00:00.000Z';
const LATER = '2026-01-01T10:10:00.000Z';
const HOUR_AGO = '2026-01-01T09:00:00.000Z';
const limit = { windowStart: HOUR_AGO, maxPerWindow: 3 };

const request = (user = U1, agent = A, codeHash = 'aa', at = T): LinkRequest => ({
  teamsUserId: user,
  agentId: agent,
  codeHash,
  expiresAt: LATER,
  attempts: 0,
  createdAt: at,
});
let outboundCounter = 0;
const outbound = (agent = A) => {
  outboundCounter += 1;
  const id = `lv-${process.pid}-${outboundCounter}`;
  return { id, agentId: agent, type: 'link.verification', body: { id, agentId: agent, code: '12345678' } };
};
const link = (agent: typeof A, user: typeof U1): Link => ({
  agentId: agent,
  teamsUserId: user,
  createdAt: T,
});

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: { code?: string }) => error.code === code);
}

export function identityStoreContract(name: string, open: () => Promise<OpenedIdentity>): void {
  describe(`IdentityStore contract: ${name}`, () => {
    let opened: OpenedIdentity;
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(() => opened.cleanup());
    const identity = () => opened.identity;
    const store = () => opened.store;

    it('stores a request with its outbound message in one step, and replaces it on a new request', async () => {
      assert.equal(await identity().putLinkRequest(request(), outbound(), limit), 1);
      assert.deepEqual(await identity().getLinkRequest(U1), request());
      const [queued] = await store().outboundFor(A);
      assert.equal(queued?.type, 'link.verification');
      await identity().takeAttempt(U1, 5);
      assert.equal(await identity().putLinkRequest(request(U1, B, 'bb'), outbound(B), limit), 2);
      assert.deepEqual(await identity().getLinkRequest(U1), request(U1, B, 'bb'));
      assert.equal(await identity().getLinkRequest(U2), null);
    });

    it('rate-limits requests per Teams user within the window, storing nothing when limited', async () => {
      for (let i = 1; i <= 3; i += 1)
        assert.equal(await identity().putLinkRequest(request(), outbound(), limit), i);
      const before = (await store().outboundFor(A)).length;
      assert.equal(await identity().putLinkRequest(request(U1, B), outbound(B), limit), 'rate_limited');
      assert.equal((await store().outboundFor(A)).length, before);
      assert.equal((await store().outboundFor(B)).length, 0);
      assert.equal((await identity().getLinkRequest(U1))?.agentId, A);
      // Withdrawing does not reset the window; a later window does.
      await identity().withdrawLinkRequest(U1);
      assert.equal(await identity().putLinkRequest(request(), outbound(), limit), 'rate_limited');
      const nextHour = { windowStart: LATER, maxPerWindow: 3 };
      assert.equal(
        await identity().putLinkRequest(
          request(U1, A, 'cc', '2026-01-01T11:00:00.000Z'),
          outbound(),
          nextHour,
        ),
        1,
      );
    });

    it('counts attempts before comparison and stops at the limit, even when they race', async () => {
      await identity().putLinkRequest(request(), outbound(), limit);
      const claims = await Promise.all(Array.from({ length: 8 }, () => identity().takeAttempt(U1, 5)));
      const claimed = claims.filter((c) => c.kind === 'claimed');
      assert.equal(claimed.length, 5);
      assert.equal(claims.filter((c) => c.kind === 'exhausted').length, 3);
      const counts = claimed.map((c) => (c.kind === 'claimed' ? c.request.attempts : 0)).sort();
      assert.deepEqual(counts, [1, 2, 3, 4, 5]);
      assert.deepEqual(await identity().takeAttempt(U2, 5), { kind: 'none' });
    });

    it('withdraws a request so it can no longer be tried', async () => {
      await identity().putLinkRequest(request(), outbound(), limit);
      assert.equal(await identity().withdrawLinkRequest(U1), true);
      assert.equal(await identity().withdrawLinkRequest(U1), false);
      assert.equal(await identity().getLinkRequest(U1), null);
      assert.deepEqual(await identity().takeAttempt(U1, 5), { kind: 'none' });
      await rejectsWith(identity().completeLinkRequest('aa', link(A, U1)), 'request_replaced');
    });

    it('completes a request: the link is made and the request is gone, atomically', async () => {
      await identity().putLinkRequest(request(), outbound(), limit);
      await rejectsWith(identity().completeLinkRequest('zz', link(A, U1)), 'request_replaced');
      assert.equal(await identity().completeLinkRequest('aa', link(A, U1)), 'created');
      assert.deepEqual(await store().getLinkByAgent(A), link(A, U1));
      assert.equal(await identity().getLinkRequest(U1), null);
    });

    it('refuses to complete when either side is linked to someone else, changing nothing', async () => {
      await store().putLink(link(A, U2));
      await identity().putLinkRequest(request(), outbound(), limit);
      await rejectsWith(identity().completeLinkRequest('aa', link(A, U1)), 'link_conflict');
      assert.notEqual(await identity().getLinkRequest(U1), null);
      await store().deleteLink(A);
      await store().putLink(link(B, U1));
      await rejectsWith(identity().completeLinkRequest('aa', link(A, U1)), 'link_conflict');
      assert.deepEqual(await store().listLinks(), [link(B, U1)]);
    });

    it('links only when both sides are free, never overwriting', async () => {
      assert.equal(await identity().linkIfFree(link(A, U1)), 'created');
      assert.equal(await identity().linkIfFree(link(A, U1)), 'unchanged');
      assert.equal(await identity().linkIfFree(link(A, U2)), 'conflict');
      assert.equal(await identity().linkIfFree(link(B, U1)), 'conflict');
      assert.deepEqual(await store().listLinks(), [link(A, U1)]);
    });

    it('applies a planned batch whole, or nothing when a link changed since the plan', async () => {
      await store().putLink(link(B, U2));
      await assert.rejects(
        identity().applyLinks([
          { link: link(A, U1), before: null },
          { link: link(B, U1), before: null },
        ]),
        (e: { code?: string }) => e.code === 'links_changed',
      );
      assert.deepEqual(await store().listLinks(), [link(B, U2)]);
      const u3 = teamsUserId('33333333-3333-4333-8333-333333333333');
      await identity().applyLinks([
        { link: link(A, U1), before: null },
        { link: link(B, u3), before: U2 },
      ]);
      assert.deepEqual(await store().listLinks(), [link(A, U1), link(B, u3)]);
    });

    it('records conflicts once per agent, user and source, newest first, and clears them', async () => {
      const c = { agentId: A, teamsUserId: U1, source: 'auto' as const, reason: 'r1', detectedAt: T };
      await identity().recordConflict(c);
      await identity().recordConflict({ ...c, reason: 'r2', detectedAt: LATER });
      await identity().recordConflict({
        agentId: B,
        teamsUserId: null,
        source: 'import',
        reason: 'r3',
        detectedAt: T,
      });
      assert.deepEqual(await identity().listConflicts(10), [
        { ...c, reason: 'r2', detectedAt: LATER },
        { agentId: B, teamsUserId: null, source: 'import', reason: 'r3', detectedAt: T },
      ]);
      await identity().clearConflicts(A);
      assert.equal((await identity().listConflicts(10)).length, 1);
      assert.equal(await identity().linkIfFree(link(B, U2)), 'created');
      assert.deepEqual(await identity().listConflicts(10), [], 'a new link clears its conflicts');
    });

    it('remembers which email automatic linking checked', async () => {
      assert.equal(await identity().autoLinkChecked(A), null);
      await identity().markAutoLinkChecked(A, 'ann@x.test', T);
      await identity().markAutoLinkChecked(A, 'ann2@x.test', LATER);
      assert.equal(await identity().autoLinkChecked(A), 'ann2@x.test');
    });

    it("gives a version that changes with the agent's state, decisions and link", async () => {
      assert.equal(await identity().agentVersion(A), null);
      await store().commit({
        agentStates: [
          {
            agentId: A,
            ccState: 'Available',
            ccStateAt: T,
            ccChangedBy: null,
            session: null,
            teams: null,
            hold: null,
          },
        ],
      });
      const v1 = await identity().agentVersion(A);
      assert.equal(typeof v1, 'string');
      assert.equal(await identity().agentVersion(A), v1);
      await store().commit({
        decisions: [
          {
            agentId: A,
            at: T,
            direction: 'cc-to-teams',
            from: 'a',
            to: 'b',
            action: { kind: 'none' },
            reason: 'r',
          },
        ],
      });
      const v2 = await identity().agentVersion(A);
      assert.notEqual(v2, v1);
      await store().putLink(link(A, U1));
      assert.notEqual(await identity().agentVersion(A), v2);
    });
  });
}
