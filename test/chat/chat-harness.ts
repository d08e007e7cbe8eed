// A chat relay on a real SQLite store in a temporary directory, with the fake transport and a fake clock:
// events go in through the durable inbox as the HTTP edge would put them, and can be reopened (a restart).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore, type SqliteStore } from '../../src/adapters/sqlite';
import { ChatDispatcher, type ChatDispatcherOptions } from '../../src/chat/chat-dispatcher';
import { processChatInbox } from '../../src/chat/chat-inbox';
import type { CcEvent } from '../../src/domain/events';
import { ccEventId, type AgentId } from '../../src/domain/ids';
import type { ChatStore } from '../../src/ports/chat-store.port';
import { silentLogger } from '../../src/ports/logger.port';
import { FakeChatTransport } from '../support/fake-chat-transport';
import { FakeClock } from '../support/fake-clock';
import { ANN, USER } from './samples';

export class ChatHarness {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-chat-relay-'));
  readonly clock = new FakeClock();
  readonly transport = new FakeChatTransport(() => this.clock.now());
  store: SqliteStore = openSqliteStore(this.dir);
  chat: ChatStore = this.store.chat();
  dispatcher: ChatDispatcher;
  private seq = 0;

  constructor(private readonly options: ChatDispatcherOptions = {}) {
    this.transport.installed.add(USER);
    this.dispatcher = this.newDispatcher();
  }

  /** Accepts events into the inbox and runs the agent's chat step, as the sync engine would. */
  async accept(...events: CcEvent[]): Promise<void> {
    const at = new Date(this.clock.now()).toISOString();
    const accepted = await this.store.acceptEvents(events, at);
    for (const agent of accepted.agents) await processChatInbox(this.deps(), agent);
    await this.dispatcher.idle();
  }

  /** Moves the fake clock from one due time to the next until nothing is pending (or maxMs passed). */
  async drain(maxMs = 600_000): Promise<void> {
    const end = this.clock.now() + maxMs;
    await this.dispatcher.idle();
    for (;;) {
      const due = await this.chat.nextDueAt();
      if (due === null || due > end) return;
      this.clock.advanceTo(Math.max(due, this.clock.now()));
      await this.dispatcher.idle();
    }
  }

  /** Closes the store (as a crash would leave it: nothing more is written) and opens it again. */
  async restart(): Promise<void> {
    await this.dispatcher.stop(1000);
    await this.store.close();
    this.store = openSqliteStore(this.dir);
    this.chat = this.store.chat();
    this.dispatcher = this.newDispatcher();
    this.dispatcher.start();
    await this.dispatcher.idle();
  }

  async statuses(agent: AgentId = ANN): Promise<Record<string, unknown>[]> {
    const outbound = await this.store.outboundFor(agent);
    return outbound.filter((o) => o.type === 'chat.status').map((o) => o.body);
  }

  async close(): Promise<void> {
    await this.dispatcher.stop(1000);
    await this.store.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  post(
    messageId: string,
    text: string,
    agent: AgentId = ANN,
    to: CcEvent['agentId'] | string = USER,
  ): CcEvent {
    return { ...this.base(agent), type: 'chat.message', messageId, to: { teamsUserId: to }, text };
  }
  edit(messageId: string, text: string, agent: AgentId = ANN): CcEvent {
    return { ...this.base(agent), type: 'chat.edit', messageId, text };
  }
  delete(messageId: string, agent: AgentId = ANN): CcEvent {
    return { ...this.base(agent), type: 'chat.delete', messageId };
  }

  private base(agent: AgentId) {
    return {
      id: ccEventId(`ev-${++this.seq}`),
      occurredAt: new Date(this.clock.now()).toISOString(),
      agentId: agent,
    };
  }

  private deps() {
    return { store: this.store, chat: this.chat, clock: this.clock, queued: () => this.dispatcher.kick() };
  }

  private newDispatcher(): ChatDispatcher {
    const { store, chat, transport, clock } = this;
    const d = new ChatDispatcher(
      { store, chat, transport, clock, logger: silentLogger },
      { idlePollMs: 3_600_000, random: () => 0.5, ...this.options },
    );
    d.start();
    return d;
  }
}
