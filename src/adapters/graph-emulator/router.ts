// A readable table router: routes are written as templates ('/users/:id/presence') and matched case-insensitively,
// as Graph matches its paths.

export interface Route<H> {
  readonly method: string;
  readonly pattern: RegExp;
  readonly handler: H;
  /** Counts against the tenant's presence quota. */
  readonly presence: boolean;
}

export type RouteMatch<H> =
  | { readonly kind: 'found'; readonly route: Route<H>; readonly params: readonly string[] }
  | { readonly kind: 'method_not_allowed' }
  | { readonly kind: 'not_found' };

export function route<H>(
  method: string,
  template: string,
  handler: H,
  opts: { presence?: boolean } = {},
): Route<H> {
  const source = template
    .split('/')
    .map((part) => (part.startsWith(':') ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return { method, pattern: new RegExp(`^${source}/?$`, 'i'), handler, presence: opts.presence ?? false };
}

export function matchRoute<H>(routes: readonly Route<H>[], method: string, path: string): RouteMatch<H> {
  let pathMatched = false;
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (r.method !== method) continue;
    return { kind: 'found', route: r, params: m.slice(1).map((p) => decodeURIComponent(p)) };
  }
  return pathMatched ? { kind: 'method_not_allowed' } : { kind: 'not_found' };
}
