// Chooses the mapping profile at start-up: a mapping saved through the admin API wins as long as
// PRESENCE_PROFILE has not changed since; otherwise a built-in id or a path to a profile JSON file.
import { readFileSync } from 'node:fs';
import { CodedError } from '../src/domain/errors';
import type { PresenceProfile } from '../src/domain/profile';
import { parseProfile } from '../src/domain/profile-schema';
import { builtInProfile } from '../src/domain/profiles';
import type { Store } from '../src/ports/store.port';

const SETTING = 'mapping';

export function profileFromSetting(setting: string): PresenceProfile {
  const builtIn = builtInProfile(setting);
  if (builtIn) return builtIn;
  let text: string;
  try {
    text = readFileSync(setting, 'utf8');
  } catch (error) {
    throw new CodedError(
      'invalid_config',
      `PRESENCE_PROFILE "${setting}" is neither 8x8, vonage, dynamics365 nor a readable file`,
      undefined,
      { cause: error },
    );
  }
  try {
    return parseProfile(JSON.parse(text));
  } catch (error) {
    const detail =
      error instanceof CodedError ? `${error.message} ${JSON.stringify(error.details ?? '')}` : String(error);
    throw new CodedError(
      'invalid_config',
      `PRESENCE_PROFILE file ${setting} is not a valid profile: ${detail}`,
    );
  }
}

export async function loadActiveProfile(store: Store, setting: string): Promise<PresenceProfile> {
  const saved = await store.getSetting(SETTING);
  if (saved) {
    const { source, document } = JSON.parse(saved) as { source: string; document: unknown };
    if (source === setting) return parseProfile(document);
  }
  return profileFromSetting(setting);
}

export async function saveMapping(store: Store, setting: string, document: unknown): Promise<void> {
  await store.putSetting(SETTING, JSON.stringify({ source: setting, document }));
}
