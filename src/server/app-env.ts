import type { Logger } from 'pino'
import type { Config } from '../config.ts'
import type { Role } from '../core/access/roles.ts'
import type { NetworkRegistry } from '../networks/registry.ts'
import type { Database } from '../store/connect.ts'

/** Who is calling: a person through a session cookie or through a personal API token. */
export type Principal = {
  userId: string
  email: string
  via: 'session' | 'token'
  /** May pull the instance-wide brake and read instance events; only in their own session. */
  instanceAdmin: boolean
  sessionId?: string
  /** A token works in its one workspace only. */
  tokenWorkspaceId?: string
}

export type AppEnv = {
  Variables: {
    principal?: Principal
    membership?: { workspaceId: string; role: Role }
    logger: Logger
  }
}

/** What the web process hands to routes. */
export type AppContext = {
  database: Database
  config: Config
  logger: Logger
  /** The instance secret that seals network credentials (security/load-secret.ts). */
  secret: Buffer
  /** Network adapters; built from config (with the SSRF guard) unless a test supplies them. */
  networks?: NetworkRegistry
  /** Extra readiness checks, e.g. a fresh worker heartbeat; each returns a problem or null. */
  readinessChecks?: Array<() => Promise<string | null>>
}
