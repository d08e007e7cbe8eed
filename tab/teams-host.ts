// The Teams host, when there is one: initialize the SDK (giving up after a while, since outside Teams it
// either fails or waits forever), then read the theme and fetch SSO tokens through it.
import { app, authentication } from '@microsoft/teams-js';

export interface TeamsHost {
  /** Teams' theme name: "default", "dark", "contrast" (or a newer one). */
  readonly theme: string;
  onThemeChange(handler: (theme: string) => void): void;
  /** A fresh Teams SSO token; Teams caches it, so ask each time one is needed. */
  getToken(): Promise<string>;
}

const INITIALIZE_TIMEOUT_MS = 5000;

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('Teams did not answer')), ms));
}

/** Null outside Teams (initialize failed or timed out). */
export async function connectToTeams(timeoutMs = INITIALIZE_TIMEOUT_MS): Promise<TeamsHost | null> {
  try {
    await Promise.race([app.initialize(), timeout(timeoutMs)]);
    const context = await Promise.race([app.getContext(), timeout(timeoutMs)]);
    app.notifySuccess().catch(() => undefined);
    return {
      theme: context.app.theme,
      onThemeChange: (handler) => app.registerOnThemeChangeHandler(handler),
      getToken: () => authentication.getAuthToken(),
    };
  } catch {
    return null;
  }
}
