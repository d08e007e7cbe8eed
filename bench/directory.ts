// `npx tsx bench/directory.ts [people]` (default 100,000): the contacts directory's figures. Seeds the Graph
// emulator with that many users, fills the embedded store through one full refresh (UsersRefresh over the
// Graph adapter, as the service does), adds 2,000 agents, then times list and search reads of
// DirectoryStore.listContacts (the whole of GET /api/directory/contacts but HTTP). Not a test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGraphEmulator } from '../src/adapters/graph-emulator';
import { randomUUID } from 'node:crypto';
import { createGraphClient, GraphPresenceGateway, staticToken } from '../src/adapters/graph';
import { GraphUserDirectory } from '../src/adapters/graph/graph-users';
import { openSqliteStore } from '../src/adapters/sqlite';
import { reportDirectoryPresence } from '../src/directory/directory-presence';
import { DirectoryPresencePoller } from '../src/directory/directory-presence-poller';
import { UsersRefresh } from '../src/directory/users-refresh';
import { eightByEight } from '../src/domain/profiles/eight-by-eight';
import { agentId } from '../src/domain/ids';
import { systemClock } from '../src/ports/clock.port';
import { silentLogger } from '../src/ports/logger.port';
import type { ContactQuery, DirectoryStore } from '../src/ports/directory-store.port';
import { summary } from './stats';

const FIRST = ['Ada', 'Ben', 'Chloe', 'Dev', 'Elif', 'Femi', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kai', 'Lea'];
const LAST = ['Reed', 'Ito', 'Park', 'Novak', 'Silva', 'Okoro', 'Berg', 'Ueda', 'Moreau', 'Khan'];
const nameOf = (i: number): string =>
  `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`;

async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

async function reads(directory: DirectoryStore): Promise<string[]> {
  const q = (extra: Partial<ContactQuery>): ContactQuery => ({
    prefix: null,
    type: null,
    after: null,
    limit: 50,
    ...extra,
  });
  const deep = async (): Promise<string | null> => {
    let after: string | null = null;
    for (let i = 0; i < 200; i += 1) {
      const next: string | undefined = (await directory.listContacts(q({ after }))).next;
      if (!next) break;
      after = next;
    }
    return after;
  };
  const cursor = await deep();
  return [
    summary('directory first page (50)', await time(200, () => directory.listContacts(q({})))),
    summary(
      'directory page 201 (cursor)',
      await time(200, () => directory.listContacts(q({ after: cursor }))),
    ),
    summary(
      'directory search "chloe"',
      await time(200, () => directory.listContacts(q({ prefix: 'chloe' }))),
    ),
    summary(
      'directory search "okoro"',
      await time(200, () => directory.listContacts(q({ prefix: 'okoro' }))),
    ),
    summary(
      'directory search "ada reed 1"',
      await time(200, () => directory.listContacts(q({ prefix: 'ada reed 1' }))),
    ),
    summary(
      'directory search "user4711@"',
      await time(200, () => directory.listContacts(q({ prefix: 'user4711@' }))),
    ),
    summary('directory type=work', await time(200, () => directory.listContacts(q({ type: 'work' })))),
    summary(
      'directory type=teams, "ben"',
      await time(200, () => directory.listContacts(q({ type: 'teams', prefix: 'ben' }))),
    ),
  ];
}

/** Live directory presence: two polling rounds over every person (the first sends all, the second none). */
async function pollRounds(
  store: ReturnType<typeof openSqliteStore>,
  directory: DirectoryStore,
  client: ReturnType<typeof createGraphClient>,
): Promise<string[]> {
  const deps = {
    store,
    directory,
    profile: () => eightByEight,
    clock: systemClock,
    outboundEnabled: true,
    newId: randomUUID,
    outboundQueued: () => undefined,
  };
  const poller = new DirectoryPresencePoller(
    store,
    directory,
    new GraphPresenceGateway(client, 'bench', silentLogger),
    systemClock,
    { ...silentLogger, warn: (f, m) => console.error(m, f) },
    {
      intervalMs: 60_000,
      covered: () => new Set(),
      busy: () => false,
      report: (observed) => reportDirectoryPresence(deps, observed),
    },
  );
  const lines: string[] = [];
  for (const label of ['first (every person new)', 'second (nothing changed)']) {
    const started = Date.now();
    const round = await poller.runOnce();
    const heapMb = (process.memoryUsage().heapUsed / 1e6).toFixed(0);
    lines.push(
      `directory presence poll, ${label}: ${round.reads} getPresencesByUserId, ${round.polled} people, ` +
        `${round.queued} directory.presence queued, ${Date.now() - started} ms, heap ${heapMb} MB after`,
    );
  }
  return lines;
}

export async function benchDirectory(people = 100_000): Promise<string[]> {
  const emulator = await startGraphEmulator({ token: 'bench' });
  const dir = mkdtempSync(join(tmpdir(), 'bench-directory-'));
  const store = openSqliteStore(dir);
  try {
    for (let i = 0; i < people; i += 5000) {
      const batch = Array.from({ length: Math.min(5000, people - i) }, (_, k) => ({
        userPrincipalName: `user${i + k}@contoso.com`,
        displayName: nameOf(i + k),
        mail: `user${i + k}@contoso.com`,
      }));
      emulator.seedUsers(batch);
    }
    const client = createGraphClient({ baseUrl: emulator.url, tokenProvider: staticToken('bench') });
    const directory = store.directory();
    const refresh = new UsersRefresh(
      new GraphUserDirectory(client, emulator.url),
      directory,
      systemClock,
      { ...silentLogger, warn: (f, m) => console.error(m, f) },
      60_000,
    );
    const started = Date.now();
    const full = await refresh.runOnce();
    const fullMs = Date.now() - started;
    for (let i = 0; i < 2000; i += 1) {
      const identities = i % 4 === 0 ? ['work' as const] : ['contact-center' as const, 'work' as const];
      await directory.putAgent({
        agentId: agentId(`A${i}`),
        email: `USER${i * 37}@contoso.com`,
        displayName: nameOf(i * 37),
        identities,
      });
    }
    const delta = await refresh.runOnce();
    const polling = await pollRounds(store, directory, client);
    return [
      `directory: ${people} Teams users + 2000 agents (SQLite, ${process.platform})`,
      `directory full refresh: ${full?.requests} Graph requests (/users/delta, 200 a page), ${fullMs} ms`,
      `directory delta refresh, nothing changed: ${delta?.requests} Graph request`,
      ...(await reads(directory)),
      ...polling,
    ];
  } finally {
    await store.close();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('directory.ts')) {
  void benchDirectory(Number(process.argv[2] ?? 100_000)).then((lines) => {
    for (const line of lines) console.log(line);
  });
}
