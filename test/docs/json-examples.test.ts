// Every JSON example in docs/INTEGRATION.md, the README and the profile format's comment is checked by the
// validator that judges the real thing (issue 7: a documented example profile was rejected by the service).
// An untagged or unknown JSON block fails, so a new example cannot escape the check.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseEventBatch } from '../../bot/cc/event-schema';
import { eightByEight } from '../../src/domain/profiles/eight-by-eight';
import { parseProfile } from '../../src/domain/profile-schema';
import { blocksOf, commentText, fencedBlocks, where, type DocBlock } from './doc-blocks';

// The guide's examples are written for the default profile (PRESENCE_PROFILE=8x8).
const states: ReadonlySet<string> = new Set(Object.keys(eightByEight.ccToTeams));

const presence = z.object({ availability: z.string().min(1), activity: z.string().min(1) }).strict();
const outboundStateRequest = z
  .object({
    id: z.string().min(1),
    type: z.literal('agent.state.requested'),
    occurredAt: z.string().datetime({ offset: true }),
    agentId: z.string().min(1),
    state: z.string().refine((s) => states.has(s), 'a state of the profile'),
    cause: z.union([z.object({ teams: presence }).strict(), z.object({ restore: z.literal(true) }).strict()]),
  })
  .strict();
const outboundLinkVerification = z
  .object({
    id: z.string().min(1),
    type: z.literal('link.verification'),
    occurredAt: z.string().datetime({ offset: true }),
    agentId: z.string().min(1),
    code: z.string().regex(/^\d{8}$/),
    expiresAt: z.string().datetime({ offset: true }),
  })
  .strict();
const outboundDirectoryPresence = z
  .object({
    id: z.string().min(1),
    type: z.literal('directory.presence'),
    occurredAt: z.string().datetime({ offset: true }),
    email: z.string().email(),
    teamsUserId: z.string().min(1),
    presence: z.string().min(1),
    teams: z.object({ availability: z.string().min(1), activity: z.string().min(1) }).strict(),
  })
  .strict();
const errorBody = z
  .object({
    error: z
      .object({
        code: z.string().regex(/^[a-z]+(_[a-z]+)*$/),
        message: z.string().min(1),
        details: z.unknown().optional(),
      })
      .strict(),
  })
  .strict();
const accepted = z
  .object({ accepted: z.number().int().min(0), duplicates: z.number().int().min(0) })
  .strict();

/** What each tag means, checked by the validator the service applies to it. */
const CHECKS: Readonly<Record<string, (json: unknown) => void>> = {
  'cc-event': (json) => {
    const parsed = parseEventBatch(json, states, Date.now());
    assert.ok(parsed.ok, JSON.stringify(parsed.ok ? null : parsed.details));
  },
  'cc-batch': (json) => {
    assert.ok(json && typeof json === 'object' && 'events' in json, 'a batch has "events"');
    const parsed = parseEventBatch(json, states, Date.now());
    assert.ok(parsed.ok, JSON.stringify(parsed.ok ? null : parsed.details));
  },
  'cc-event-invalid': (json) => assert.equal(parseEventBatch(json, states, Date.now()).ok, false),
  'cc-accepted': (json) => accepted.parse(json),
  outbound: (json) =>
    z.union([outboundStateRequest, outboundLinkVerification, outboundDirectoryPresence]).parse(json),
  error: (json) => errorBody.parse(json),
  profile: (json) => parseProfile(json),
};

function check(block: DocBlock): void {
  const kind = block.tags[0];
  assert.ok(
    kind && CHECKS[kind],
    `${where(block)}: tag the JSON block with one of ${Object.keys(CHECKS).join(', ')}`,
  );
  let json: unknown;
  try {
    json = JSON.parse(block.text);
  } catch (error) {
    assert.fail(`${where(block)}: not valid JSON: ${String(error)}`);
  }
  try {
    CHECKS[kind](json);
  } catch (error) {
    assert.fail(`${where(block)} (${kind}): ${error instanceof Error ? error.message : String(error)}`);
  }
}

const jsonBlocks = (blocks: DocBlock[]) => blocks.filter((b) => b.lang === 'json');

describe('docs: JSON examples', () => {
  for (const file of ['docs/INTEGRATION.md', 'README.md']) {
    it(`every JSON block in ${file} is tagged and passes its validator`, () => {
      for (const block of jsonBlocks(blocksOf(file))) check(block);
    });
  }

  it('the guide shows every accepted event type and both outbound causes', () => {
    const guide = jsonBlocks(blocksOf('docs/INTEGRATION.md'));
    const types = (tag: string) =>
      guide.filter((b) => b.tags[0] === tag).map((b) => (JSON.parse(b.text) as { type: string }).type);
    assert.deepEqual(
      new Set(types('cc-event')),
      new Set([
        'agent.state',
        'agent.upsert',
        'agent.remove',
        'user.presence',
        'chat.message',
        'chat.edit',
        'chat.delete',
      ]),
    );
    const causes = guide
      .filter((b) => b.tags[0] === 'outbound' && b.text.includes('agent.state.requested'))
      .map((b) => Object.keys((JSON.parse(b.text) as { cause: object }).cause)[0]);
    assert.deepEqual(causes.sort(), ['restore', 'teams']);
  });

  it('the error example for an unknown state is what the parser reports for it', () => {
    const guide = jsonBlocks(blocksOf('docs/INTEGRATION.md'));
    const invalid = guide.find((b) => b.tags[0] === 'cc-event-invalid');
    const shown = guide.find((b) => b.tags[0] === 'error' && b.text.includes('invalid_event'));
    assert.ok(invalid && shown);
    const parsed = parseEventBatch(JSON.parse(invalid.text), states, Date.now());
    assert.ok(!parsed.ok);
    const body = JSON.parse(shown.text) as { error: { message: string; details: unknown } };
    assert.deepEqual(body.error, { code: 'invalid_event', message: parsed.message, details: parsed.details });
  });

  it('the example profile in src/domain/profile-schema.ts is a valid profile', () => {
    const source = readFileSync('src/domain/profile-schema.ts', 'utf8');
    const blocks = jsonBlocks(fencedBlocks('src/domain/profile-schema.ts', commentText(source)));
    assert.equal(blocks.length, 1);
    const profile = parseProfile(JSON.parse(blocks[0]!.text));
    assert.equal(profile.displayName, 'Acme');
  });
});
