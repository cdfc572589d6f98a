import { performance } from 'node:perf_hooks'
import { z } from 'zod'
import { defineJob } from '../src/queue/define-job.ts'

/** One execution: the job id and how late it started (ms after its run_at). */
export type Run = [jobId: number, latenessMs: number]

export const wallClockMs = () => performance.timeOrigin + performance.now()

/** A no-op job that records each execution into `runs`. */
export function recordingJob(runs: Run[] = []) {
  return defineJob({
    id: 'bench-record',
    version: 1,
    payloadSchema: z.object({}),
    handler: async (_payload, ctx) => {
      runs.push([ctx.jobId, wallClockMs() - ctx.runAt.getTime()])
    },
  })
}
