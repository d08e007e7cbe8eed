// The emulated tenant's users (Entra directory objects): looked up by id or UPN, by mail or UPN
// case-insensitively as Graph does, listed in a stable order (by id) for paging, and versioned so /users/delta
// can tell what changed since a token. Deleted users leave a tombstone with the version of their removal.
import { randomUUID } from 'node:crypto';

export interface EmulatedUser {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  readonly mail: string | null;
  readonly jobTitle: string | null;
}

interface Versioned {
  readonly user: EmulatedUser;
  readonly version: number;
}

export interface UsersSnapshot {
  readonly version: number;
  readonly users: readonly (EmulatedUser & { readonly version: number })[];
  readonly removed: readonly (readonly [string, number])[];
}

/** A change since some version: the user as it is now, or the id of a removed one. */
export type UserChange =
  | { readonly kind: 'changed'; readonly user: EmulatedUser }
  | { readonly kind: 'removed'; readonly id: string };

const key = (value: string): string => value.toLowerCase();

export class UsersStore {
  private readonly byId = new Map<string, Versioned>();
  private readonly removed = new Map<string, number>();
  private readonly idByUpn = new Map<string, string>();
  private sorted: string[] | null = null;
  private counter = 0;

  get version(): number {
    return this.counter;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Adds or replaces (same id, or same UPN) a user; 'upn_taken' when another user has that UPN. */
  upsert(input: Omit<EmulatedUser, 'id'> & { readonly id?: string }): EmulatedUser | 'upn_taken' {
    const holder = this.byUpn(input.userPrincipalName);
    if (input.id !== undefined && holder && holder.user.id !== input.id) return 'upn_taken';
    const existing = input.id !== undefined ? this.byId.get(input.id) : holder;
    const id = input.id ?? existing?.user.id ?? randomUUID();
    const user: EmulatedUser = { ...input, id };
    this.counter += 1;
    if (!this.byId.has(id)) this.sorted = null;
    if (existing) this.idByUpn.delete(key(existing.user.userPrincipalName));
    this.byId.set(id, { user, version: this.counter });
    this.idByUpn.set(key(user.userPrincipalName), id);
    this.removed.delete(id);
    return user;
  }

  /** False when there is no such user. */
  remove(id: string): boolean {
    const entry = this.byId.get(id);
    if (!entry) return false;
    this.byId.delete(id);
    this.idByUpn.delete(key(entry.user.userPrincipalName));
    this.counter += 1;
    this.removed.set(id, this.counter);
    this.sorted = null;
    return true;
  }

  /** By object id, or by UPN case-insensitively (Graph's /users/{id | userPrincipalName}). */
  get(idOrUpn: string): EmulatedUser | undefined {
    return this.byId.get(idOrUpn)?.user ?? this.byUpn(idOrUpn)?.user;
  }

  /** Users after `afterId` in id order, at most `limit`. */
  page(afterId: string | undefined, limit: number): EmulatedUser[] {
    const ids = this.ids();
    const start = afterId === undefined ? 0 : upperBound(ids, afterId);
    return ids.slice(start, start + limit).map((id) => (this.byId.get(id) as Versioned).user);
  }

  /** Changes with a version in (since, upTo], in id order after `afterId`, at most `limit`. */
  changes(since: number, upTo: number, afterId: string | undefined, limit: number): UserChange[] {
    const inRange = (v: number): boolean => v > since && v <= upTo;
    const out: { id: string; change: UserChange }[] = [];
    for (const [id, entry] of this.byId)
      if (inRange(entry.version)) out.push({ id, change: { kind: 'changed', user: entry.user } });
    for (const [id, version] of this.removed)
      if (inRange(version)) out.push({ id, change: { kind: 'removed', id } });
    out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const start = afterId === undefined ? 0 : out.findIndex((c) => c.id > afterId);
    return start < 0 ? [] : out.slice(start, start + limit).map((c) => c.change);
  }

  /** Users whose mail or UPN equals `address` case-insensitively. */
  matching(field: 'mail' | 'userPrincipalName', address: string): EmulatedUser[] {
    const wanted = key(address);
    return [...this.byId.values()]
      .map((v) => v.user)
      .filter((u) => {
        const value = u[field];
        return value !== null && key(value) === wanted;
      });
  }

  reset(): void {
    this.byId.clear();
    this.removed.clear();
    this.idByUpn.clear();
    this.sorted = null;
    this.counter = 0;
  }

  snapshot(): UsersSnapshot {
    return {
      version: this.counter,
      users: [...this.byId.values()].map(({ user, version }) => ({ ...user, version })),
      removed: [...this.removed],
    };
  }

  restore(snapshot: UsersSnapshot): void {
    this.reset();
    for (const { version, ...user } of snapshot.users) {
      this.byId.set(user.id, { user, version });
      this.idByUpn.set(key(user.userPrincipalName), user.id);
    }
    for (const [id, version] of snapshot.removed) this.removed.set(id, version);
    this.counter = snapshot.version;
  }

  private byUpn(upn: string): Versioned | undefined {
    const id = this.idByUpn.get(key(upn));
    return id === undefined ? undefined : this.byId.get(id);
  }

  private ids(): string[] {
    this.sorted ??= [...this.byId.keys()].sort();
    return this.sorted;
  }
}

/** Index of the first id greater than `id` in the sorted list. */
function upperBound(ids: readonly string[], id: string): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ids[mid] as string) <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
