// What each linking refusal means for the person in front of the tab (codes: docs/INTEGRATION.md).
import type { ApiResult } from './api';

type Failure = Extract<ApiResult<unknown>, { ok: false }>;

export interface Explained {
  readonly title: string;
  readonly message: string;
  /** True when the pending request is gone and the user must start again with the agent id. */
  readonly restart: boolean;
}

export function explainLinkFailure(failure: Failure): Explained {
  switch (failure.code) {
    case 'link_conflict':
      return {
        title: 'Already linked to someone else',
        message: `${failure.message} One Teams user per agent and one agent per Teams user: ask an administrator to sort it out.`,
        restart: true,
      };
    case 'invalid_code':
      return { title: 'That code is not right', message: failure.message, restart: false };
    case 'code_expired':
      return {
        title: 'The code has expired',
        message: 'Ask for a new code: codes work for a few minutes only.',
        restart: true,
      };
    case 'too_many_attempts':
      return {
        title: 'Too many wrong codes',
        message: 'After 5 wrong codes the request is void. Start again with your agent id.',
        restart: true,
      };
    case 'not_found':
      return {
        title: 'Self-service linking is not available here',
        message: 'This Switchboard does not offer it yet; ask an administrator to link you.',
        restart: true,
      };
    default:
      return { title: `Switchboard refused (${failure.code})`, message: failure.message, restart: false };
  }
}
