import { type Context, Hono } from 'hono'
import {
  accountJson,
  credentialAccountJson,
  mediaJson,
  notificationJson,
  relationshipJson,
  statusJson,
} from './entities.ts'
import { linkHeader, type Paging, paginate, readPageQuery } from './pagination.ts'
import { type Account, FakeError, type FakeState, type NotificationType, s256 } from './state.ts'
import { InvalidBody, refuseNulls, validateMediaBody, validateStatusBody } from './strict.ts'
import { addTagTimeline } from './timelines.ts'

export type RateLimit = { limit: number; periodMs: number }

export type FakeControls = {
  state: FakeState
  rateLimit: RateLimit
  /** Who approves `GET /oauth/authorize` (the signed-in browser user); none → sign-in page. */
  signedIn: () => Account | undefined
  record: (request: { method: string; path: string }) => void
  /** A strict, schema-validating server (see index.ts). */
  strict: boolean
}

type Env = { Variables: { account: Account; token: string } }
type Params = Record<string, unknown>

const INVALID_TOKEN = 'The access token is invalid'
const NOTIFICATION_TYPES: NotificationType[] = [
  'mention',
  'status',
  'reblog',
  'follow',
  'favourite',
  'quote',
]

/** The routes of the Mastodon client API that Sous uses; see index.ts. */
export function createFakeApp(controls: FakeControls): Hono<Env> {
  const { state, strict } = controls
  const paging: Paging = strict ? 'opaque' : 'ids'
  const app = new Hono<Env>()
  const windows = new Map<string, { count: number; resetAt: number }>()
  const readBody = (c: Context) => readParams(c, strict)

  app.onError((error, c) => {
    // A schema validator's answer: a message and the failed fields, no `error` field.
    if (error instanceof InvalidBody) {
      return c.json({ message: error.message, errors: error.errors }, 400)
    }
    if (error instanceof FakeError) {
      if (strict && error.status === 400) return c.json({ message: error.message }, 400)
      return c.json({ error: error.message }, error.status as 400)
    }
    return c.json({ error: `Internal server error: ${error.message}` }, 500)
  })
  app.notFound((c) => c.json({ error: 'Record not found' }, 404))

  // X-RateLimit-* on every response, per token (per address when anonymous), as rack-attack sends them.
  app.use(async (c, next) => {
    const url = new URL(c.req.url)
    controls.record({ method: c.req.method, path: url.pathname + url.search })
    const key = bearer(c) ?? 'anonymous'
    const now = state.now()
    let window = windows.get(key)
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + controls.rateLimit.periodMs }
      windows.set(key, window)
    }
    window.count++
    const remaining = Math.max(0, controls.rateLimit.limit - window.count)
    const headers = {
      'X-RateLimit-Limit': String(controls.rateLimit.limit),
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-Reset': new Date(window.resetAt).toISOString(),
    }
    if (window.count > controls.rateLimit.limit) {
      return c.json({ error: 'Too many requests' }, 429, headers)
    }
    await next()
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value)
  })

  const authenticated = async (c: Context<Env>, next: () => Promise<void>) => {
    const token = bearer(c)
    const grant = token ? state.tokens.get(token) : undefined
    const account = grant?.accountId ? state.accounts.get(grant.accountId) : undefined
    if (!token || !grant || grant.revoked || !account) {
      return c.json({ error: INVALID_TOKEN }, 401)
    }
    c.set('account', account)
    c.set('token', token)
    await next()
  }

  app.get('/.well-known/oauth-authorization-server', (c) => {
    const base = state.base
    return c.json({
      issuer: `${base}/`,
      authorization_endpoint: `${base}/oauth/authorize`,
      token_endpoint: `${base}/oauth/token`,
      revocation_endpoint: `${base}/oauth/revoke`,
      app_registration_endpoint: `${base}/api/v1/apps`,
      scopes_supported: ['read', 'write', 'follow', 'push', 'profile'],
      response_types_supported: ['code'],
      response_modes_supported: ['query', 'fragment', 'form_post'],
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code', 'client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    })
  })

  app.post('/api/v1/apps', async (c) => {
    const params = await readBody(c)
    const name = text(params.client_name)
    const redirectUris = list(params.redirect_uris).flatMap((uri) => uri.split(/\s+/))
    const problems = [
      ...(name ? [] : ["Application name can't be blank"]),
      ...(redirectUris.length > 0 ? [] : ["Redirect URI can't be blank"]),
    ]
    if (problems.length > 0) throw new FakeError(422, `Validation failed: ${problems.join(', ')}`)
    const scopes = (text(params.scopes) ?? 'read').split(/\s+/)
    const app = state.registerApp(name ?? '', redirectUris, scopes, text(params.website) ?? null)
    return c.json({
      id: app.id,
      name: app.name,
      website: app.website,
      scopes: app.scopes,
      redirect_uri: app.redirectUris.join('\n'),
      redirect_uris: app.redirectUris,
      client_id: app.clientId,
      client_secret: app.clientSecret,
      client_secret_expires_at: 0,
      vapid_key: 'BFake-vapid-key',
    })
  })

  app.get('/api/v1/apps/verify_credentials', (c) => {
    const token = bearer(c)
    const grant = token ? state.tokens.get(token) : undefined
    const client = grant && !grant.revoked ? state.apps.get(grant.clientId) : undefined
    if (!client) return c.json({ error: INVALID_TOKEN }, 401)
    return c.json({
      id: client.id,
      name: client.name,
      website: client.website,
      scopes: client.scopes,
      redirect_uris: client.redirectUris,
    })
  })

  // Test-only: approves at once for the signed-in user instead of showing the consent form.
  app.get('/oauth/authorize', (c) => {
    const client = state.apps.get(c.req.query('client_id') ?? '')
    const redirectUri = c.req.query('redirect_uri') ?? ''
    if (!client?.redirectUris.includes(redirectUri)) {
      return c.html(
        '<h1>An error has occurred</h1><p>Client authentication failed due to unknown client, or the redirect URI is not registered.</p>',
        400,
      )
    }
    const back = (params: Record<string, string | undefined>) => {
      const target = new URL(redirectUri)
      for (const [name, value] of Object.entries(params)) {
        if (value !== undefined) target.searchParams.set(name, value)
      }
      return c.redirect(target.toString(), 302)
    }
    const state_ = c.req.query('state')
    const scope = c.req.query('scope') ?? 'read'
    if (c.req.query('response_type') !== 'code') {
      return back({ error: 'unsupported_response_type', state: state_ })
    }
    if (!scope.split(/[\s+]+/).every((wanted) => client.scopes.includes(wanted))) {
      return back({ error: 'invalid_scope', state: state_ })
    }
    const challenge = c.req.query('code_challenge')
    const method = c.req.query('code_challenge_method')
    if (challenge !== undefined && method !== 'S256') {
      return back({
        error: 'invalid_request',
        error_description: 'code_challenge_method must be S256',
        state: state_,
      })
    }
    const user = controls.signedIn()
    if (!user) return c.redirect(`${state.base}/auth/sign_in`, 302)
    const code = crypto.randomUUID().replace(/-/g, '')
    state.grants.set(code, {
      clientId: client.clientId,
      accountId: user.id,
      redirectUri,
      scope,
      codeChallenge: challenge,
      expiresAt: state.now() + 10 * 60 * 1000,
      used: false,
    })
    return back({ code, state: state_ })
  })

  app.post('/oauth/token', async (c) => {
    const params = await readBody(c)
    const client = state.apps.get(text(params.client_id) ?? '')
    if (!client || client.clientSecret !== text(params.client_secret)) {
      return c.json(
        {
          error: 'invalid_client',
          error_description:
            'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
        },
        401,
      )
    }
    const grantType = text(params.grant_type)
    if (grantType === 'client_credentials') {
      const scope = text(params.scope) ?? 'read'
      return c.json(tokenJson(state.issueToken(null, client.clientId, scope), scope, state.now()))
    }
    if (grantType !== 'authorization_code') {
      return c.json(
        {
          error: 'unsupported_grant_type',
          error_description:
            'The authorization grant type is not supported by the authorization server.',
        },
        400,
      )
    }
    const code = text(params.code) ?? ''
    const grant = state.grants.get(code)
    const verifier = text(params.code_verifier)
    const valid =
      grant &&
      !grant.used &&
      grant.expiresAt > state.now() &&
      grant.clientId === client.clientId &&
      grant.redirectUri === text(params.redirect_uri) &&
      (grant.codeChallenge === undefined ||
        (verifier !== undefined && s256(verifier) === grant.codeChallenge))
    if (!grant || !valid) {
      return c.json(
        {
          error: 'invalid_grant',
          error_description:
            'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
        },
        400,
      )
    }
    grant.used = true
    return c.json(
      tokenJson(
        state.issueToken(grant.accountId, client.clientId, grant.scope),
        grant.scope,
        state.now(),
      ),
    )
  })

  app.post('/oauth/revoke', async (c) => {
    const params = await readBody(c)
    const token = state.tokens.get(text(params.token) ?? '')
    if (token) token.revoked = true
    return c.json({})
  })

  // The streaming server's health check; the stream itself is a WebSocket (streaming.ts).
  app.get('/api/v1/streaming/health', (c) => c.text('OK'))

  app.get('/api/v2/instance', (c) => {
    const limits = state.limits
    const host = new URL(state.base).host
    return c.json({
      domain: host,
      title: 'Mastodon contract fake',
      version: '4.5.0',
      source_url: 'https://github.com/mastodon/mastodon',
      description: 'A contract fake of the Mastodon client API, for tests.',
      usage: { users: { active_month: state.accounts.size } },
      thumbnail: { url: `${state.base}/packs/media/images/preview.png` },
      languages: ['en'],
      configuration: {
        urls: { streaming: state.base.replace(/^http/, 'ws') },
        accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
        statuses: {
          max_characters: limits.maxCharacters,
          max_media_attachments: limits.maxMediaAttachments,
          characters_reserved_per_url: limits.charactersReservedPerUrl,
        },
        media_attachments: {
          supported_mime_types: limits.supportedMimeTypes,
          description_limit: limits.descriptionLimit,
          image_size_limit: limits.imageSizeLimit,
          image_matrix_limit: 33177600,
          video_size_limit: 103809024,
          video_frame_rate_limit: 120,
          video_matrix_limit: 8294400,
        },
        polls: {
          max_options: 4,
          max_characters_per_option: 50,
          min_expiration: 300,
          max_expiration: 2629746,
        },
        translation: { enabled: false },
      },
      registrations: { enabled: false, approval_required: false, message: null },
      api_versions: { mastodon: 7 },
      contact: { email: 'admin@example.com', account: null },
      rules: [],
    })
  })

  app.get('/api/v1/accounts/verify_credentials', authenticated, (c) =>
    c.json(credentialAccountJson(state, c.get('account'))),
  )

  app.post('/api/v2/media', authenticated, async (c) => {
    const params = await readBody(c)
    if (strict) validateMediaBody(params)
    const file = params.file
    if (!(file instanceof Blob)) {
      throw new FakeError(422, "Validation failed: File can't be blank")
    }
    const media = state.addMedia(
      c.get('account').id,
      file.type,
      file.size,
      text(params.description) ?? null,
    )
    return c.json(mediaJson(state, media), media.pollsLeft > 0 ? 202 : 200)
  })

  app.get('/api/v1/media/:id', authenticated, (c) => {
    const media = state.media.get(idParam(c))
    if (!media || media.accountId !== c.get('account').id)
      throw new FakeError(404, 'Record not found')
    if (media.pollsLeft > 0) {
      media.pollsLeft--
      return c.json(mediaJson(state, { ...media, pollsLeft: media.pollsLeft + 1 }), 206)
    }
    return c.json(mediaJson(state, media))
  })

  app.post('/api/v1/statuses', authenticated, async (c) => {
    const params = await readBody(c)
    // Strict: the body is validated before the Idempotency-Key is looked at.
    if (strict) validateStatusBody(params)
    const client = state.apps.get(state.tokens.get(c.get('token'))?.clientId ?? '')
    const status = state.createStatus(c.get('account').id, {
      text: text(params.status),
      mediaIds: list(params.media_ids),
      inReplyToId: text(params.in_reply_to_id) ?? null,
      quotedStatusId: text(params.quoted_status_id) ?? null,
      spoilerText: text(params.spoiler_text),
      visibility: text(params.visibility),
      language: text(params.language) ?? null,
      idempotencyKey: c.req.header('Idempotency-Key'),
      applicationName: client?.name ?? null,
    })
    return c.json(statusJson(state, status))
  })

  app.get('/api/v1/statuses/:id', authenticated, (c) => {
    const status = state.liveStatus(idParam(c))
    if (!status) throw new FakeError(404, 'Record not found')
    return c.json(statusJson(state, status))
  })

  app.delete('/api/v1/statuses/:id', authenticated, (c) =>
    c.json(statusJson(state, state.deleteStatus(c.get('account').id, idParam(c)), true)),
  )

  // Used by a second account acting over HTTP (the live harness's actor), as on a real instance.
  app.post('/api/v1/statuses/:id/favourite', authenticated, (c) =>
    c.json(statusJson(state, state.favourite(c.get('account').id, idParam(c)))),
  )
  app.post('/api/v1/statuses/:id/reblog', authenticated, (c) =>
    c.json(statusJson(state, state.reblog(c.get('account').id, idParam(c)))),
  )

  app.get('/api/v1/notifications', authenticated, (c) => {
    const me = c.get('account').id
    const types = c.req.queries('types[]') ?? c.req.queries('types') ?? NOTIFICATION_TYPES
    const excluded = c.req.queries('exclude_types[]') ?? c.req.queries('exclude_types') ?? []
    const mine = state.notifications.filter(
      (n) =>
        n.recipientId === me &&
        types.includes(n.type) &&
        !excluded.includes(n.type) &&
        (!n.statusId || state.liveStatus(n.statusId)),
    )
    const page = paginate(
      mine,
      (n) => n.id,
      readPageQuery((name) => c.req.query(name), 40, 80, paging),
    )
    // NotificationsController: a next link whenever the page is not empty.
    const link = linkHeader(c.req.url, page, (n) => n.id, true, paging)
    if (link) c.header('Link', link)
    return c.json(page.map((n) => notificationJson(state, n)))
  })

  app.get('/api/v1/accounts/relationships', authenticated, (c) => {
    const me = c.get('account').id
    const ids = c.req.queries('id[]') ?? c.req.queries('id') ?? []
    return c.json(
      ids.filter((id) => state.accounts.has(id)).map((id) => relationshipJson(state, me, id)),
    )
  })

  app.get('/api/v1/accounts/:id', authenticated, (c) => {
    const account = state.accounts.get(idParam(c))
    if (!account) throw new FakeError(404, 'Record not found')
    return c.json(accountJson(state, account))
  })

  for (const direction of ['followers', 'following'] as const) {
    app.get(`/api/v1/accounts/:id/${direction}`, authenticated, (c) => {
      const id = idParam(c)
      if (!state.accounts.has(id)) throw new FakeError(404, 'Record not found')
      const query = readPageQuery((name) => c.req.query(name), 40, 80, paging)
      const follows = state.follows.filter((f) =>
        direction === 'followers' ? f.targetId === id : f.followerId === id,
      )
      const page = paginate(follows, (f) => f.id, query)
      // Paged by the follow's id; a next link only when the page is full (records_continue?).
      const link = linkHeader(c.req.url, page, (f) => f.id, page.length === query.limit, paging)
      if (link) c.header('Link', link)
      return c.json(
        page.flatMap((f) => {
          const account = state.accounts.get(direction === 'followers' ? f.followerId : f.targetId)
          return account ? [accountJson(state, account)] : []
        }),
      )
    })
  }

  for (const action of ['follow', 'unfollow'] as const) {
    app.post(`/api/v1/accounts/:id/${action}`, authenticated, (c) => {
      const me = c.get('account').id
      const target = idParam(c)
      // Mastodon answers a repeated follow with the relationship; a strict server refuses it.
      if (action === 'follow' && strict && state.isFollowing(me, target)) {
        throw new FakeError(403, 'You are already following this account')
      }
      if (action === 'follow') state.follow(me, target)
      else state.unfollow(me, target)
      return c.json(relationshipJson(state, me, target))
    })
  }

  app.get('/api/v1/accounts/:id/statuses', authenticated, (c) => {
    const id = idParam(c)
    if (!state.accounts.has(id)) throw new FakeError(404, 'Record not found')
    const flag = (name: string) => c.req.query(name) === 'true'
    const statuses = [...state.statuses.values()].filter(
      (s) =>
        !s.deleted &&
        s.accountId === id &&
        !(flag('exclude_reblogs') && s.reblogOfId) &&
        !(flag('exclude_replies') && s.inReplyToId),
    )
    const page = paginate(
      statuses,
      (s) => s.id,
      readPageQuery((name) => c.req.query(name), 20, 40, paging),
    )
    const link = linkHeader(c.req.url, page, (s) => s.id, true, paging)
    if (link) c.header('Link', link)
    return c.json(page.map((s) => statusJson(state, s)))
  })
  addTagTimeline(app, state, paging)

  return app
}

function tokenJson(token: string, scope: string, now: number) {
  return { access_token: token, token_type: 'Bearer', scope, created_at: Math.floor(now / 1000) }
}

function bearer(c: Context): string | undefined {
  return /^Bearer (.+)$/i.exec(c.req.header('Authorization') ?? '')?.[1]
}

/**
 * JSON, urlencoded or multipart, with Rails' `name[]` arrays folded into `name`. A strict
 * server refuses `null` for any field: an optional field is left out, never null.
 */
async function readParams(c: Context, strict: boolean): Promise<Params> {
  const type = c.req.header('Content-Type') ?? ''
  const raw: Params = type.includes('application/json')
    ? ((await c.req.json().catch(() => {
        throw new FakeError(400, 'Invalid JSON')
      })) as Params)
    : type.includes('form')
      ? ((await c.req.parseBody({ all: true })) as Params)
      : {}
  if (strict) refuseNulls(raw)
  const params: Params = {}
  for (const [name, value] of Object.entries(raw)) {
    if (name.endsWith('[]')) params[name.slice(0, -2)] = Array.isArray(value) ? value : [value]
    else params[name] = value
  }
  return params
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

function list(value: unknown): string[] {
  if (value === undefined || value === null) return []
  return (Array.isArray(value) ? value : [value]).flatMap((item) => text(item) ?? [])
}

function idParam(c: Context): string {
  return c.req.param('id') ?? ''
}
