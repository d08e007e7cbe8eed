// Graph's presence resource paths: what we subscribe to, and how a notification names its user
// (Microsoft Learn, changenotifications-for-presence).

/** Graph's limit of user ids per presence subscription. */
export const MAX_USERS_PER_SUBSCRIPTION = 650;

export function presenceSubscriptionResource(userIds: readonly string[]): string {
  if (userIds.length === 0 || userIds.length > MAX_USERS_PER_SUBSCRIPTION) {
    throw new RangeError(`a presence subscription covers 1..${MAX_USERS_PER_SUBSCRIPTION} users`);
  }
  if (userIds.length === 1) return `/communications/presences/${userIds[0]}`;
  return `/communications/presences?$filter=id in (${userIds.map((id) => `'${id}'`).join(',')})`;
}

// Both spellings occur: "communications/presences('<id>')" (what Graph sends) and ".../presences/<id>".
const USER_IN_RESOURCE = /presences(?:\('([^'()]+)'\)|\/([^/?#'()]+))/i;

/** The user id a notification's resource string names, or null. */
export function userIdOfResource(resource: string): string | null {
  const match = USER_IN_RESOURCE.exec(resource);
  const id = match?.[1] ?? match?.[2];
  if (!id) return null;
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}
