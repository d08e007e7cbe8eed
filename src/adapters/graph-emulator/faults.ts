// Injected failures: the next `count` Graph requests answer `status` (e.g. 503), as an outage would.
export interface Fault {
  readonly status: number;
  readonly count: number;
  readonly retryAfterSeconds?: number;
}

const CODES: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'InvalidAuthenticationToken',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceNotAvailable',
  504: 'GatewayTimeout',
};

export function faultCode(status: number): string {
  return CODES[status] ?? 'UnknownError';
}

export function isValidFault(value: unknown): value is Fault {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  const status = f.status;
  const count = f.count;
  const retry = f.retryAfterSeconds;
  return (
    Number.isInteger(status) &&
    (status as number) >= 400 &&
    (status as number) <= 599 &&
    Number.isInteger(count) &&
    (count as number) >= 0 &&
    (retry === undefined || (Number.isInteger(retry) && (retry as number) >= 0))
  );
}

export class FaultQueue {
  private pending: { status: number; remaining: number; retryAfterSeconds?: number }[] = [];

  inject(fault: Fault): void {
    if (fault.count > 0) this.pending.push({ ...fault, remaining: fault.count });
  }

  /** The fault the current request must suffer, if any. */
  take(): Fault | undefined {
    const head = this.pending[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) this.pending.shift();
    return head.retryAfterSeconds === undefined
      ? { status: head.status, count: 1 }
      : { status: head.status, count: 1, retryAfterSeconds: head.retryAfterSeconds };
  }

  reset(): void {
    this.pending = [];
  }
}
