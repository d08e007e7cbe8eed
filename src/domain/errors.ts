// Errors with stable, machine-readable codes. Expected outcomes are returned as values; these are thrown
// only where the caller cannot go on (bad configuration, invalid input at an edge).

export class CodedError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CodedError';
  }
}
