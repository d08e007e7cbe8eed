// Store contract, part: agent ↔ Teams user links and settings.
import assert from 'node:assert/strict';
import { teamsUserId } from '../../../src/domain/ids';
import { A, B, C, T, link, rejectsWithCode, type StoreUnderTest } from './samples';

export function linksContract(store: StoreUnderTest): void {
  describe('links', () => {
    it('creates a link and finds it from either side', async () => {
      assert.equal(await store().putLink(link(A, 'u-1', T, 'ann@x.test')), 'created');
      assert.equal(await store().putLink(link(B, 'u-2')), 'created');
      assert.deepEqual(await store().getLinkByAgent(A), link(A, 'u-1', T, 'ann@x.test'));
      assert.deepEqual(await store().getLinkByTeamsUser(teamsUserId('u-2')), link(B, 'u-2'));
      assert.equal(await store().getLinkByAgent(C), null);
      assert.equal(await store().getLinkByTeamsUser(teamsUserId('u-9')), null);
      assert.deepEqual(await store().listLinks(), [link(A, 'u-1', T, 'ann@x.test'), link(B, 'u-2')]);
    });

    it('updates a link: same Teams user keeps createdAt, a new Teams user frees the old one', async () => {
      await store().putLink(link(A, 'u-1', T));
      assert.equal(
        await store().putLink(link(A, 'u-1', '2025-04-01T00:00:00.000Z', 'ann@x.test')),
        'updated',
      );
      assert.deepEqual(await store().getLinkByAgent(A), link(A, 'u-1', T, 'ann@x.test'));
      assert.equal(await store().putLink(link(A, 'u-2', '2025-05-01T00:00:00.000Z')), 'updated');
      assert.deepEqual(await store().getLinkByAgent(A), link(A, 'u-2', '2025-05-01T00:00:00.000Z'));
      assert.equal(await store().getLinkByTeamsUser(teamsUserId('u-1')), null);
      assert.equal(await store().putLink(link(B, 'u-1')), 'created');
    });

    it('refuses a Teams user already linked to another agent and changes nothing', async () => {
      await store().putLink(link(A, 'u-1'));
      await store().putLink(link(B, 'u-2'));
      await rejectsWithCode(store().putLink(link(B, 'u-1')), 'link_conflict');
      await rejectsWithCode(store().putLink(link(C, 'u-1')), 'link_conflict');
      assert.deepEqual(await store().listLinks(), [link(A, 'u-1'), link(B, 'u-2')]);
    });

    it('deletes a link, reporting whether there was one', async () => {
      await store().putLink(link(A, 'u-1'));
      assert.equal(await store().deleteLink(A), true);
      assert.equal(await store().deleteLink(A), false);
      assert.equal(await store().getLinkByTeamsUser(teamsUserId('u-1')), null);
      assert.deepEqual(await store().listLinks(), []);
      assert.equal(await store().putLink(link(B, 'u-1')), 'created');
    });
  });

  describe('settings', () => {
    it('returns null for an unknown key, then the latest value put', async () => {
      assert.equal(await store().getSetting('profile'), null);
      await store().putSetting('profile', '8x8');
      await store().putSetting('profile', 'vonage');
      await store().putSetting('other', '');
      assert.equal(await store().getSetting('profile'), 'vonage');
      assert.equal(await store().getSetting('other'), '');
    });
  });
}
