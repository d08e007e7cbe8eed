// The shape every Graph route handler receives.
import type { Caller } from './caller';
import type { Reply } from './http-kit';

export interface GraphCall {
  readonly params: readonly string[];
  /** Parsed JSON body; undefined when the request had none. */
  readonly body: unknown;
  readonly query: URLSearchParams;
  readonly caller: Caller;
}

export type GraphHandler = (call: GraphCall) => Reply | Promise<Reply>;

export function param(call: GraphCall, index: number): string {
  return call.params[index] ?? '';
}
