// A sync decision is a value: what we did (or chose not to do) and why, in words a person can read.
import type { AgentId } from './ids';
import type { TeamsPresence } from './presence';
import type { RichAction } from './rich-presence';

export type Direction = 'cc-to-teams' | 'teams-to-cc';

export type DecisionAction =
  | { readonly kind: 'setPresence'; readonly presence: TeamsPresence }
  | { readonly kind: 'clearPresence' }
  | { readonly kind: 'requestState'; readonly state: string; readonly restore: boolean }
  /** Status message and preferred presence (issue #10 part 3). */
  | RichAction
  | { readonly kind: 'none' };

export interface Decision {
  readonly agentId: AgentId;
  /** ISO-8601 time the decision was made. */
  readonly at: string;
  readonly direction: Direction;
  /** The state we came from, e.g. "Busy" (CC) or "Busy/InACall" (Teams). */
  readonly from: string;
  /** What the other side should show, e.g. "In a call", or "no change". */
  readonly to: string;
  readonly action: DecisionAction;
  /** e.g. "Agent went Busy → Teams In a call (8x8 profile)". */
  readonly reason: string;
}
