import { z } from 'zod'
import type { JobSpec } from '../define-job.ts'

/**
 * Deliver one delivery (one segment of one variant). Its retries are the delivery's own
 * (core/delivery decides them and enqueues the next run); the job itself only retries
 * when the handler crashed, so a lost worker never loses a delivery.
 */
export const deliverSpec = {
  id: 'deliver',
  version: 1,
  payloadSchema: z.object({ deliveryId: z.uuid() }),
  retry: { maxAttempts: 20, baseDelayMs: 2_000, maxDelayMs: 5 * 60_000 },
} satisfies JobSpec

/** One job per delivery and planned run: a second enqueue of the same run is a no-op. */
export function deliverJobKey(deliveryId: string, runAt: Date): string {
  return `deliver:${deliveryId}:${runAt.getTime()}`
}
