// Checks that need the whole profile document: every state a rule or a custom state names exists, every
// presence we would set is one Graph accepts, custom states point straight at a base state. Each problem
// carries its JSON path so an admin can find it.
import { isSettable, SETTABLE_PRESENCES, type TeamsPresence } from './presence';
import type { DirectoryDocument, ProfileDocument, TargetDocument } from './profile-document';
import { isPreferrable, PREFERRED_PRESENCES } from './rich-presence';

export type JsonPath = readonly (string | number)[];

export interface ProfileProblem {
  readonly path: JsonPath;
  readonly message: string;
}

const PREFERRED_LIST = PREFERRED_PRESENCES.map((p) => `${p.availability}/${p.activity}`).join(', ');
const SETTABLE_LIST = SETTABLE_PRESENCES.map((p) => `${p.availability}/${p.activity}`).join(', ');
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `ccToTeams.Busy`, `ccToTeams["Work Offline"].base`, `teamsToCc[2].request`. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (IDENTIFIER.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === '' ? '(the profile)' : out;
}

export function checkProfileDocument(doc: ProfileDocument): ProfileProblem[] {
  const states = Object.keys(doc.ccToTeams);
  const known = states.map((s) => JSON.stringify(s)).join(', ') || 'none';
  const problems: ProfileProblem[] = [];
  if (!Object.hasOwn(doc.ccToTeams, doc.availableState)) {
    problems.push({
      path: ['availableState'],
      message: `"${doc.availableState}" is not a state in ccToTeams; known states are ${known}`,
    });
  }
  for (const [state, target] of Object.entries(doc.ccToTeams)) {
    problems.push(...checkTarget(doc, state, target, known));
  }
  doc.teamsToCc.forEach((rule, index) => {
    if (rule.availability === undefined && rule.activity === undefined) {
      problems.push({ path: ['teamsToCc', index], message: emptyMatch });
    }
    if (rule.request !== null && !Object.hasOwn(doc.ccToTeams, rule.request)) {
      problems.push({
        path: ['teamsToCc', index, 'request'],
        message: `"${rule.request}" is not a state in ccToTeams; known states are ${known}`,
      });
    }
  });
  if (doc.directory) problems.push(...checkDirectory(doc.directory));
  problems.push(...checkRichPresence(doc, known));
  return problems;
}

/** Status messages and the shift end name states of this profile; the shift end is a pair Graph can prefer. */
function checkRichPresence(doc: ProfileDocument, known: string): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  const unknown = (state: string) => `"${state}" is not a state in ccToTeams; known states are ${known}`;
  for (const state of Object.keys(doc.statusMessages ?? {})) {
    if (!Object.hasOwn(doc.ccToTeams, state))
      problems.push({ path: ['statusMessages', state], message: unknown(state) });
  }
  const shiftEnd = doc.shiftEnd;
  if (!shiftEnd) return problems;
  shiftEnd.states.forEach((state, index) => {
    const path = ['shiftEnd', 'states', index];
    if (!Object.hasOwn(doc.ccToTeams, state)) problems.push({ path, message: unknown(state) });
    else if (state === doc.availableState) {
      problems.push({ path, message: `"${state}" is the availableState: a shift cannot end in it` });
    } else if (shiftEnd.states.indexOf(state) !== index) {
      problems.push({ path, message: `"${state}" is named twice` });
    }
  });
  if (!isPreferrable(shiftEnd.preferredPresence)) {
    const { availability, activity } = shiftEnd.preferredPresence;
    problems.push({
      path: ['shiftEnd', 'preferredPresence'],
      message: `"${availability}/${activity}" is not a presence Graph can prefer; preferred pairs are ${PREFERRED_LIST}`,
    });
  }
  return problems;
}

const emptyMatch = 'matches nothing: give "availability", "activity" or both';

function notSettable(p: TeamsPresence): string {
  return `"${p.availability}/${p.activity}" is not a presence Graph can set; settable pairs are ${SETTABLE_LIST}`;
}

function checkTarget(
  doc: ProfileDocument,
  state: string,
  target: TargetDocument,
  known: string,
): ProfileProblem[] {
  if (typeof target === 'string') return [];
  if ('availability' in target) {
    return isSettable(target) ? [] : [{ path: ['ccToTeams', state], message: notSettable(target) }];
  }
  const path = ['ccToTeams', state, 'base'];
  const base = stateTarget(doc, target.base);
  if (target.base === state) {
    return [{ path, message: `"${state}" names itself; a custom state must name a base state` }];
  }
  if (base === undefined) {
    return [{ path, message: `"${target.base}" is not a state in ccToTeams; known states are ${known}` }];
  }
  if (typeof base === 'object' && 'base' in base) {
    const message = leadsBackTo(doc, target.base, state)
      ? `"${target.base}" leads back to "${state}" (a cycle); a custom state must name a base state directly`
      : `"${target.base}" is itself a custom state (based on "${base.base}"); name a base state directly`;
    return [{ path, message }];
  }
  return [];
}

/** Follows base links from `from` and says whether they come back to `to`. */
function leadsBackTo(doc: ProfileDocument, from: string, to: string): boolean {
  const seen = new Set<string>();
  let current: string | undefined = from;
  while (current !== undefined && !seen.has(current)) {
    if (current === to) return true;
    seen.add(current);
    const target = stateTarget(doc, current);
    current = typeof target === 'object' && 'base' in target ? target.base : undefined;
  }
  return false;
}

/** The state's target; own keys only, so a state named "toString" is not found on Object.prototype. */
export function stateTarget(doc: ProfileDocument, state: string): TargetDocument | undefined {
  return Object.hasOwn(doc.ccToTeams, state) ? doc.ccToTeams[state] : undefined;
}

function checkDirectory(directory: DirectoryDocument): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  directory.teamsToVendor.forEach((rule, index) => {
    if (rule.availability === undefined && rule.activity === undefined) {
      problems.push({ path: ['directory', 'teamsToVendor', index], message: emptyMatch });
    }
  });
  for (const [presence, target] of Object.entries(directory.vendorToTeams)) {
    if (typeof target === 'object' && !isSettable(target)) {
      problems.push({ path: ['directory', 'vendorToTeams', presence], message: notSettable(target) });
    }
  }
  return problems;
}
