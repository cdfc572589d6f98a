import { loadConfig } from '../config.ts'
import { createLogger } from '../logger.ts'
import type { Database } from '../store/connect.ts'
import { createApp, OPENAPI_OBJECT } from './app.ts'

/**
 * The OpenAPI document without a running instance, for generating the typed client: the
 * routes are registered against a database that refuses every use.
 */
export function buildOpenApiDocument() {
  const unused = new Proxy({} as Database, {
    get: (_, property) => {
      if (property === 'db' || property === 'pool') return undefined
      throw new Error('the OpenAPI document needs no database')
    },
  })
  const config = loadConfig({ LOG_LEVEL: 'silent' })
  const { app } = createApp({
    database: unused,
    config,
    logger: createLogger(config),
    secret: Buffer.alloc(32),
  })
  return app.getOpenAPI31Document(OPENAPI_OBJECT)
}
