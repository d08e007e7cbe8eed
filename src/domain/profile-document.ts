// The JSON form of a presence profile (what admins write and GET/PUT /api/admin/mapping exchange), as a zod
// schema. The format is described at the top of profile-schema.ts; the checks that need the whole document
// (known states, settable presences) are in profile-checks.ts.
import { z } from 'zod';

const name = z.string().trim().min(1, 'must not be empty');

const presenceDocument = z.object({ availability: name, activity: name }).strict();
const baseDocument = z.object({ base: name }).strict();

const TARGET_HELP =
  'must be "noChange", "clear", {"availability": "…", "activity": "…"} or {"base": "<another state>"}';
const DIRECTORY_TARGET_HELP = 'must be "noChange", "clear" or {"availability": "…", "activity": "…"}';

const targetDocument = z.union([z.literal('noChange'), z.literal('clear'), presenceDocument, baseDocument], {
  errorMap: () => ({ message: TARGET_HELP }),
});

const directoryTargetDocument = z.union([z.literal('noChange'), z.literal('clear'), presenceDocument], {
  errorMap: () => ({ message: DIRECTORY_TARGET_HELP }),
});

const ruleDocument = z
  .object({ availability: name.optional(), activity: name.optional(), request: name.nullable() })
  .strict();

const directoryRuleDocument = z
  .object({ availability: name.optional(), activity: name.optional(), presence: name })
  .strict();

const directoryDocument = z
  .object({
    teamsToVendor: z.array(directoryRuleDocument),
    vendorToTeams: z.record(name, directoryTargetDocument),
  })
  .strict();

export const profileDocumentSchema = z
  .object({
    id: name,
    displayName: name,
    availableState: name,
    ccToTeams: z.record(name, targetDocument),
    teamsToCc: z.array(ruleDocument),
    directory: directoryDocument.optional(),
  })
  .strict();

export type ProfileDocument = z.infer<typeof profileDocumentSchema>;
export type TargetDocument = z.infer<typeof targetDocument>;
export type DirectoryTargetDocument = z.infer<typeof directoryTargetDocument>;
export type RuleDocument = z.infer<typeof ruleDocument>;
export type DirectoryDocument = z.infer<typeof directoryDocument>;
