import type { RunningLimit } from '../define-job.ts'

/**
 * Polling feeds and reading inboxes, engagement and follower lists share one limit: at most 50
 * at once in a worker process, the whole worker before its concurrency was raised for
 * deliveries (README, SOUS_WORKER_CONCURRENCY). They read many accounts on a few hosts and
 * share the database with deliveries, which keep every slot beyond these 50.
 */
export const BACKGROUND_READS: RunningLimit = { name: 'background-reads', max: 50 }
