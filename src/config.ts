import path from 'node:path'
import { z } from 'zod'

// The only reader of process.env: everything is validated at boot and every problem is
// reported at once, so a misconfigured deployment fails with one readable list.

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const EnvSchema = z.object({
  SOUS_DATA_DIR: z.string().min(1).default('./data'),
  SOUS_HOST: z.string().min(1).default('127.0.0.1'),
  SOUS_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  SOUS_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  SOUS_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  SOUS_ALLOW_PRIVATE_NETWORK: z.enum(['0', '1']).default('0'),
  SOUS_BLUESKY_PLC_URL: z.url({ protocol: /^https?$/ }).default('https://plc.directory'),
  SOUS_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  SOUS_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(200),
  TEST_DATABASE_URL: z.string().optional(),
  SOUS_TOKEN: z.string().min(1).optional(),
  SOUS_LISTEN: z.enum(['0', '1']).default('1'),
  SOUS_JETSTREAM_URL: z
    .url({ protocol: /^wss?$/ })
    .default('wss://jetstream2.us-east.bsky.network/subscribe'),
  SOUS_BLUESKY_FIREHOSE_URL: z.url({ protocol: /^(wss?|https?)$/ }).optional(),
})

export type Config = {
  dataDir: string
  host: string
  port: number
  publicUrl: string
  databaseUrl: string | undefined
  secret: string | undefined
  logLevel: (typeof LOG_LEVELS)[number]
  allowPrivateNetwork: boolean
  /** Where did:plc identities are resolved when a Bluesky account is connected. */
  blueskyPlcUrl: string
  shutdownGraceMs: number
  /** Jobs one worker process runs at once; deliveries mostly wait on the network. */
  workerConcurrency: number
  testDatabaseUrl: string | undefined
  /** A personal API token for CLI commands that talk to a running Sous (`sous brake`). */
  apiToken: string | undefined
  /** Whether this instance listens (saved searches, crisis watch); SOUS_LISTEN=0 turns it off. */
  listen: boolean
  /** The Jetstream endpoint listening reads posts from. */
  jetstreamUrl: string
  /** When set, the verified firehose of this relay or PDS is read instead of Jetstream. */
  blueskyFirehoseUrl: string | undefined
}

export class ConfigError extends Error {
  readonly code = 'config_invalid'
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Config> = {},
): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    )
  }
  const e = parsed.data
  const host = overrides.host ?? e.SOUS_HOST
  const port = overrides.port ?? e.SOUS_PORT
  return {
    dataDir: path.resolve(e.SOUS_DATA_DIR),
    host,
    port,
    publicUrl: (e.SOUS_PUBLIC_URL ?? `http://${host}:${port}`).replace(/\/$/, ''),
    databaseUrl: e.DATABASE_URL,
    secret: e.SOUS_SECRET,
    logLevel: e.LOG_LEVEL,
    allowPrivateNetwork: e.SOUS_ALLOW_PRIVATE_NETWORK === '1',
    blueskyPlcUrl: e.SOUS_BLUESKY_PLC_URL,
    shutdownGraceMs: e.SOUS_SHUTDOWN_GRACE_MS,
    workerConcurrency: e.SOUS_WORKER_CONCURRENCY,
    testDatabaseUrl: e.TEST_DATABASE_URL,
    apiToken: e.SOUS_TOKEN,
    listen: e.SOUS_LISTEN === '1',
    jetstreamUrl: e.SOUS_JETSTREAM_URL,
    blueskyFirehoseUrl: e.SOUS_BLUESKY_FIREHOSE_URL,
    ...overrides,
  }
}
