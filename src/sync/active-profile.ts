// The mapping profile in force; PUT /api/admin/mapping replaces it while the service runs.
import type { PresenceProfile } from '../domain/profile';

export class ActiveProfile {
  constructor(private current: PresenceProfile) {}

  get(): PresenceProfile {
    return this.current;
  }

  set(profile: PresenceProfile): void {
    this.current = profile;
  }

  /** State names an agent.state event may carry. */
  states(): ReadonlySet<string> {
    return new Set(Object.keys(this.current.ccToTeams));
  }
}
