// The emulator's own state file, <dataDir>/emulator.json: presence, subscriptions, users, issued tokens and signing
// keys, so local mode survives a restart. Never the service's tables. Written whole to a temporary file and
// renamed over the old one, so a crash of the process leaves the old state or the new, never half. No fsync:
// the emulator is a development tool, and surviving a power cut is not worth a disk flush per request.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const STATE_FILE_NAME = 'emulator.json';

const presence = { availability: z.string(), activity: z.string() };
const session = z.object({ ...presence, sessionId: z.string(), expiresAt: z.number(), order: z.number() });
const encryption = z.object({ certificate: z.string(), certificateId: z.string() });

const subscription = z
  .object({
    id: z.string(),
    creatorUpn: z.string(),
    applicationId: z.string(),
    notificationUrl: z.string(),
    lifecycleNotificationUrl: z.string().optional(),
    resource: z.string(),
    userIds: z.array(z.string()),
    expiresAt: z.number(),
    clientState: z.string().optional(),
    includeResourceData: z.boolean(),
    encryption: encryption.optional(),
  })
  .passthrough();

const snapshotSchema = z.object({
  version: z.literal(1),
  presence: z.object({
    lastStamp: z.number(),
    writeOrder: z.number(),
    users: z.array(
      z.object({
        shown: z.object({ ...presence, id: z.string(), sequenceNumber: z.string() }),
        sessions: z.array(session),
        preferred: z.object({ ...presence, expiresAt: z.number() }).nullable(),
        client: z.object({ ...presence, order: z.number() }).nullable(),
        // Absent in files written before the emulator had status messages.
        statusMessage: z
          .object({ content: z.string(), publishedAt: z.number(), expiresAt: z.number().optional() })
          .nullable()
          .optional(),
      }),
    ),
  }),
  tokens: z.object({
    secret: z.string(),
    refreshTokens: z.array(
      z.tuple([z.string(), z.object({ upn: z.string(), clientId: z.string().optional() })]),
    ),
    accessTokens: z.array(
      z.tuple([z.string(), z.object({ upn: z.string(), clientId: z.string(), expiresAt: z.number() })]),
    ),
  }),
  subscriptions: z.array(subscription),
  sso: z.object({ kid: z.string(), privateKeyPem: z.string() }).nullable(),
  // Absent in files written before the emulator had users.
  users: z
    .object({
      epoch: z.string().optional(),
      version: z.number(),
      users: z.array(
        z.object({
          id: z.string(),
          userPrincipalName: z.string(),
          displayName: z.string(),
          mail: z.string().nullable(),
          jobTitle: z.string().nullable(),
          version: z.number(),
        }),
      ),
      removed: z.array(z.tuple([z.string(), z.number()])),
    })
    .optional(),
});

/** The file's content. Subscriptions keep their certificate text; the key is parsed again on load. */
export type StateSnapshot = z.infer<typeof snapshotSchema>;

export function stateFilePath(dataDir: string): string {
  return join(dataDir, STATE_FILE_NAME);
}

/** null when there is no file yet; throws an Error naming the file when it cannot be used. */
export function readStateFile(path: string): StateSnapshot | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`Graph emulator state ${path} cannot be read: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`Graph emulator state ${path} is not JSON; move it away to start afresh`);
  }
  const parsed = snapshotSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'the top level';
    throw new Error(`Graph emulator state ${path} is not valid at ${where}; move it away to start afresh`);
  }
  return parsed.data;
}

/** Replaces the file atomically with `text` (already serialised). */
export function writeStateFile(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  renameSync(temporary, path);
}
