// The JSON form of a presence profile (what admins write and GET/PUT /api/admin/mapping exchange), as a zod
// schema. The format is described at the top of profile-schema.ts; the checks that need the whole document
// (known states, settable presences) are in profile-checks.ts.
import { z } from 'zod';
import { MAX_STATUS_MESSAGE_LENGTH, MAX_STATUS_MESSAGE_MINUTES } from './rich-presence';

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

const statusMessageDocument = z
  .object({
    message: z
      .string()
      .refine((m) => m.trim() !== '', 'must not be empty')
      .refine(
        (m) => m.length <= MAX_STATUS_MESSAGE_LENGTH,
        `must be at most ${MAX_STATUS_MESSAGE_LENGTH} characters (the Teams limit for a status message)`,
      ),
    expiresAfterMinutes: z
      .number()
      .refine(Number.isInteger, 'must be a whole number of minutes')
      .refine((m) => m >= 1, 'must be at least 1 minute')
      .refine(
        (m) => m <= MAX_STATUS_MESSAGE_MINUTES,
        `must be at most ${MAX_STATUS_MESSAGE_MINUTES} minutes (7 days)`,
      )
      .optional(),
  })
  .strict();

const shiftEndDocument = z
  .object({
    states: z.array(name).min(1, 'must name at least one state'),
    preferredPresence: presenceDocument,
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
    statusMessages: z.record(name, statusMessageDocument).optional(),
    shiftEnd: shiftEndDocument.optional(),
  })
  .strict();

export type ProfileDocument = z.infer<typeof profileDocumentSchema>;
export type TargetDocument = z.infer<typeof targetDocument>;
export type DirectoryTargetDocument = z.infer<typeof directoryTargetDocument>;
export type RuleDocument = z.infer<typeof ruleDocument>;
export type DirectoryDocument = z.infer<typeof directoryDocument>;
export type ShiftEndDocument = z.infer<typeof shiftEndDocument>;
