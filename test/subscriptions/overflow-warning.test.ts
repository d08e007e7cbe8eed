// Issue 7 item 6: in local mode one linked user and no sync account warned "more linked users than the sync
// accounts can watch". With no account every user is polled by design; only full accounts warn.
import assert from 'node:assert/strict';
import type { Logger } from '../../src/ports/logger.port';
import { newUserId, startHarness, type Harness } from './harness';

const OVERFLOW = 'more linked users than the sync accounts can watch; the rest are polled';

function recordingLogger(): { logger: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const none = () => undefined;
  return {
    logger: { debug: none, info: none, error: none, warn: (_f, msg) => warnings.push(msg) },
    warnings,
  };
}

describe('the sync accounts’ overflow warning', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('stays quiet for a linked user when no sync account is registered yet', async () => {
    const log = recordingLogger();
    h = await startHarness({ logger: log.logger });
    h.store.link(newUserId());
    await h.setup.manager.start();
    await h.setup.manager.reconcile();
    assert.equal(h.setup.manager.summary().overflowUsers, 1);
    assert.deepEqual(log.warnings, []);
  });

  it('warns once the registered accounts are full', async () => {
    const log = recordingLogger();
    h = await startHarness({ logger: log.logger, tuning: { capacity: 1 } });
    h.store.link(newUserId(), newUserId());
    await h.setup.manager.start();
    const upn = 'sync-a@contoso.com';
    const refreshToken = h.emulator.issueDelegatedRefreshToken(upn);
    assert.equal((await h.setup.manager.addAccount({ name: 'sync-a', refreshToken })).ok, true);
    await h.setup.manager.reconcile();
    assert.equal(h.setup.manager.summary().overflowUsers, 1);
    assert.deepEqual(log.warnings, [OVERFLOW]);
  });
});
