import { fileURLToPath } from 'node:url'
import type { Piscina } from 'piscina'
import type { BodyReading } from './feed-document.ts'
import type { BodyTask } from './read-body.ts'

/**
 * Feed bodies are parsed on a worker thread: a safe parser still blocks for seconds on
 * 5 MB of character references (notes/networks-and-listening.md), which on the main thread
 * would stall every request and job. One thread is enough for a worker's polling
 * (bench/feeds.ts); it ends when idle. A parse that overruns PARSE_TIMEOUT_MS, or a thread
 * that runs out of its heap, ends that thread and fails only that body.
 */
export const PARSE_TIMEOUT_MS = 15_000
const THREAD_HEAP_MB = 128
const THREAD_YOUNG_MB = 16
const IDLE_MS = 30_000

export type ParsePool = {
  read: (task: BodyTask) => Promise<BodyReading>
  close: () => Promise<void>
}

export function createParsePool(options: { threads?: number } = {}): ParsePool {
  // piscina loads with the first feed: a process that never polls one does not keep it.
  let starting: Promise<Piscina<BodyTask, BodyReading>> | undefined
  const started = () => {
    starting ??= import('piscina').then(
      ({ Piscina }) =>
        new Piscina<BodyTask, BodyReading>({
          filename: fileURLToPath(new URL('./read-body-thread.mjs', import.meta.url)),
          minThreads: 0,
          maxThreads: options.threads ?? 1,
          idleTimeout: IDLE_MS,
          resourceLimits: {
            maxOldGenerationSizeMb: THREAD_HEAP_MB,
            maxYoungGenerationSizeMb: THREAD_YOUNG_MB,
          },
        }),
    )
    return starting
  }
  return {
    read: async (task) => {
      // Copied into a buffer of its own, so it can be moved to the thread without a second copy.
      const bytes = task.bytes.slice()
      try {
        const pool = await started()
        return await pool.run(
          { ...task, bytes },
          { transferList: [bytes.buffer], signal: AbortSignal.timeout(PARSE_TIMEOUT_MS) },
        )
      } catch (error) {
        const name = (error as Error).name
        if (name === 'AbortError' || name === 'TimeoutError') {
          return {
            kind: 'unreadable',
            reason: `reading it took longer than ${PARSE_TIMEOUT_MS / 1000} s`,
          }
        }
        if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
          return { kind: 'unreadable', reason: 'reading it needed more memory than a feed may use' }
        }
        throw error
      }
    },
    close: async () => {
      if (starting) await (await starting).destroy()
    },
  }
}

let shared: ParsePool | undefined

/** The process's one parsing pool, made on first use. */
export function sharedParsePool(): ParsePool {
  shared ??= createParsePool()
  return shared
}
