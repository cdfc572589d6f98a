import type { Logger } from 'pino'
import type { z } from 'zod'
import type { Database } from '../store/connect.ts'

export type RetryPolicy = {
  /** Attempts in all, the first included; after the last failure the job is `dead`. */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 1_000,
  maxDelayMs: 60 * 60_000,
}

/**
 * Kinds that name the same limit share it: together they run at most `max` at once in one
 * worker process, whatever its concurrency, so the slots beyond stay free for other kinds.
 */
export type RunningLimit = { name: string; max: number }

export type JobContext = {
  database: Database
  jobId: number
  /** 1 for the first run; a run cut short by a crashed worker counts too. */
  attempt: number
  /** When the job was due; the handler starts at or after it. */
  runAt: Date
  /** Aborted when the worker stops and the grace period is over, or the lease was lost. */
  signal: AbortSignal
  logger: Logger
}

/**
 * A job: `{ id, version, payloadSchema, handler }` with its retry policy beside it. Stored
 * payloads carry `version`; bump it when the payload's shape changes incompatibly.
 */
export type JobDefinition<Schema extends z.ZodType = z.ZodType> = {
  id: string
  version: number
  payloadSchema: Schema
  retry?: Partial<RetryPolicy>
  limit?: RunningLimit
  // Method syntax keeps definitions with specific payloads assignable to JobDefinition[].
  handler(payload: z.output<Schema>, ctx: JobContext): Promise<void>
}

/** What enqueueing needs: a job's identity and payload shape, without its handler (which may need a worker's wiring). */
export type JobSpec<Schema extends z.ZodType = z.ZodType> = Omit<JobDefinition<Schema>, 'handler'>

export type JobPayload<Definition extends JobSpec> = z.input<Definition['payloadSchema']>

export function defineJob<Schema extends z.ZodType>(
  definition: JobDefinition<Schema>,
): JobDefinition<Schema> {
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(definition.id)) {
    throw new Error(`job id "${definition.id}" must be kebab-case`)
  }
  return definition
}

export function retryPolicyOf(definition: JobSpec): RetryPolicy {
  return { ...DEFAULT_RETRY, ...definition.retry }
}

/** Thrown by a handler to run the job again after `delayMs` (e.g. a network's Retry-After); it counts as an attempt. */
export class RetryLaterError extends Error {
  readonly code = 'retry_later'
  constructor(
    readonly delayMs: number,
    message = `retry requested in ${delayMs} ms`,
  ) {
    super(message)
    this.name = 'RetryLaterError'
  }
}
