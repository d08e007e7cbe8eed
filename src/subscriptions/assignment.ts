// Spreads the linked users over the sync accounts, at most `capacity` each. Stable: a user stays with the
// account that already watches it while both remain, so adding or removing one user changes one subscription
// only. New users go to the least loaded account (ties by name); users beyond every account's capacity are
// left out (the polling fallback covers them).

export interface AccountLoad {
  readonly name: string;
  /** The users assigned to this account before. */
  readonly users: readonly string[];
}

export interface Assignment {
  /** Every account named in the input, with its users (possibly none), in input order. */
  readonly byAccount: ReadonlyMap<string, readonly string[]>;
  /** Linked users no account has room for. */
  readonly overflow: readonly string[];
}

/**
 * `others` (directory people who are not linked agents) fill the room the linked users leave, after them:
 * they never take a place a linked user needs, keep their account while it has room, and are not overflow
 * when there is none (their own poller covers them).
 */
export function assignUsers(
  accounts: readonly AccountLoad[],
  linkedUsers: Iterable<string>,
  capacity: number,
  others: Iterable<string> = [],
): Assignment {
  const linked = new Set(linkedUsers);
  const taken = new Set<string>();
  const byAccount = new Map<string, string[]>();
  for (const account of accounts) {
    const kept = account.users.filter((u) => linked.has(u) && !taken.has(u)).slice(0, capacity);
    kept.forEach((u) => taken.add(u));
    byAccount.set(account.name, kept);
  }
  const waiting = [...linked].filter((u) => !taken.has(u)).sort();
  const overflow: string[] = [];
  const order = [...byAccount.keys()].sort();
  for (const user of waiting) {
    const target = leastLoaded(order, byAccount, capacity);
    if (target) target.push(user);
    else overflow.push(user);
  }
  fillWithOthers(accounts, byAccount, new Set([...others].filter((u) => !linked.has(u))), capacity);
  return { byAccount, overflow };
}

function fillWithOthers(
  accounts: readonly AccountLoad[],
  byAccount: Map<string, string[]>,
  others: Set<string>,
  capacity: number,
): void {
  const taken = new Set<string>();
  for (const account of accounts) {
    const users = byAccount.get(account.name) ?? [];
    for (const u of account.users) {
      if (users.length >= capacity) break;
      if (others.has(u) && !taken.has(u)) {
        users.push(u);
        taken.add(u);
      }
    }
  }
  const order = [...byAccount.keys()].sort();
  for (const user of [...others].filter((u) => !taken.has(u)).sort()) {
    const target = leastLoaded(order, byAccount, capacity);
    if (!target) return;
    target.push(user);
  }
}

function leastLoaded(
  order: readonly string[],
  byAccount: Map<string, string[]>,
  capacity: number,
): string[] | null {
  let best: string[] | null = null;
  for (const name of order) {
    const users = byAccount.get(name);
    if (users && users.length < capacity && (best === null || users.length < best.length)) best = users;
  }
  return best;
}

/** Same members, in any order. */
export function sameUsers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((u) => set.has(u));
}
