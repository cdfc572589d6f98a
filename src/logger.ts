import { createRequire } from 'node:module'
import pino, { type Logger } from 'pino'
import type PinoPretty from 'pino-pretty'
import type { Config } from './config.ts'

// Only a terminal gets readable lines, so only then is pino-pretty (~5 MB of heap) loaded.
const require = createRequire(import.meta.url)

/**
 * JSON logs on stdout for machines; when a person watches a terminal, the same records as
 * readable lines. One child logger per job or request carries its ids.
 */
export function createLogger(
  config: Pick<Config, 'logLevel'>,
  options: { readable?: boolean } = { readable: process.stdout.isTTY === true },
): Logger {
  const base = { level: config.logLevel, base: { app: 'sous' } }
  if (!options.readable) return pino(base)
  const pretty = require('pino-pretty') as typeof PinoPretty
  return pino(
    base,
    pretty({
      colorize: true,
      ignore: 'pid,hostname,app',
      translateTime: 'SYS:HH:MM:ss',
      sync: true,
    }),
  )
}
