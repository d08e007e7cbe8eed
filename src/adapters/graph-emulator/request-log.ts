// What the emulator was asked, for tests and the /_emulator/requests route. Capped so a long local run
// does not grow without bound.
export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly body: unknown;
  readonly at: number;
}

const MAX_ENTRIES = 5000;

export class RequestLog {
  private entries: LoggedRequest[] = [];

  record(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(): readonly LoggedRequest[] {
    return [...this.entries];
  }

  reset(): void {
    this.entries = [];
  }
}
