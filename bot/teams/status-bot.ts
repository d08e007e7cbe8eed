// The Teams bot, personal scope: "status" tells the user their contact-center state, their Teams presence
// as Switchboard sees it, and the last sync decision with its reason.
import { TeamsActivityHandler, type TurnContext } from 'botbuilder';
import { teamsUserId } from '../../src/domain/ids';
import { agentStatus } from '../../src/sync/agent-status';
import type { SyncDeps } from '../../src/sync/sync-deps';

const HELP =
  'Switchboard keeps your contact-center state and your Teams presence in step. Say **status** to see both and the last sync decision.';

export class StatusBot extends TeamsActivityHandler {
  constructor(private readonly sync: SyncDeps) {
    super();
    this.onMessage(async (context, next) => {
      const text = (context.activity.text ?? '')
        .replace(/<at>.*?<\/at>/g, '')
        .trim()
        .toLowerCase();
      await context.sendActivity(text === 'status' ? await this.statusText(context) : HELP);
      await next();
    });
  }

  private async statusText(context: TurnContext): Promise<string> {
    const userId = context.activity.from.aadObjectId;
    const link = userId ? await this.sync.store.getLinkByTeamsUser(teamsUserId(userId.toLowerCase())) : null;
    if (!link) return 'You are not linked to a contact-center agent yet. Ask your administrator to link you.';
    const status = await agentStatus(this.sync, link.agentId);
    const teams = status?.teams ? `${status.teams.availability}/${status.teams.activity}` : 'unknown';
    const last = status?.lastDecision ? `\n\nLast decision: ${status.lastDecision.reason}` : '';
    return `Agent ${link.agentId}: contact center **${status?.ccState ?? 'unknown'}**, Teams **${teams}**.${last}`;
  }
}
