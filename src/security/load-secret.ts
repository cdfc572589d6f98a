import { createHash, randomBytes } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { type Config, ConfigError } from '../config.ts'

export const SECRET_FILE = 'secret.key'
export const SECRET_BYTES = 32

export class SecretFileError extends Error {
  readonly code = 'secret_invalid'
}

/**
 * The 32-byte key that encrypts network credentials: from SOUS_SECRET (required with
 * DATABASE_URL, since every process must share it), else `<dataDir>/secret.key`, created
 * on first use with mode 0600. Losing it means reconnecting accounts, never a crash.
 */
export function loadSecret(
  config: Pick<Config, 'secret' | 'databaseUrl' | 'dataDir'>,
  options: { create?: boolean } = {},
): Buffer {
  if (config.secret) return createHash('sha256').update(config.secret).digest()
  if (config.databaseUrl) {
    throw new ConfigError([
      'SOUS_SECRET: required when DATABASE_URL is set; every Sous process needs the same one (e.g. `openssl rand -base64 32`)',
    ])
  }
  const file = secretFilePath(config.dataDir)
  try {
    return readKeyFile(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || options.create === false) throw error
  }
  createKeyFile(file)
  return readKeyFile(file)
}

export function secretFilePath(dataDir: string): string {
  return path.join(dataDir, SECRET_FILE)
}

function readKeyFile(file: string): Buffer {
  const key = readFileSync(file)
  if (key.length !== SECRET_BYTES) {
    throw new SecretFileError(
      `${file} holds ${key.length} bytes instead of ${SECRET_BYTES}: restore it from a backup, or delete it to make a new key (accounts connected before must then be reconnected)`,
    )
  }
  return key
}

// Written aside then linked into place: a crash never leaves a short key, and of two
// concurrent creators the first link wins and both read the same key.
function createKeyFile(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, randomBytes(SECRET_BYTES), { mode: 0o600, flush: true })
  try {
    linkSync(temp, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    rmSync(temp, { force: true })
  }
}
