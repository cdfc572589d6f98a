import { takeSnapshots } from '../commands/take-snapshots.ts'
import type { NetworkRegistry } from '../networks/registry.ts'
import { NetworkError } from '../networks/types.ts'
import { defineJob, RetryLaterError } from '../queue/define-job.ts'
import { takeSnapshotsSpec } from '../queue/specs/take-snapshots-spec.ts'

/**
 * Reads one account's due snapshots. A rate limit or a passing failure runs the job again
 * later (Retry-After honoured); an expired login stops it: the account's state says why.
 */
export function createTakeSnapshotsJob(options: { networks: NetworkRegistry; secret: Buffer }) {
  return defineJob({
    ...takeSnapshotsSpec,
    async handler(payload, ctx) {
      try {
        const outcome = await takeSnapshots(ctx.database.db, options.secret, options.networks, {
          deliveryIds: payload.deliveryIds,
          mode: 'scheduled',
        })
        ctx.logger.debug(outcome, 'engagement snapshots taken')
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error
        const failure = error.failure
        if (failure.kind === 'auth_expired' || failure.kind === 'rejected') {
          ctx.logger.warn({ failure }, 'engagement not read')
          return
        }
        const wait = 'retryAfterMs' in failure ? failure.retryAfterMs : undefined
        throw new RetryLaterError(wait ?? 60_000, error.message)
      }
    },
  })
}
