// Wires identity (issue 9): the identity core over the store's IdentityStore and the tenant's directory,
// automatic linking as a sync-engine step after agent.upsert is applied, and the tab's linking routes.
import { randomUUID } from 'node:crypto';
import type { Server } from 'restify';
import type { AgentId } from '../src/domain/ids';
import { autoLink } from '../src/identity/auto-link';
import type { IdentityDeps } from '../src/identity/identity-deps';
import type { IdentityStore } from '../src/ports/identity-store.port';
import type { UserDirectory } from '../src/ports/user-directory.port';
import { unlinkAgent } from '../src/sync/link-service';
import type { SyncDeps } from '../src/sync/sync-deps';
import type { SyncEngine } from '../src/sync/sync-engine';
import { createSsoVerifier, type SsoSettings, type SsoVerifier } from './http/sso-auth';
import { mountAdminHealth } from './http/admin-health-route';
import { mountAdminImport } from './http/admin-import-route';
import type { AdminSurface } from './http/admin-surfaces';
import { mountTabEvents, type TabEvents } from './http/tab-events-route';
import { mountTabLink } from './http/tab-link-routes';
import { ticketKey } from '../src/identity/event-ticket';
import type { HealthSources, QuotaUse } from '../src/identity/sync-health';
import type { PresenceBudget } from '../src/sync/presence-budget';

export interface IdentitySetup {
  readonly deps: IdentityDeps;
  readonly verify: SsoVerifier;
  readonly unlink: (agentId: AgentId) => Promise<boolean>;
}

export function setUpIdentity(
  sync: SyncDeps,
  engine: SyncEngine,
  parts: {
    identity: IdentityStore;
    users: UserDirectory;
    sso: SsoSettings;
    linksChanged: () => void;
    outboundQueued: () => void;
  },
): IdentitySetup {
  const deps: IdentityDeps = {
    store: sync.store,
    identity: parts.identity,
    users: parts.users,
    effects: {
      exclusive: (agentId, fn) => engine.exclusive(agentId, fn),
      kick: (agentId) => engine.kick(agentId),
      linksChanged: parts.linksChanged,
      outboundQueued: parts.outboundQueued,
    },
    clock: sync.clock,
    logger: sync.logger,
    newId: () => `lv-${randomUUID()}`,
  };
  // No new event types: agent.upsert is applied by the contact-center inbox; this step runs after it.
  engine.addStep(async (agentId) => {
    const result = await autoLink(deps, agentId);
    return 'retry' in result ? { retry: result.retry } : null;
  }, []);
  return {
    deps,
    verify: createSsoVerifier(parts.sso, () => sync.clock.now()),
    unlink: (agentId) => unlinkAgent(sync, engine, agentId),
  };
}

/** The tab's linking routes, and import, conflicts, health and the mapping dry run on every admin surface. */
export function mountIdentityRoutes(
  server: Server,
  setup: IdentitySetup,
  surfaces: readonly AdminSurface[],
  health: HealthSources,
  events: { sync: SyncDeps; ticketSecret: string },
): TabEvents {
  mountTabLink(server, { identity: setup.deps, unlink: setup.unlink, verify: setup.verify });
  mountAdminImport(server, surfaces, setup.deps);
  mountAdminHealth(server, surfaces, health);
  return mountTabEvents(server, {
    sync: events.sync,
    identity: setup.deps,
    verify: setup.verify,
    ticketKey: ticketKey(events.ticketSecret),
  });
}

/** The tenant's presence quota use as the budget counts it (the same figure /metrics reports). */
export function quotaUse(budget: PresenceBudget): QuotaUse {
  return {
    ...budget.usage(),
    windowSeconds: budget.windowMs / 1000,
    pausedForMs: budget.pausedFor(),
  };
}
