import { randomBytes } from 'node:crypto'
import { createWorkspace } from '../src/commands/create-workspace.ts'
import { setupInstance } from '../src/commands/setup-instance.ts'
import { loadConfig } from '../src/config.ts'
import type { Role } from '../src/core/access/roles.ts'
import { createLogger } from '../src/logger.ts'
import { hashPassword } from '../src/security/password.ts'
import { createApp } from '../src/server/app.ts'
import { memberships, users } from '../src/store/schema/index.ts'
import { createTestDatabase, type TestDatabase } from './database.ts'

export const TEST_PUBLIC_URL = 'http://sous.test'
export const PASSWORD = 'correct horse battery'
export const TEST_SECRET = randomBytes(32)

export type TestApp = Awaited<ReturnType<typeof createTestApp>>

/** The real app on a real database, called in-process. */
export async function createTestApp(
  options: {
    readinessChecks?: Array<() => Promise<string | null>>
    env?: Record<string, string>
  } = {},
) {
  const database: TestDatabase = await createTestDatabase()
  const config = loadConfig({
    SOUS_PUBLIC_URL: TEST_PUBLIC_URL,
    LOG_LEVEL: 'silent',
    ...options.env,
  })
  const { app, accessTable, close } = createApp({
    database,
    config,
    logger: createLogger(config),
    secret: TEST_SECRET,
    readinessChecks: options.readinessChecks,
  })

  async function request(
    method: string,
    path: string,
    init: {
      body?: unknown
      rawBody?: string
      cookie?: string
      token?: string
      headers?: Record<string, string>
      /** The caller's address as the node server reports it (default: none, "unknown"). */
      ip?: string
    } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers }
    if (init.body !== undefined || init.rawBody !== undefined)
      headers['content-type'] ??= 'application/json'
    if (init.cookie) headers.cookie = init.cookie
    if (init.token) headers.authorization = `Bearer ${init.token}`
    const env = init.ip
      ? {
          incoming: { socket: { remoteAddress: init.ip, remotePort: 40000, remoteFamily: 'IPv4' } },
        }
      : undefined
    const response = await app.request(
      `${TEST_PUBLIC_URL}${path}`,
      {
        method,
        headers,
        body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
      },
      env,
    )
    // An event stream never ends: read its first event, then hang up as a browser tab closing would.
    const text = response.headers.get('content-type')?.startsWith('text/event-stream')
      ? await firstChunk(response)
      : await response.text()
    // Tests read arbitrary response shapes; asserting on them is the point, so no static type.
    // biome-ignore lint/suspicious/noExplicitAny: see above
    let json: any
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    return { status: response.status, headers: response.headers, json, text }
  }

  async function login(email: string, password = PASSWORD) {
    const res = await request('POST', '/api/v1/auth/login', { body: { email, password } })
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`)
    const cookie = res.headers.get('set-cookie')?.split(';')[0]
    if (!cookie) throw new Error('no session cookie')
    return cookie
  }

  /** The owner and first workspace, set up like `sous setup` does. */
  async function setupOwner(email = 'owner@example.com') {
    const { user, workspace } = await setupInstance(database.db, {
      email,
      password: PASSWORD,
      workspaceName: 'Acme',
    })
    return { user, workspace, cookie: await login(email) }
  }

  /** A person with a role in a workspace, logged in. */
  async function member(
    workspaceId: string,
    role: Role,
    email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.com`,
  ) {
    const [user] = await database.db
      .insert(users)
      .values({ email, passwordHash: await hashPassword(PASSWORD) })
      .returning()
    if (!user) throw new Error('no user inserted')
    await database.db.insert(memberships).values({ workspaceId, userId: user.id, role })
    return { user, cookie: await login(email) }
  }

  async function otherWorkspace(userId: string, name = 'Other') {
    return createWorkspace(database.db, { userId, name })
  }

  return {
    app,
    accessTable,
    database,
    config,
    request,
    login,
    setupOwner,
    member,
    otherWorkspace,
    /** The app's own close (buffered clicks written), the database left open. */
    closeApp: close,
    close: async () => {
      await close()
      await database.close()
    },
  }
}

export type TestOwner = Awaited<ReturnType<TestApp['setupOwner']>>

/** The opening of most API tests: the app on a fresh database, with its owner logged in. */
export async function startTestAppWithOwner(
  options: Parameters<typeof createTestApp>[0] = {},
): Promise<{ t: TestApp; owner: TestOwner }> {
  const t = await createTestApp(options)
  return { t, owner: await t.setupOwner() }
}

async function firstChunk(response: Response): Promise<string> {
  const reader = response.body?.getReader()
  if (!reader) return ''
  const { value } = await reader.read()
  await reader.cancel()
  return new TextDecoder().decode(value)
}
