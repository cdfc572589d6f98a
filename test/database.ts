import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { connect, type Database } from '../src/store/connect.ts'
import { migrateDatabase } from '../src/store/migrate.ts'

// Tests choose their backend through SOUS_TEST_BACKEND (set by scripts/test.mjs); the
// embedded run copies a migrated template folder made once by test/global-setup.ts,
// because initdb costs ~2.5 s and ~700 MB per fresh PGlite.
export const TEST_BACKEND = process.env.SOUS_TEST_BACKEND === 'postgres' ? 'postgres' : 'embedded'
// One template per vitest run, so concurrent runs on one machine never share a folder;
// global-setup.ts sets the variable before the test workers start, and they inherit it.
process.env.SOUS_TEST_TEMPLATE_DIR ??= path.resolve(`.tmp/pglite-template-${process.pid}`)
export const TEMPLATE_DIR = process.env.SOUS_TEST_TEMPLATE_DIR
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/test'

export type TestDatabase = Database & { url?: string; dataDir?: string }

/** A fresh, migrated database for one test file: a copied PGlite folder or a new PostgreSQL database. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_BACKEND === 'embedded') {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sous-test-'))
    cpSync(TEMPLATE_DIR, dataDir, { recursive: true })
    const database = await connect({ kind: 'embedded', dataDir })
    return {
      ...database,
      dataDir,
      close: async () => {
        await database.close()
        rmSync(dataDir, { recursive: true, force: true })
      },
    }
  }
  return createPostgresDatabase(TEST_DATABASE_URL, 'sous_test')
}

/** A new, migrated database on the PostgreSQL server at `serverUrl`, dropped on close. */
export async function createPostgresDatabase(
  serverUrl: string,
  prefix: string,
): Promise<TestDatabase> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  await adminQuery(`create database ${name}`, serverUrl)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const database = await connect({ kind: 'server', url: url.toString() })
  await migrateDatabase(database.pool)
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await database.close()
      await adminQuery(`drop database if exists ${name} with (force)`, serverUrl)
    },
  }
}

async function adminQuery(sql: string, serverUrl: string): Promise<void> {
  const url = new URL(serverUrl)
  if (!url.username) url.username = 'postgres'
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
