import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createDeliverJob } from '../src/jobs/deliver-job.ts'
import { startWorker } from '../src/queue/worker.ts'
import type { Database } from '../src/store/connect.ts'
import { backgroundKinds } from './background-kinds.ts'
import { createBenchNetwork, notingClaims, type Publish, withClaimTimes } from './bench-network.ts'
import { addCounts, countStatements, type StatementCounts } from './count-statements.ts'
import type { DeliveryWorkerMessage, DeliveryWorkerSettings } from './delivery-worker.ts'

export type DeliveryWorkers = {
  label: string
  /** Starts counting the workers' SQL statements afresh (in this process: all of its statements). */
  mark: () => void
  stop: () => Promise<Publish[]>
  /** The statements counted from the mark to the stop, once stopped. */
  statements: StatementCounts
}

export type DeliveryWorkerOptions = {
  secret: Buffer
  concurrency: number
  publishMs: number
  /** 0: one worker in this process; otherwise that many worker processes (PostgreSQL only). */
  processes: number
  /** Called in this process as each publish starts, wherever it runs. */
  onPublish?: () => void
}

/** Delivery workers with the bench network: in this process, or in child processes like `sous start --role worker`. */
export async function startDeliveryWorkers(
  database: Database & { url?: string },
  options: DeliveryWorkerOptions,
): Promise<DeliveryWorkers> {
  if (options.processes === 0) return inProcess(database, options)
  if (!database.url) throw new Error('worker processes need a PostgreSQL URL')
  return childProcesses(database.url, options)
}

async function inProcess(
  database: Database,
  options: DeliveryWorkerOptions,
): Promise<DeliveryWorkers> {
  const network = createBenchNetwork(options.publishMs)
  if (options.onPublish) network.onPublish = options.onPublish
  const claims = new Map<string, number>()
  const counter = countStatements()
  const worker = await startWorker({
    database: notingClaims(database, claims),
    definitions: [
      createDeliverJob({ networks: network.registry, secret: options.secret }),
      ...backgroundKinds,
    ],
    concurrency: options.concurrency,
    workerId: 'bench-in-process',
  })
  const workers: DeliveryWorkers = {
    label: `1 worker in-process, concurrency ${options.concurrency}`,
    mark: () => void counter.take(),
    stop: async () => {
      await worker.stop(10_000)
      workers.statements = counter.take()
      return withClaimTimes(network.publishes, claims)
    },
    statements: {},
  }
  return workers
}

async function childProcesses(
  url: string,
  options: DeliveryWorkerOptions,
): Promise<DeliveryWorkers> {
  const script = fileURLToPath(new URL('./delivery-worker.ts', import.meta.url))
  const children = Array.from({ length: options.processes }, (_, i) => {
    const child = fork(script, [], { execArgv: ['--import', 'tsx'] })
    child.on('message', (message: DeliveryWorkerMessage) => {
      if (message.type === 'publish') options.onPublish?.()
    })
    const settings: DeliveryWorkerSettings = {
      url,
      secret: options.secret.toString('base64'),
      concurrency: options.concurrency,
      publishMs: options.publishMs,
      workerId: `bench-${i}`,
      reportPublishes: options.onPublish !== undefined,
    }
    child.send(settings)
    return child
  })
  const reply = <T extends DeliveryWorkerMessage['type']>(
    child: (typeof children)[number],
    type: T,
  ) =>
    new Promise<Extract<DeliveryWorkerMessage, { type: T }>>((resolve, reject) => {
      const onMessage = (message: DeliveryWorkerMessage) => {
        if (message.type !== type) return
        child.off('message', onMessage)
        resolve(message as Extract<DeliveryWorkerMessage, { type: T }>)
      }
      child.on('message', onMessage)
      child.once('exit', (code) => reject(new Error(`bench worker exited with ${code}`)))
    })
  await Promise.all(children.map((child) => reply(child, 'ready')))
  const workers: DeliveryWorkers = {
    label: `${options.processes} worker process${options.processes > 1 ? 'es' : ''}, concurrency ${options.concurrency} each`,
    mark: () => {
      for (const child of children) child.send('mark')
    },
    statements: {},
    stop: async () => {
      const replies = await Promise.all(
        children.map((child) => {
          const publishes = reply(child, 'publishes')
          child.send('stop')
          return publishes
        }),
      )
      for (const r of replies) addCounts(workers.statements, r.statements)
      return replies.flatMap((r) => r.publishes)
    },
  }
  return workers
}
