import type { Logger } from 'pino'
import { decideRetry } from '../core/retry/decide-retry.ts'
import type { Database } from '../store/connect.ts'
import { type JobDefinition, RetryLaterError, retryPolicyOf } from './define-job.ts'
import type { ClaimedJob } from './job-queries.ts'

export type JobOutcome =
  | { state: 'done' }
  | { state: 'retry'; delayMs: number; error: string }
  | { state: 'dead'; error: string }

/** Runs one claimed job to an outcome; never throws. A job that cannot run goes dead at once. */
export async function runJob(
  job: ClaimedJob,
  input: {
    definitions: ReadonlyMap<string, JobDefinition>
    database: Database
    signal: AbortSignal
    logger: Logger
  },
): Promise<JobOutcome> {
  const definition = input.definitions.get(job.name)
  if (!definition) return { state: 'dead', error: `unknown job "${job.name}": no definition` }
  if (job.version !== definition.version) {
    return {
      state: 'dead',
      error: `job "${job.name}" payload version ${job.version} does not match the definition's version ${definition.version}`,
    }
  }
  const parsed = definition.payloadSchema.safeParse(job.payload)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    return { state: 'dead', error: `invalid payload for "${job.name}": ${issues.join('; ')}` }
  }
  // A crashed worker's run is counted, so a job that kills its worker eventually goes dead.
  if (job.attempts > job.maxAttempts) {
    return { state: 'dead', error: `attempt ${job.attempts} of ${job.maxAttempts}: worker lost` }
  }

  const logger = input.logger.child({ job: job.name, jobId: job.id, attempt: job.attempts })
  try {
    await definition.handler(parsed.data, {
      database: input.database,
      jobId: job.id,
      attempt: job.attempts,
      runAt: job.runAt,
      signal: input.signal,
      logger,
    })
    return { state: 'done' }
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    const requestedDelayMs = error instanceof RetryLaterError ? error.delayMs : undefined
    const decision = decideRetry(
      { attempt: job.attempts, maxAttempts: job.maxAttempts, requestedDelayMs },
      retryPolicyOf(definition),
    )
    logger.warn({ err: error, retry: decision }, 'job failed')
    if (decision.retry) return { state: 'retry', delayMs: decision.delayMs, error: message }
    return { state: 'dead', error: `attempt ${job.attempts} of ${job.maxAttempts}: ${message}` }
  }
}
