// UserDirectory on Microsoft Graph /users. Not presence calls, so outside the presence budget; but a full
// refresh of a large tenant is a run of page reads, so at most MAX_CONCURRENT requests are in flight at once.
import type { Client } from '@microsoft/microsoft-graph-client';
import { CodedError } from '../../domain/errors';
import { teamsUserId, type TeamsUserId } from '../../domain/ids';
import type { DirectoryUser, UserDeltaPage, UserDirectory, UserPage } from '../../ports/user-directory.port';
import { splitGraphBaseUrl } from './graph-client';
import { graphErrorOf, graphRequest, segment, type GraphResponse } from './graph-request';

const SELECT = 'id,userPrincipalName,displayName,mail,jobTitle';
/** Graph's largest page for /users. */
export const USERS_PAGE_SIZE = 999;
const MAX_CONCURRENT = 4;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** A Graph user object as DirectoryUser; undefined when it lacks an id or a UPN. */
export function directoryUserOf(item: unknown): DirectoryUser | undefined {
  if (!isRecord(item)) return undefined;
  const id = text(item['id']);
  const upn = text(item['userPrincipalName']);
  if (!id || !upn) return undefined;
  const mail = text(item['mail']);
  const jobTitle = text(item['jobTitle']);
  return {
    id: teamsUserId(id),
    userPrincipalName: upn,
    displayName: text(item['displayName']) ?? upn,
    ...(mail ? { mail } : {}),
    ...(jobTitle ? { jobTitle } : {}),
  };
}

/** OData string literal: a quote is doubled. */
const odataString = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** Runs at most `limit` tasks at once; the rest wait in order. */
class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

export class GraphUserDirectory implements UserDirectory {
  private readonly limiter = new Limiter(MAX_CONCURRENT);
  private readonly root: string;

  /** baseUrl: GRAPH_BASE_URL; links Graph hands back must start with it (our token goes nowhere else). */
  constructor(
    private readonly client: Client,
    baseUrl: string,
  ) {
    const { host, version } = splitGraphBaseUrl(baseUrl);
    this.root = `${host}/${version}`;
  }

  async getUser(idOrUpn: string): Promise<DirectoryUser | null> {
    const response = await this.get(`/users/${segment(idOrUpn)}?$select=${SELECT}`);
    if (response.status === 404) return null;
    if (response.status !== 200) throw this.failure('user_read_failed', 'GET /users/{id}', response);
    return directoryUserOf(response.body) ?? null;
  }

  async findByAddress(address: string): Promise<DirectoryUser[]> {
    const literal = odataString(address);
    const filter = encodeURIComponent(`mail eq ${literal} or userPrincipalName eq ${literal}`);
    const response = await this.get(`/users?$filter=${filter}&$select=${SELECT}`);
    if (response.status !== 200) throw this.failure('user_read_failed', 'GET /users?$filter', response);
    return this.usersIn(response).users.slice();
  }

  async listUsers(cursor?: string): Promise<UserPage> {
    const path = cursor ? this.relative(cursor) : `/users?$top=${USERS_PAGE_SIZE}&$select=${SELECT}`;
    const response = await this.get(path);
    if (response.status !== 200) throw this.failure('user_list_failed', 'GET /users', response);
    return this.usersIn(response);
  }

  async delta(link?: string): Promise<UserDeltaPage> {
    const path = link ? this.relative(link) : `/users/delta?$select=${SELECT}`;
    const response = await this.get(path);
    // Graph answers an expired or unknown delta token with 410 (or 400 with a SyncStateNotFound code).
    if (response.status === 410 || /syncState|resync/i.test(graphErrorOf(response).code)) {
      throw new CodedError('user_delta_expired', 'Graph no longer knows this delta link; start afresh');
    }
    if (response.status !== 200) throw this.failure('user_delta_failed', 'GET /users/delta', response);
    const value = this.valueOf(response);
    const removed: TeamsUserId[] = [];
    const changed: DirectoryUser[] = [];
    for (const item of value) {
      if (isRecord(item) && item['@removed'] !== undefined && typeof item['id'] === 'string') {
        removed.push(teamsUserId(item['id']));
      } else {
        const user = directoryUserOf(item);
        if (user) changed.push(user);
      }
    }
    const body = response.body as Record<string, unknown>;
    const next = text(body['@odata.nextLink']);
    const deltaLink = text(body['@odata.deltaLink']);
    return { changed, removed, ...(next ? { next } : {}), ...(deltaLink ? { deltaLink } : {}) };
  }

  private get(path: string): Promise<GraphResponse> {
    return this.limiter.run(() => graphRequest(this.client, 'GET', path));
  }

  /** A nextLink/deltaLink as a path under our Graph root; anything elsewhere is refused. */
  private relative(link: string): string {
    if (!link.toLowerCase().startsWith(`${this.root.toLowerCase()}/`)) {
      throw new CodedError('graph_link_foreign', `Refusing a paging link outside ${this.root}`);
    }
    return link.slice(this.root.length);
  }

  private valueOf(response: GraphResponse): unknown[] {
    const value = isRecord(response.body) ? response.body['value'] : undefined;
    if (!Array.isArray(value)) {
      throw new CodedError('graph_unexpected_response', 'GET /users answered without a value array');
    }
    return value;
  }

  private usersIn(response: GraphResponse): UserPage {
    const users = this.valueOf(response)
      .map(directoryUserOf)
      .filter((u): u is DirectoryUser => u !== undefined);
    const next = text((response.body as Record<string, unknown>)['@odata.nextLink']);
    return next ? { users, next } : { users };
  }

  private failure(code: string, what: string, response: GraphResponse): CodedError {
    const error = graphErrorOf(response);
    return new CodedError(code, `${what}: HTTP ${response.status} ${error.code}: ${error.message}`, {
      status: response.status,
      code: error.code,
    });
  }
}
