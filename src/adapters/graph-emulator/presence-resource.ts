// The presence resource as Graph returns it (Microsoft Learn, resources/presence).
import type { PresenceView } from './presence-store';

export interface PresenceResource {
  readonly id: string;
  readonly availability: string;
  readonly activity: string;
  readonly statusMessage: null;
  readonly sequenceNumber: string;
  readonly outOfOfficeSettings: { readonly message: null; readonly isOutOfOffice: false };
}

export function presenceResource(p: PresenceView): PresenceResource {
  return {
    id: p.id,
    availability: p.availability,
    activity: p.activity,
    statusMessage: null,
    sequenceNumber: p.sequenceNumber,
    outOfOfficeSettings: { message: null, isOutOfOffice: false },
  };
}
