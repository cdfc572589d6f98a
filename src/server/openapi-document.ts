import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import { loadConfig } from '../config.ts'
import { createLogger } from '../logger.ts'
import type { Database } from '../store/connect.ts'
import * as schema from '../store/schema/index.ts'
import { createApp, OPENAPI_OBJECT } from './app.ts'

/**
 * The OpenAPI document without a running instance, for generating the typed client: routes
 * may build (and prepare) their queries, but a pool that is never connected runs none.
 */
export function buildOpenApiDocument() {
  const pool = new pg.Pool({ host: '/nonexistent', max: 1 })
  const database = {
    kind: 'server',
    db: drizzle(pool, { schema, casing: 'snake_case' }),
    pool,
    notifier: undefined,
    close: () => pool.end(),
  } as unknown as Database
  const config = loadConfig({ LOG_LEVEL: 'silent' })
  const { app } = createApp({
    database,
    config,
    logger: createLogger(config),
    secret: Buffer.alloc(32),
  })
  return app.getOpenAPI31Document(OPENAPI_OBJECT)
}
