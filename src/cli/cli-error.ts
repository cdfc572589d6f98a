/** A failure the user can act on: the CLI prints its message, without a stack, and exits 1. */
export class CliError extends Error {
  readonly code = 'cli_failed'
}
