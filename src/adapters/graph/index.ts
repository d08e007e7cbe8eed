// The Microsoft Graph adapter: client construction (shared by presence and, later, subscriptions),
// token providers and the PresenceGateway.
export {
  createGraphClient,
  splitGraphBaseUrl,
  DEFAULT_MAX_RETRIES,
  type GraphClientOptions,
} from './graph-client';
export {
  graphRequest,
  graphErrorOf,
  segment,
  type GraphMethod,
  type GraphResponse,
  type GraphErrorInfo,
} from './graph-request';
export { GraphPresenceGateway, MAX_PRESENCE_IDS } from './graph-presence-gateway';
export {
  staticToken,
  msalClientCredentials,
  GRAPH_DEFAULT_SCOPE,
  type TokenProvider,
  type MsalClientCredentialsOptions,
} from './token-providers';
