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

export function assignUsers(
  accounts: readonly AccountLoad[],
  linkedUsers: Iterable<string>,
  capacity: number,
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
  return { byAccount, overflow };
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
