// Group commit for the embedded store. With synchronous=FULL every transaction costs one fsync (~4 ms), and
// better-sqlite3 does it on the event loop, so one transaction per agent run capped the engine at ~120 runs/s
// and held every ingest POST behind the runs' fsyncs. Writes queued in the same turn of the event loop are
// applied together in ONE IMMEDIATE transaction, each in its own savepoint: a write that throws rolls back
// only its own part and rejects only its own caller. Each caller's promise settles after the outer COMMIT has
// returned, so "resolved" still means "on disk" (ingest answers 202 only then, and an agent run's Graph call
// made before its commit is made again after a crash that comes before the COMMIT).
import type Database from 'better-sqlite3';

interface Queued {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** Writes in one outer transaction at most; a larger queue is committed in several. */
export const MAX_GROUP = 256;
/** A group that follows another lingers until this long after it (a lone write goes at once). */
export const LINGER_MS = 2;

export class GroupCommit {
  private queue: Queued[] = [];
  private scheduled = false;
  private groups = 0;
  private writes = 0;
  private lastGroupAt = -Infinity;

  constructor(private readonly db: Database.Database) {}

  /** Runs work (synchronous statements) in the next group transaction; resolves once that is committed. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate, not a microtask: the I/O callbacks of this poll phase (Graph answers, POST bodies)
        // get to queue their writes first. Right after a group (a busy loop), the next one lingers until
        // LINGER_MS after it, so it gathers the writes of several turns: fewer fsyncs holding the loop.
        const wait = this.lastGroupAt + LINGER_MS - performance.now();
        if (wait > 0) setTimeout(() => this.flush(), wait);
        else setImmediate(() => this.flush());
      }
    });
  }

  /** Outer transactions committed and writes in them so far (diagnostics, tests). */
  stats(): { groups: number; writes: number } {
    return { groups: this.groups, writes: this.writes };
  }

  /** Commits what is queued now (also called before the connection closes, so no write is left behind). */
  flush(): void {
    this.scheduled = false;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_GROUP);
      this.commitGroup(batch);
    }
  }

  private commitGroup(batch: readonly Queued[]): void {
    let outcomes: Outcome[];
    try {
      outcomes = this.db.transaction(() => batch.map((item) => this.inSavepoint(item.work))).immediate();
    } catch (error) {
      // The outer transaction failed (busy, disk full, ...): nothing of the group was applied.
      for (const item of batch) item.reject(error);
      return;
    }
    this.groups += 1;
    this.writes += batch.length;
    this.lastGroupAt = performance.now();
    outcomes.forEach((outcome, i) => {
      const item = batch[i];
      if (!item) return;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  /** A nested better-sqlite3 transaction is a SAVEPOINT: on a throw only this write is rolled back. */
  private inSavepoint(work: () => unknown): Outcome {
    try {
      return { ok: true, value: this.db.transaction(work)() };
    } catch (error) {
      return { ok: false, error };
    }
  }
}
