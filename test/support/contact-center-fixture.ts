// Switchboard with a local contact center receiving its signed requests, and agent A100 linked to a Teams
// user whose own Teams client shows Available: the starting point of every Teams → contact center test.
import { startReceiver, type Receiver } from '../outbound/receiver';
import { CC_SECRET, newTeamsUserId, startFixture, type Fixture } from './switchboard-fixture';

export interface ContactCenterFixture {
  readonly f: Fixture;
  readonly cc: Receiver;
  readonly user: string;
  /** The agent.state.requested bodies the contact center accepted, in arrival order. */
  requests(): any[];
  close(): Promise<void>;
}

export async function startWithContactCenter(env: Record<string, string>): Promise<ContactCenterFixture> {
  const cc = await startReceiver(CC_SECRET, () => Date.now() / 1000);
  const f = await startFixture({ CC_OUTBOUND_URL: cc.url, ...env });
  const user = newTeamsUserId();
  f.emulator.setClientPresence(user, { availability: 'Available', activity: 'Available' });
  await f.admin('PUT', '/api/admin/links/A100', { teamsUserId: user });
  return {
    f,
    cc,
    user,
    requests: () => cc.accepted().filter((b) => b.type === 'agent.state.requested'),
    async close() {
      await f.close();
      await cc.close();
    },
  };
}
