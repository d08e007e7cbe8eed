// The CLI's one kind of failure: a sentence a person can act on, printed as one line with exit code 1.
export class CliError extends Error {}

export function fail(message: string): never {
  throw new CliError(message);
}
