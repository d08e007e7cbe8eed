// Graph presence subscriptions, made with a sync account's delegated token (presence subscriptions do not
// accept application tokens). Adapter: src/adapters/graph/graph-subscriptions.ts.

export interface SubscriptionRequest {
  /** `/communications/presences?$filter=id in ('a','b')` or `/communications/presences/{id}`; ≤ 650 users. */
  readonly resource: string;
  readonly notificationUrl: string;
  readonly lifecycleNotificationUrl: string;
  /** ISO time; Graph allows at most 60 minutes ahead for presence. */
  readonly expirationDateTime: string;
  /** Our per-subscription secret (≤ 128 characters), echoed in every notification. */
  readonly clientState: string;
  /** Present: rich notifications (includeResourceData) encrypted for this certificate. */
  readonly encryption?: { readonly certificate: string; readonly certificateId: string };
}

export interface SubscriptionTerms {
  readonly id: string;
  /** When Graph will drop it unless renewed (ms since the epoch), as Graph answered. */
  readonly expiresAt: number;
}

/** Expected failures are values. notFound: Graph no longer knows the subscription (404). */
export type GatewayFailure = {
  readonly ok: false;
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly notFound: boolean;
  /** 409: this account already holds a presence subscription for our application. */
  readonly conflict: boolean;
};

export type SubscriptionOutcome =
  { readonly ok: true; readonly subscription: SubscriptionTerms } | GatewayFailure;
export type GatewayOutcome = { readonly ok: true } | GatewayFailure;

export interface SubscriptionGateway {
  /** POST /subscriptions. Graph runs the validation handshake against both URLs before answering. */
  create(accessToken: string, request: SubscriptionRequest): Promise<SubscriptionOutcome>;
  /** PATCH /subscriptions/{id} with a new expirationDateTime. */
  renew(accessToken: string, id: string, expirationDateTime: string): Promise<SubscriptionOutcome>;
  /** DELETE /subscriptions/{id}. A 404 counts as success: the goal (no subscription) is reached. */
  delete(accessToken: string, id: string): Promise<GatewayOutcome>;
  /** POST /subscriptions/{id}/reauthorize, the answer to a reauthorizationRequired lifecycle event. */
  reauthorize(accessToken: string, id: string): Promise<GatewayOutcome>;
  /** Ids of the presence subscriptions this account holds for our application (to clean up after a crash). */
  list(accessToken: string): Promise<{ readonly ok: true; readonly ids: readonly string[] } | GatewayFailure>;
  // Transport failures (no HTTP answer) are thrown; callers treat them as "Graph down, retry later".
}
