/**
 * # Presence profile documents
 *
 * A profile says how a contact center's agent states show in Teams, and which Teams presences ask the contact
 * center to change the agent's state. Built-in profiles: `8x8`, `vonage`, `dynamics365`
 * (src/domain/profiles/). A custom profile is a JSON file in the same form (`PRESENCE_PROFILE=/path/to.json`),
 * and `GET`/`PUT /api/admin/mapping` exchange it.
 *
 * ```json
 * {
 *   "id": "acme",
 *   "displayName": "Acme",
 *   "availableState": "Ready",
 *   "ccToTeams": {
 *     "Ready": { "availability": "Available", "activity": "Available" },
 *     "On Call": { "availability": "Busy", "activity": "InACall" },
 *     "Not Ready": { "availability": "Away", "activity": "Away" },
 *     "Lunch": "noChange",
 *     "Logged out": "clear",
 *     "In a Meeting": { "base": "On Call" }
 *   },
 *   "teamsToCc": [
 *     { "activity": "InACall", "request": "Not Ready" },
 *     { "availability": "DoNotDisturb", "request": null },
 *     { "availability": "Available", "request": "Ready" }
 *   ],
 *   "directory": {
 *     "teamsToVendor": [{ "activity": "InACall", "presence": "onCall" }],
 *     "vendorToTeams": { "onCall": { "availability": "Busy", "activity": "InACall" }, "away": "noChange" }
 *   },
 *   "statusMessages": { "Lunch": { "message": "At lunch, back soon", "expiresAfterMinutes": 60 } },
 *   "shiftEnd": { "states": ["Logged out"], "preferredPresence": { "availability": "Offline", "activity": "OffWork" } }
 * }
 * ```
 *
 * - `id`, `displayName`: the profile's id and the name used in decision reasons ("… (Acme profile)").
 * - `availableState`: the state in which the agent is offered work. Teams → contact-center sync only starts
 *   from this state: a Teams call while the agent is on a break changes nothing.
 * - `ccToTeams`: every contact-center state the profile knows, and what Teams shows for it:
 *   - `{"availability", "activity"}`: set this presence. It must be one Graph's setPresence accepts:
 *     Available/Available, Busy/InACall, Busy/InAConferenceCall, Away/Away, DoNotDisturb/Presenting.
 *   - `"noChange"`: leave Teams as it is (no Graph call).
 *   - `"clear"`: remove our presence session, so Teams shows the user's own presence again.
 *   - `{"base": "<state>"}`: a custom state that shows like a base state (Dynamics 365 presence states). The
 *     base must be a state of this profile that is not itself custom.
 * - `teamsToCc`: Teams → contact-center rules, tried in order; the first whose given fields all equal the
 *   observed presence wins, so put `activity` rules (InACall, InAMeeting) before `availability` ones.
 *   `request` is the state to ask for, or `null` for "no change". A rule whose request is the
 *   `availableState` is the restore trigger: after we asked for a state because of Teams (say "Work Offline"
 *   during a Teams call), the agent is put back to the state they were in once Teams no longer matches a
 *   requesting rule. A manual change by the agent in between cancels the restore.
 * - `directory` (optional): the vendor's directory presence (not agent states), e.g. 8x8 UC presence.
 *   `teamsToVendor` is an ordered rule list like `teamsToCc` with `presence` instead of `request`;
 *   `vendorToTeams` maps a vendor presence to a Teams target (no `base`).
 * - `statusMessages` (optional): a state's status message in Teams (Graph setStatusMessage), set when the
 *   agent goes into the state and cleared when the state ends. `message`: 1..280 characters;
 *   `expiresAfterMinutes` (optional, 1..10080): Graph drops the message by itself after that long.
 * - `shiftEnd` (optional): the end of a shift (seed 004, "Offline everywhere"). While the agent is in one of
 *   `states`, Teams is given `preferredPresence` (Graph setUserPreferredPresence; one of Available/Available,
 *   Busy/Busy, DoNotDisturb/DoNotDisturb, BeRightBack/BeRightBack, Away/Away, Offline/OffWork), so it shows
 *   Offline even with Teams open; it is cleared at the next shift start (the first state not in `states`).
 *
 * Availability and activity are Graph's values (e.g. InACall, InAMeeting, Presenting, Focusing,
 * BeRightBack, PresenceUnknown); they are open strings, so new Microsoft values can be matched too.
 * parseProfile reports every problem at once, each with its JSON path.
 */
import { CodedError } from './errors';
import type { PresenceProfile } from './profile';
import { checkProfileDocument, formatPath, type ProfileProblem } from './profile-checks';
import { compileProfile } from './profile-compile';
import { profileDocumentSchema } from './profile-document';
import type { ZodIssue } from 'zod';

export { profileToDocument } from './profile-compile';
export { profileDocumentSchema, type ProfileDocument } from './profile-document';

/** Validates and compiles a profile document; throws CodedError('invalid_profile') listing every problem. */
export function parseProfile(doc: unknown): PresenceProfile {
  const parsed = profileDocumentSchema.safeParse(doc);
  const problems = parsed.success ? checkProfileDocument(parsed.data) : parsed.error.issues.map(issueProblem);
  if (!parsed.success || problems.length > 0) throw invalidProfile(problems);
  return compileProfile(parsed.data);
}

function invalidProfile(problems: readonly ProfileProblem[]): CodedError {
  const details = problems.map((p) => `${formatPath(p.path)}: ${p.message}`);
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
  return new CodedError(
    'invalid_profile',
    `The presence profile is invalid: ${details[0] ?? 'unknown problem'}${more}`,
    details,
  );
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  array: 'a list',
  object: 'an object',
  string: 'a string',
};

/** Zod's messages, reworded where they would puzzle an admin editing JSON by hand. */
function issueProblem(issue: ZodIssue): ProfileProblem {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return { path: issue.path, message: `unknown field ${keys} (check the spelling)` };
  }
  if (issue.code === 'invalid_type' && issue.received === 'undefined') {
    return { path: issue.path, message: 'is missing' };
  }
  if (issue.code === 'invalid_type') {
    return {
      path: issue.path,
      message: `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}, not ${issue.received}`,
    };
  }
  return { path: issue.path, message: issue.message };
}
