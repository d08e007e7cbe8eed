// Seeding the emulated tenant's users: POST /_emulator/users and DELETE /_emulator/users/{id}, plus the
// handful of people local mode starts with so the directory has someone in it on a fresh machine.
import { z } from 'zod';
import { fail, ok, type Reply } from './http-kit';
import type { EmulatedUser, UsersStore } from './users-store';

/** At most this many users per seeding request (a 100,000-user bench seeds in batches). */
export const MAX_SEED_USERS = 5000;

const address = z
  .string()
  .min(3)
  .max(256)
  .regex(/^[^\s@]+@[^\s@]+$/, 'must look like name@domain');
const seedUser = z
  .object({
    id: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[^/?#\s]+$/, 'must not contain / ? # or spaces')
      .optional(),
    userPrincipalName: address,
    displayName: z.string().min(1).max(256),
    mail: address.nullable().optional(),
    jobTitle: z.string().min(1).max(128).nullable().optional(),
  })
  .strict();
const seedBody = z.union([
  z.object({ users: z.array(seedUser).min(1).max(MAX_SEED_USERS) }).strict(),
  seedUser,
]);

export type SeedUser = z.infer<typeof seedUser>;

/** Adds or replaces users; all or nothing (a UPN held by another id refuses the whole request). */
export function seedUsers(store: UsersStore, body: unknown): Reply {
  const parsed = seedBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'body';
    return fail(
      400,
      'invalid_request',
      `${where}: ${issue?.message ?? 'invalid'}. Send {"users": [{"userPrincipalName", "displayName", "mail"?, "jobTitle"?, "id"?}]}.`,
    );
  }
  const list = 'users' in parsed.data ? parsed.data.users : [parsed.data];
  const before = store.snapshot();
  const created: EmulatedUser[] = [];
  for (const input of list) {
    const user = store.upsert({
      ...(input.id !== undefined ? { id: input.id } : {}),
      userPrincipalName: input.userPrincipalName,
      displayName: input.displayName,
      mail: input.mail ?? null,
      jobTitle: input.jobTitle ?? null,
    });
    if (user === 'upn_taken') {
      store.restore(before);
      return fail(409, 'upn_taken', `${input.userPrincipalName} belongs to another user.`);
    }
    created.push(user);
  }
  return ok({ value: created }, 201);
}

export function removeUser(store: UsersStore, id: string): Reply {
  if (!store.remove(id)) return fail(404, 'not_found', `No user '${id}' in the emulated tenant.`);
  return { status: 204 };
}

/** Local mode's starting tenant. Fixed ids, so a restart without a state file finds the same people. */
export const DEFAULT_USERS: readonly EmulatedUser[] = [
  ['adele', 'Adele Vance', 'Retail Manager'],
  ['alex', 'Alex Wilber', 'Marketing Assistant'],
  ['diego', 'Diego Siciliani', 'HR Manager'],
  ['grady', 'Grady Archie', 'Designer'],
  ['lee', 'Lee Gu', 'Director'],
  ['megan', 'Megan Bowen', 'Marketing Manager'],
].map(([name = '', displayName = '', jobTitle = ''], index) => ({
  id: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
  userPrincipalName: `${name}@contoso.com`,
  displayName,
  mail: `${name}@contoso.com`,
  jobTitle,
}));

/** Seeds DEFAULT_USERS into an empty tenant (a restored one keeps what it had). */
export function seedDefaultUsers(store: UsersStore): void {
  if (store.size > 0 || store.version > 0) return;
  for (const user of DEFAULT_USERS) store.upsert(user);
}
