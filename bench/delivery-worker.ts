// A delivery worker process for bench/delivery-lag.ts and bench/brake.ts, driven over IPC:
// it receives its settings, answers `ready`, sends `publish` as each publish starts when
// asked to, starts counting its SQL statements afresh on `mark`, and on `stop` sends back
// every publish its bench network recorded and the statements counted since the mark.
import { createDeliverJob } from '../src/jobs/deliver-job.ts'
import { startWorker } from '../src/queue/worker.ts'
import { connect } from '../src/store/connect.ts'
import { backgroundKinds } from './background-kinds.ts'
import { createBenchNetwork, notingClaims, type Publish, withClaimTimes } from './bench-network.ts'
import { countStatements, type StatementCounts } from './count-statements.ts'

export type DeliveryWorkerSettings = {
  url: string
  /** The instance secret, base64: the accounts' credentials are sealed with it. */
  secret: string
  concurrency: number
  publishMs: number
  workerId: string
  reportPublishes: boolean
}

export type DeliveryWorkerMessage =
  | { type: 'ready' }
  | { type: 'publish' }
  | { type: 'publishes'; publishes: Publish[]; statements: StatementCounts }

const send = (message: DeliveryWorkerMessage) =>
  new Promise<void>((resolve) => process.send?.(message, () => resolve()))

const statements = countStatements()

process.once('message', async (settings: DeliveryWorkerSettings) => {
  const database = await connect({ kind: 'server', url: settings.url })
  const network = createBenchNetwork(settings.publishMs)
  if (settings.reportPublishes) network.onPublish = () => void send({ type: 'publish' })
  const claims = new Map<string, number>()
  const worker = await startWorker({
    database: notingClaims(database, claims),
    definitions: [
      createDeliverJob({
        networks: network.registry,
        secret: Buffer.from(settings.secret, 'base64'),
      }),
      ...backgroundKinds,
    ],
    concurrency: settings.concurrency,
    workerId: settings.workerId,
  })
  process.on('message', async (message) => {
    if (message === 'mark') return void statements.take()
    await worker.stop(10_000)
    const counted = statements.take()
    const publishes = withClaimTimes(network.publishes, claims)
    await send({ type: 'publishes', publishes, statements: counted })
    await database.close()
    process.disconnect()
  })
  await send({ type: 'ready' })
})
