import { CommanderError } from 'commander'
import { ConfigError } from '../config.ts'
import { DomainError } from '../core/errors.ts'
import { SecretFileError } from '../security/load-secret.ts'
import { DataDirLockedError } from '../store/embedded/lock-data-dir.ts'
import { CliError } from './cli-error.ts'

const EXPECTED = [DomainError, DataDirLockedError, SecretFileError, CliError]

/** Prints an error the way a user should see it and returns the exit code: 2 usage, 1 failure. */
export function reportError(error: unknown, write: (text: string) => void): number {
  // Commander has already printed its message (or the help it was asked for).
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2
  if (error instanceof ConfigError) {
    write(`${error.message}\n`)
    return 1
  }
  if (EXPECTED.some((kind) => error instanceof kind)) {
    write(`Error: ${(error as Error).message}\n`)
    return 1
  }
  write(
    `Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  return 1
}
