// The presence resource as Graph returns it (Microsoft Learn, resources/presence, presenceStatusMessage).
// An app reads other users' presence, so a status message comes without its publishedDateTime and
// expiryDateTime ("not available when you request the presence of another user"); /_emulator shows them.
import type { PresenceView } from './presence-store';

export interface PresenceResource {
  readonly id: string;
  readonly availability: string;
  readonly activity: string;
  readonly statusMessage: {
    readonly message: { readonly content: string; readonly contentType: 'text' };
  } | null;
  readonly sequenceNumber: string;
  readonly outOfOfficeSettings: { readonly message: null; readonly isOutOfOffice: false };
}

export function presenceResource(p: PresenceView): PresenceResource {
  const m = p.statusMessage;
  return {
    id: p.id,
    availability: p.availability,
    activity: p.activity,
    statusMessage: m ? { message: { content: m.content, contentType: 'text' } } : null,
    sequenceNumber: p.sequenceNumber,
    outOfOfficeSettings: { message: null, isOutOfOffice: false },
  };
}
