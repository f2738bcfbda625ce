// How the command ends: 0 success, 1 failure (the server refused, could not be reached, a create failed), 2 a usage
// error (with a hint). Commands throw these; main.ts prints the message and exits with the code.
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string, hint: string): CliError => new CliError(message, 2, hint);
