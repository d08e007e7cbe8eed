// One Graph call on the shared client, answered as a status and parsed body for every HTTP outcome, so
// callers decide what a 404 or a 429 means. Only "no HTTP answer at all" is thrown.
import { GraphClientError, GraphError, ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { CodedError } from '../../domain/errors';

export type GraphMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface GraphResponse {
  readonly status: number;
  /** Parsed JSON, the raw text when it is not JSON, or undefined when empty. */
  readonly body: unknown;
  readonly headers: Headers;
}

export interface GraphErrorInfo {
  readonly code: string;
  readonly message: string;
}

/** Path segment from an id, so an id can never change the route (e.g. "a/b" or "x?y"). */
export const segment = (id: string): string => encodeURIComponent(id);

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text; // Not JSON (e.g. a proxy's HTML error page): keep it for the error message.
  }
}

function send(client: Client, method: GraphMethod, path: string, body: unknown): Promise<unknown> {
  // RAW: the SDK hands back the Response for every status instead of parsing 2xx (it would fail on an
  // empty 200 labelled JSON) and throwing on others.
  const request = client.api(path).responseType(ResponseType.RAW);
  switch (method) {
    case 'GET':
      return request.get();
    case 'POST':
      return request.post(body ?? {});
    case 'PATCH':
      return request.patch(body ?? {});
    case 'DELETE':
      return request.delete();
  }
}

function transportError(error: unknown, method: GraphMethod, path: string): CodedError {
  const where = `${method} ${path}`;
  if (error instanceof GraphClientError) {
    return new CodedError('graph_token_unavailable', `${where}: ${error.message}`, undefined, {
      cause: error,
    });
  }
  // A fetch rejection reaches us as a GraphError whose code is the original error's name.
  const name = error instanceof GraphError ? error.code : error instanceof Error ? error.name : undefined;
  if (name === 'TimeoutError' || name === 'AbortError')
    return new CodedError('graph_timeout', `${where}: Graph did not answer in time`, undefined, {
      cause: error,
    });
  const reason = error instanceof Error ? error.message : String(error);
  return new CodedError('graph_unreachable', `${where}: ${reason}`, undefined, { cause: error });
}

/** Sends a Graph request (path relative to the versioned root). Throws CodedError only without an HTTP answer. */
export async function graphRequest(
  client: Client,
  method: GraphMethod,
  path: string,
  body?: unknown,
): Promise<GraphResponse> {
  let response: unknown;
  try {
    response = await send(client, method, path, body);
  } catch (error) {
    throw transportError(error, method, path);
  }
  if (!(response instanceof Response)) {
    throw new CodedError(
      'graph_unexpected_response',
      `${method} ${path}: the Graph SDK returned no Response`,
    );
  }
  try {
    return { status: response.status, body: await readBody(response), headers: response.headers };
  } catch (error) {
    throw transportError(error, method, path);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Graph's `{"error": {"code", "message"}}`, or a generic code for bodies that are not Graph errors. */
export function graphErrorOf(response: GraphResponse): GraphErrorInfo {
  const error = isRecord(response.body) ? response.body['error'] : undefined;
  if (isRecord(error) && typeof error['code'] === 'string') {
    const message = typeof error['message'] === 'string' ? error['message'] : error['code'];
    return { code: error['code'], message };
  }
  const text = typeof response.body === 'string' ? response.body.slice(0, 200) : '';
  return { code: `http_${response.status}`, message: text || `Graph answered HTTP ${response.status}` };
}
