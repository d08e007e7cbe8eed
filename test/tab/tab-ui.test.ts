// The tab's pages rendered to HTML (react-dom/server): what a linked and an unlinked user see, the
// message outside Teams, and Teams' themes mapped to Fluent's.
import assert from 'node:assert/strict';
import {
  FluentProvider,
  teamsHighContrastTheme,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { agentId, teamsUserId } from '../../src/domain/ids';
import type { Api, TabMe } from '../../tab/api';
import { Notice } from '../../tab/notice';
import { StatusPage } from '../../tab/status-page';
import { fluentTheme } from '../../tab/theme';

/** The visible text, cells separated by " | ". */
function textOf(element: ReactElement): string {
  return renderToString(createElement(FluentProvider, { theme: webLightTheme }, element))
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' | ')
    .replace(/&#x27;/g, "'")
    .replace(/(\s*\|\s*)+/g, ' | ');
}

const user = { oid: '6e8a9c52-4a3b-4d5e-9f01-2b3c4d5e6f70', name: 'Ada Agent', upn: 'ada@contoso.com' };
const linked: TabMe = {
  user,
  agent: {
    agentId: agentId('A100'),
    displayName: 'Ada',
    ccState: 'Busy',
    ccChangedBy: 'system',
    teams: { availability: 'Busy', activity: 'InACall' },
    linked: true,
    teamsUserId: teamsUserId(user.oid),
    session: null,
    hold: { requested: 'Work Offline', restoreTo: 'Available', since: '2026-01-01T10:00:00Z' },
    statusMessage: null,
    preferredPresence: null,
    lastDecision: null,
    recentDecisions: [
      {
        at: '2026-01-01T10:00:00Z',
        direction: 'cc-to-teams',
        from: 'Available',
        to: 'In a call',
        reason: 'Agent went Busy → Teams In a call (8x8 profile)',
      },
    ],
    outbound: { pending: 0, parked: [] },
  },
  link: { state: 'linked', agentId: 'A100' },
};
const noop = (): void => undefined;
const api = (async () => ({ ok: false, status: 0, code: 'unused', message: 'unused' })) as Api;

describe('tab UI', () => {
  it("shows a linked agent's state, Teams presence, hold and decisions in plain words with reasons", () => {
    const html = renderToString(createElement(StatusPage, { me: linked, api, onChanged: noop }));
    assert.match(html, /<ol[^>]*aria-label="Recent sync decisions"/);
    assert.match(html, /<time[^>]*dateTime="2026-01-01T10:00:00Z"/i);
    const text = textOf(createElement(StatusPage, { me: linked, api, onChanged: noop }));
    assert.match(text, /Contact-center state \| Busy \|/);
    assert.match(text, /Teams presence \(as Switchboard sees it\) \| Busy \/ InACall \|/);
    assert.match(text, /Linked \| Ada \(A100\)/);
    assert.match(text, /Held by a Teams call \| You are Work Offline in the contact center/);
    assert.match(text, /Work Offline, back to Available afterwards/);
    assert.match(
      text,
      /Contact center went Available → Teams shows In a call \| Agent went Busy → Teams In a call/,
    );
    assert.match(text, /Your link \| Your Teams account is linked to agent A100/);
  });

  it('tells an unlinked user so and offers the three ways to link', () => {
    const text = textOf(
      createElement(StatusPage, { me: { user, agent: null, link: { state: 'none' } }, api, onChanged: noop }),
    );
    assert.match(text, /Not linked/);
    assert.match(text, /Automatically .*Yourself .*By an administrator/);
    assert.match(text, /Your agent id \|.*Send me a code/);
    assert.doesNotMatch(text, /Recent sync decisions/);
  });

  it('explains itself outside Teams and shows failures with their reason', () => {
    assert.match(textOf(createElement(Notice, { view: { kind: 'outside-teams' } })), /Open Switchboard in/);
    const failed = {
      kind: 'failed',
      title: 'Switchboard refused',
      message: 'The token has expired',
    } as const;
    assert.match(
      textOf(createElement(Notice, { view: failed })),
      /Switchboard refused \| The token has expired/,
    );
  });

  it("follows Teams' theme: default, dark and high contrast", () => {
    assert.equal(fluentTheme('default'), webLightTheme);
    assert.equal(fluentTheme('dark'), webDarkTheme);
    assert.equal(fluentTheme('contrast'), teamsHighContrastTheme);
    assert.equal(fluentTheme(null), webLightTheme);
  });
});
