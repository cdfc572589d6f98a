import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError } from '../config.ts'
import { loadSecret, SecretFileError, secretFilePath } from './load-secret.ts'

describe('loadSecret', () => {
  let dataDir: string
  const embedded = () => ({ dataDir, secret: undefined, databaseUrl: undefined })

  beforeEach(() => {
    dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'sous-secret-')), 'data')
  })
  afterEach(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }))

  it('creates a 32-byte key readable only by its owner, then keeps returning it', () => {
    const key = loadSecret(embedded())
    expect(key.length).toBe(32)
    expect(statSync(secretFilePath(dataDir)).mode & 0o777).toBe(0o600)
    expect(loadSecret(embedded()).equals(key)).toBe(true)
  })

  it('does not create the key when asked not to', () => {
    expect(() => loadSecret(embedded(), { create: false })).toThrow(/ENOENT/)
  })

  it('derives the key from SOUS_SECRET when it is set, in either mode', () => {
    const fromEnv = loadSecret({ ...embedded(), secret: 'x'.repeat(40) })
    expect(fromEnv.length).toBe(32)
    const server = { ...embedded(), secret: 'x'.repeat(40), databaseUrl: 'postgres://db/sous' }
    expect(loadSecret(server).equals(fromEnv)).toBe(true)
  })

  it('requires SOUS_SECRET with DATABASE_URL', () => {
    expect(() => loadSecret({ ...embedded(), databaseUrl: 'postgres://db/sous' })).toThrow(
      ConfigError,
    )
  })

  it('refuses a key file of the wrong size instead of using it', () => {
    loadSecret(embedded())
    writeFileSync(secretFilePath(dataDir), 'short')
    expect(() => loadSecret(embedded())).toThrow(SecretFileError)
  })
})
