// Runs tasks one at a time in arrival order. The subscription manager's state changes (token rotation,
// create/renew/delete, admin edits) all go through one queue: a refresh token rotates on every use, so two
// overlapping redemptions would kill each other's grant.
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when every task queued so far has finished. */
  async idle(): Promise<void> {
    let seen: Promise<unknown> | null = null;
    while (seen !== this.tail) {
      seen = this.tail;
      await seen;
    }
  }
}
