// What Agents Playground pretends about Teams: its `.m365agentsplayground.yml` (users, chats, team), written
// for each start so the signed-in user has an Entra object id Switchboard can link.

/** Playground's signed-in user; the same Entra object id as the local guide's example, so its steps apply. */
export const PLAYGROUND_USER = {
  objectId: '6e8a9c52-4a3b-4d5e-9f01-2b3c4d5e6f70',
  name: 'Alex Wilber',
} as const;

// Playground requires exactly five other users; its own defaults have object ids that are not GUIDs
// (…0000000000020), which no link accepts, so this config gives everyone a real one.
const OTHER_USERS = ['Megan Bowen', 'Adele Vance', 'Isaiah Langer', 'Patti Fernandez', 'Lynne Robbins'];

function userYaml(id: string, name: string, objectId: string, indent: string): string[] {
  const [given, surname] = name.split(' ');
  const upn = `${given!.toLowerCase()}${surname![0]!.toLowerCase()}@contoso.com`;
  const fields = { id, name, userPrincipleName: upn, aadObjectId: objectId, givenName: given, surname };
  return Object.entries({ ...fields, email: upn }).map(([k, v], i) => `${i ? indent : ''}${k}: ${v}`);
}

/** Playground's `.m365agentsplayground.yml`: who is signed in and who else is in its chats and team. */
export function playgroundConfigYaml(): string {
  const others = OTHER_USERS.flatMap((name, i) => {
    const objectId = `00000000-0000-4000-8000-0000000000${21 + i}`;
    return userYaml(`user-id-${i + 1}`, name, objectId, '    ').map((l, j) => (j ? l : `  - ${l}`));
  });
  return [
    'version: "0.1.1"',
    'tenantId: 00000000-0000-4000-8000-000000000001',
    'bot:',
    '  id: 00000000-0000-4000-8000-000000000011',
    '  name: Switchboard',
    'currentUser:',
    ...userYaml('user-id-0', PLAYGROUND_USER.name, PLAYGROUND_USER.objectId, '  ').map((l, j) =>
      j ? l : `  ${l}`,
    ),
    'users:',
    ...others,
    'personalChat:',
    '  id: __PERSONAL_CHAT_ID__',
    'groupChat:',
    '  id: __GROUP_CHAT_ID__',
    '  name: Group Chat',
    'team:',
    '  id: team-id',
    '  name: My Team',
    '  aadGroupId: 00000000-0000-4000-8000-000000000031',
    '  channels:',
    '    - id: channel-announcements-id',
    '      name: Announcements',
    '',
  ].join('\n');
}
