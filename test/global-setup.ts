import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { connect } from '../src/store/connect.ts'
import { migrateDatabase } from '../src/store/migrate.ts'
import { TEMPLATE_DIR, TEST_BACKEND } from './database.ts'

/** Builds the migrated PGlite template folder that every embedded test file copies. */
export default async function setup(): Promise<(() => void) | undefined> {
  if (TEST_BACKEND !== 'embedded') return undefined
  rmSync(TEMPLATE_DIR, { recursive: true, force: true })
  mkdirSync(TEMPLATE_DIR, { recursive: true })
  const database = await connect({ kind: 'embedded', dataDir: TEMPLATE_DIR })
  await migrateDatabase(database.pool)
  await database.close()
  rmSync(`${TEMPLATE_DIR}/run`, { recursive: true, force: true })
  if (!existsSync(`${TEMPLATE_DIR}/pg`)) throw new Error('template database was not written')
  return () => rmSync(TEMPLATE_DIR, { recursive: true, force: true })
}
