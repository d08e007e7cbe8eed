// Reads users' Teams presence for basic change notifications, batching the reads that arrive together into
// getPresencesByUserId calls of at most 650 ids.
import type { TeamsUserId } from '../domain/ids';
import type { Clock } from '../ports/clock.port';
import type { ObservedPresence, PresenceGateway } from '../ports/presence-gateway.port';

export const MAX_IDS_PER_READ = 650;

interface Waiter {
  readonly userId: TeamsUserId;
  resolve(presence: ObservedPresence | null): void;
  reject(error: unknown): void;
}

export class BatchingPresenceReader {
  private waiting: Waiter[] = [];
  private scheduled = false;

  constructor(
    private readonly gateway: PresenceGateway,
    private readonly clock: Clock,
  ) {}

  /** The user's aggregate presence, or null if Graph returned none for them. Rejects when the read fails. */
  read(userId: TeamsUserId): Promise<ObservedPresence | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ userId, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        this.clock.setTimer(0, () => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    this.scheduled = false;
    for (let i = 0; i < batch.length; i += MAX_IDS_PER_READ) {
      const part = batch.slice(i, i + MAX_IDS_PER_READ);
      const ids = [...new Set(part.map((w) => w.userId))];
      try {
        const found = new Map((await this.gateway.getPresences(ids)).map((p) => [p.userId.toLowerCase(), p]));
        for (const w of part) w.resolve(found.get(w.userId.toLowerCase()) ?? null);
      } catch (error) {
        for (const w of part) w.reject(error);
      }
    }
  }
}
