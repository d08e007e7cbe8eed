// Graph's setStatusMessage (Microsoft Learn, presence-setstatusmessage and resources/presencestatusmessage):
// `{"statusMessage": {"message": {"content", "contentType": "text"}, "expiryDateTime"?: {"dateTime",
// "timeZone"}}}`. An empty content clears the message. The emulator knows the UTC time zone only.
import { type GraphHandler, param } from './graph-call';
import { fail, isRecord, ok, type Reply } from './http-kit';
import type { PresenceStore } from './presence-store';

const UTC_NAMES = new Set(['utc', 'etc/utc', 'coordinated universal time', 'gmt']);
/** A dateTime without an offset ("shouldn't include time zone"), fractions up to 7 digits. */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?$/;

const badRequest = (message: string): Reply => fail(400, 'BadRequest', message);

/** Epoch ms of the expiry, undefined for none, or a 400 reply. */
function expiryIn(raw: unknown): number | undefined | Reply {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw) || typeof raw.dateTime !== 'string' || typeof raw.timeZone !== 'string') {
    return badRequest('expiryDateTime must be a dateTimeTimeZone: {"dateTime": "…", "timeZone": "…"}.');
  }
  if (!LOCAL_DATE_TIME.test(raw.dateTime)) {
    return badRequest(
      `The expiryDateTime.dateTime '${raw.dateTime}' is invalid: use yyyy-MM-ddTHH:mm:ss without an offset.`,
    );
  }
  if (!UTC_NAMES.has(raw.timeZone.toLowerCase())) {
    return badRequest(`The time zone '${raw.timeZone}' is not supported by the emulator; use "UTC".`);
  }
  const ms = Date.parse(`${raw.dateTime.slice(0, 23)}Z`);
  return Number.isNaN(ms) ? badRequest(`The expiryDateTime '${raw.dateTime}' is not a date.`) : ms;
}

export function setStatusMessage(store: PresenceStore): GraphHandler {
  return (call) => {
    const { body } = call;
    const statusMessage = isRecord(body) ? body.statusMessage : undefined;
    if (!isRecord(statusMessage)) return badRequest('The statusMessage parameter is required.');
    const message = statusMessage.message;
    if (!isRecord(message) || typeof message.content !== 'string') {
      return badRequest(
        'statusMessage.message must be an itemBody: {"content": "…", "contentType": "text"}.',
      );
    }
    const contentType = message.contentType ?? 'text';
    if (typeof contentType !== 'string' || contentType.toLowerCase() !== 'text') {
      return badRequest(`The contentType '${String(contentType)}' is not supported; only 'text' is.`);
    }
    const expiry = expiryIn(statusMessage.expiryDateTime);
    if (typeof expiry === 'object') return expiry;
    store.setStatusMessage(param(call, 0), message.content, expiry);
    return ok();
  };
}
