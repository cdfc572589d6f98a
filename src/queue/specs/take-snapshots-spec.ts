import { z } from 'zod'
import type { JobSpec } from '../define-job.ts'
import { BACKGROUND_READS } from './background-limit.ts'

/** The snapshot job's identity, for enqueueing without the worker's wiring. */
export const takeSnapshotsSpec = {
  id: 'take-snapshots',
  version: 1,
  payloadSchema: z.object({ deliveryIds: z.array(z.uuid()).min(1).max(500) }),
  retry: { maxAttempts: 6, baseDelayMs: 60_000 },
  limit: BACKGROUND_READS,
} satisfies JobSpec
