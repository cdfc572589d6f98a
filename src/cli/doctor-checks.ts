import { existsSync, statSync } from 'node:fs'
import { mkdir, rm, statfs, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Config } from '../config.ts'
import { probeDatabase, redactUrl } from '../runtime/connect-with-retry.ts'
import { loadSecret, secretFilePath } from '../security/load-secret.ts'
import { connect, type Database } from '../store/connect.ts'
import { lockDataDir, readLockState } from '../store/embedded/lock-data-dir.ts'
import { listWritableByOthers } from '../store/embedded/restrict-data-dir.ts'
import { migrationsApplied } from '../store/migrate.ts'

export type CheckResult =
  | { status: 'ok'; text: string }
  | { status: 'failed'; text: string; fix: string }
  | { status: 'skipped'; text: string }

// PGlite's folder starts at ~40 MB and grows with the data; below this, writes soon fail.
const MIN_FREE_BYTES = 512 * 1024 * 1024

const ok = (text: string): CheckResult => ({ status: 'ok', text })
const failed = (text: string, fix: string): CheckResult => ({ status: 'failed', text, fix })
const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

export async function checkDataDir(dataDir: string): Promise<CheckResult[]> {
  const probe = path.join(dataDir, `.doctor-${process.pid}`)
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 })
    await writeFile(probe, 'ok')
    await rm(probe)
  } catch (error) {
    return [
      failed(
        `The data folder ${dataDir} is not writable (${message(error)})`,
        'set SOUS_DATA_DIR to a folder this user can create and write, or fix its owner and permissions (chown/chmod)',
      ),
    ]
  }
  const { bavail, bsize } = await statfs(dataDir)
  const freeMb = Math.floor((bavail * bsize) / 1024 / 1024)
  const space =
    bavail * bsize >= MIN_FREE_BYTES
      ? ok(`${freeMb} MB free on the disk of the data folder`)
      : failed(
          `Only ${freeMb} MB free on the disk of the data folder`,
          `free up space, or move SOUS_DATA_DIR to a disk with at least ${MIN_FREE_BYTES / 1024 / 1024} MB free`,
        )
  return [ok(`The data folder ${dataDir} is writable`), space, checkDataDirPrivate(dataDir)]
}

function checkDataDirPrivate(dataDir: string): CheckResult {
  const open = listWritableByOthers(dataDir)
  if (open.length === 0) return ok('Other users cannot write in the data folder')
  const first = path.relative(dataDir, open[0] ?? dataDir) || 'the folder itself'
  return failed(
    `Other users can write ${open.length} file(s) and folder(s) in the data folder (${first} …): they could change the database or the secret key`,
    `chmod -R go-rwx ${dataDir} (\`sous start\` does the same)`,
  )
}

export function checkLock(dataDir: string): CheckResult {
  const lock = readLockState(dataDir)
  if (lock.state === 'held') return ok(`Sous is running (pid ${lock.pid}) and holds ${dataDir}`)
  if (lock.state === 'stale')
    return ok(
      `A stale lock of pid ${lock.pid ?? '?'} (not running) is left; the next start takes it over`,
    )
  return ok('No Sous process holds the data folder')
}

export function checkSecret(config: Config): CheckResult {
  if (config.secret) return ok('SOUS_SECRET is set')
  if (config.databaseUrl) {
    return failed(
      'SOUS_SECRET is not set; with DATABASE_URL it is required',
      'set SOUS_SECRET to the same random string of 32+ characters in every Sous process, e.g. from `openssl rand -base64 32`',
    )
  }
  const file = secretFilePath(config.dataDir)
  try {
    loadSecret(config, { create: false })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' && !existsSync(path.join(config.dataDir, 'pg')))
      return ok(`No secret key yet; the first start creates ${file}`)
    if (code === 'ENOENT') {
      return failed(
        `The secret key ${file} is missing`,
        'restore it from your backup; or let `sous start` create a new one, and reconnect the accounts connected before',
      )
    }
    return failed(
      `The secret key cannot be used: ${message(error)}`,
      `make ${file} readable by this user: chmod 600 ${file}`,
    )
  }
  if ((statSync(file).mode & 0o077) !== 0)
    return failed(`The secret key ${file} is readable by other users`, `chmod 600 ${file}`)
  return ok(`The secret key ${file} is present and readable`)
}

/** Reachable and migrated; embedded, only when no running Sous owns the folder. */
export async function checkDatabase(config: Config): Promise<CheckResult[]> {
  if (!config.databaseUrl) {
    const lock = readLockState(config.dataDir)
    if (lock.state === 'held')
      return [
        {
          status: 'skipped',
          text: `Database not opened: Sous (pid ${lock.pid}) owns it; its /readyz reports on it`,
        },
      ]
    if (!existsSync(path.join(config.dataDir, 'pg')))
      return [
        ok(`No database yet in ${config.dataDir}; \`sous setup\` or \`sous start\` creates it`),
      ]
  }
  let database: Database | undefined
  const lock = config.databaseUrl ? undefined : lockDataDir(config.dataDir)
  try {
    if (config.databaseUrl) {
      database = await connect({ kind: 'server', url: config.databaseUrl })
      await probeDatabase(database.pool)
    } else {
      database = await connect({ kind: 'embedded', dataDir: config.dataDir })
    }
  } catch (error) {
    await database?.close()
    lock?.release()
    const where = config.databaseUrl ? redactUrl(config.databaseUrl) : config.dataDir
    return [
      failed(
        `The database at ${where} cannot be reached (${message(error)})`,
        config.databaseUrl
          ? 'check DATABASE_URL (host, port, user, password, database name) and that PostgreSQL is running'
          : 'check the data folder; if it is damaged, restore it from your backup',
      ),
    ]
  }
  try {
    const reachable = ok('The database is reachable')
    return (await migrationsApplied(database.pool))
      ? [reachable, ok('Every migration is applied')]
      : [
          reachable,
          failed('Migrations are pending', 'run `sous migrate` (`sous start` also applies them)'),
        ]
  } finally {
    await database.close()
    lock?.release()
  }
}
