// Two Switchboard instances (bot/app.ts, in this process) on one PostgreSQL schema and one Graph emulator,
// as a multi-instance deployment runs them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startGraphEmulator,
  type GraphEmulator,
  type GraphEmulatorOptions,
} from '../../src/adapters/graph-emulator';
import { GRAPH_TOKEN, startFixture, type Fixture } from '../support/switchboard-fixture';
import { databaseUrl, dropSchema, freshSchema } from './pg-schema';

export interface Pair {
  readonly schema: string;
  readonly emulator: GraphEmulator;
  readonly env: Record<string, string>;
  readonly a: Fixture;
  readonly b: Fixture;
  /** Starts one more instance on the same schema and emulator. */
  another(): Promise<Fixture>;
  /** Closes one instance (as a clean shutdown would). */
  stop(fixture: Fixture): Promise<void>;
  close(): Promise<void>;
}

export async function startPair(
  extraEnv: Record<string, string> = {},
  emulatorOptions: Omit<GraphEmulatorOptions, 'token'> = {},
): Promise<Pair> {
  const schema = freshSchema();
  const emulator = await startGraphEmulator({ ...emulatorOptions, token: GRAPH_TOKEN });
  const env = { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, ...extraEnv };
  const started: Fixture[] = [];
  const another = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-inst-'));
    const fixture = await startFixture(env, dir, emulator);
    started.push(fixture);
    return fixture;
  };
  const a = await another();
  const b = await another();
  return {
    schema,
    emulator,
    env,
    a,
    b,
    another,
    async stop(fixture) {
      started.splice(started.indexOf(fixture), 1);
      await fixture.close();
    },
    async close() {
      await Promise.allSettled(started.map((f) => f.close()));
      await emulator.close();
      await dropSchema(schema);
    },
  };
}
