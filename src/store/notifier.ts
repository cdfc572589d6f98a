import { EventEmitter } from 'node:events'
import type pg from 'pg'

/**
 * Wake-ups between processes. On PostgreSQL: LISTEN/NOTIFY on a dedicated connection.
 * Embedded: one process owns the data folder, so an in-process emitter is enough.
 */
export type Notifier = {
  notify: (channel: string, payload?: string) => Promise<void>
  on: (channel: string, listener: (payload: string) => void) => () => void
  /** Resolves once every channel subscribed so far receives notifications. */
  ready: () => Promise<void>
  close: () => Promise<void>
}

export function createLocalNotifier(): Notifier {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  return {
    notify: async (channel, payload = '') => {
      emitter.emit(channel, payload)
    },
    on: (channel, listener) => {
      emitter.on(channel, listener)
      return () => emitter.off(channel, listener)
    },
    ready: async () => {},
    close: async () => {
      emitter.removeAllListeners()
    },
  }
}

const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/

export function createPgNotifier(pool: pg.Pool): Notifier {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  const listening = new Set<string>()
  let client: pg.PoolClient | undefined
  let connecting: Promise<pg.PoolClient> | undefined
  let listened: Promise<void> = Promise.resolve()

  const connection = async () => {
    if (client) return client
    connecting ??= pool.connect().then((c) => {
      c.on('notification', (n) => emitter.emit(n.channel, n.payload ?? ''))
      c.on('error', () => {
        // The listener connection dropped: forget it; the next `on` reconnects and timers still fire.
        client = undefined
        connecting = undefined
        listening.clear()
      })
      client = c
      return c
    })
    return connecting
  }

  return {
    notify: async (channel, payload = '') => {
      await pool.query('select pg_notify($1, $2)', [channel, payload])
    },
    on: (channel, listener) => {
      if (!CHANNEL_NAME.test(channel)) throw new Error(`invalid channel name ${channel}`)
      emitter.on(channel, listener)
      if (!listening.has(channel)) {
        listening.add(channel)
        const previous = listened
        listened = connection()
          .then((c) => c.query(`LISTEN ${channel}`))
          .then(
            () => previous,
            () => {
              // Not listening (the database is unreachable): callers fall back on their timers.
              listening.delete(channel)
            },
          )
      }
      return () => emitter.off(channel, listener)
    },
    ready: () => listened,
    close: async () => {
      emitter.removeAllListeners()
      client?.release()
      client = undefined
    },
  }
}
