// Between the JSON document and the compiled PresenceProfile. Compiling assumes a document that passed
// checkProfileDocument (every base state exists and is not itself custom); profileToDocument is its inverse, so
// GET /api/admin/mapping → PUT round-trips.
import type { PresenceProfile, TeamsRule, TeamsTarget } from './profile';
import { stateTarget } from './profile-checks';
import type {
  DirectoryDocument,
  DirectoryTargetDocument,
  ProfileDocument,
  TargetDocument,
} from './profile-document';

type Match = TeamsRule['match'];

function compileTarget(target: DirectoryTargetDocument): TeamsTarget {
  if (target === 'noChange' || target === 'clear') return { kind: target };
  return { kind: 'set', presence: { availability: target.availability, activity: target.activity } };
}

function documentTarget(target: TeamsTarget): DirectoryTargetDocument {
  if (target.kind === 'set')
    return { availability: target.presence.availability, activity: target.presence.activity };
  return target.kind;
}

/** Only the fields given, so a compiled match compares equal to its source. */
function compileMatch(rule: { availability?: string; activity?: string }): Match {
  return {
    ...(rule.availability !== undefined && { availability: rule.availability }),
    ...(rule.activity !== undefined && { activity: rule.activity }),
  };
}

function directTarget(doc: ProfileDocument, target: TargetDocument | undefined): DirectoryTargetDocument {
  if (target === undefined) return 'noChange';
  return typeof target === 'object' && 'base' in target
    ? directTarget(doc, stateTarget(doc, target.base))
    : target;
}

export function compileProfile(doc: ProfileDocument): PresenceProfile {
  const ccToTeams: Record<string, TeamsTarget> = {};
  const baseOf: Record<string, string> = {};
  for (const [state, target] of Object.entries(doc.ccToTeams)) {
    if (typeof target === 'object' && 'base' in target) baseOf[state] = target.base;
    ccToTeams[state] = compileTarget(directTarget(doc, target));
  }
  return {
    id: doc.id,
    displayName: doc.displayName,
    availableState: doc.availableState,
    ccToTeams,
    baseOf,
    teamsToCc: doc.teamsToCc.map((rule) => ({ match: compileMatch(rule), request: rule.request })),
    ...(doc.directory && { directory: compileDirectory(doc.directory) }),
    ...(doc.statusMessages && { statusMessages: { ...doc.statusMessages } }),
    ...(doc.shiftEnd && {
      shiftEnd: { states: [...doc.shiftEnd.states], presence: { ...doc.shiftEnd.preferredPresence } },
    }),
  };
}

function compileDirectory(directory: DirectoryDocument): NonNullable<PresenceProfile['directory']> {
  const vendorToTeams: Record<string, TeamsTarget> = {};
  for (const [presence, target] of Object.entries(directory.vendorToTeams)) {
    vendorToTeams[presence] = compileTarget(target);
  }
  return {
    teamsToVendor: directory.teamsToVendor.map((rule) => ({
      match: compileMatch(rule),
      presence: rule.presence,
    })),
    vendorToTeams,
  };
}

export function profileToDocument(profile: PresenceProfile): ProfileDocument {
  const ccToTeams: Record<string, TargetDocument> = {};
  for (const [state, target] of Object.entries(profile.ccToTeams)) {
    // Own keys only: a state named "toString" must not find Object.prototype.toString (found by fast-check).
    const base = Object.hasOwn(profile.baseOf, state) ? profile.baseOf[state] : undefined;
    ccToTeams[state] = base !== undefined ? { base } : documentTarget(target);
  }
  return {
    id: profile.id,
    displayName: profile.displayName,
    availableState: profile.availableState,
    ccToTeams,
    teamsToCc: profile.teamsToCc.map((rule) => ({ ...rule.match, request: rule.request })),
    ...(profile.directory && { directory: directoryToDocument(profile.directory) }),
    ...(profile.statusMessages && { statusMessages: { ...profile.statusMessages } }),
    ...(profile.shiftEnd && {
      shiftEnd: { states: [...profile.shiftEnd.states], preferredPresence: { ...profile.shiftEnd.presence } },
    }),
  };
}

function directoryToDocument(directory: NonNullable<PresenceProfile['directory']>): DirectoryDocument {
  const vendorToTeams: Record<string, DirectoryTargetDocument> = {};
  for (const [presence, target] of Object.entries(directory.vendorToTeams)) {
    vendorToTeams[presence] = documentTarget(target);
  }
  return {
    teamsToVendor: directory.teamsToVendor.map((rule) => ({ ...rule.match, presence: rule.presence })),
    vendorToTeams,
  };
}
