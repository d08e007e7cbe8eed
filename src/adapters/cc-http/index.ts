// The contact center's inbound endpoint (CC_OUTBOUND_URL) over HTTP.
export {
  HttpContactCenterTransport,
  DEFAULT_DELIVERY_TIMEOUT_MS,
  type HttpContactCenterTransportOptions,
} from './cc-http-transport';
export { retryAfterMs } from './retry-after';
