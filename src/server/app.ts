import { secureHeaders } from 'hono/secure-headers'
import { createNetworkRegistry } from '../networks/registry.ts'
import type { AppContext } from './app-env.ts'
import { authenticate } from './auth/authenticate.ts'
import { refuseCrossSiteWrites } from './auth/refuse-cross-site-writes.ts'
import { type AccessTable, createApi } from './define-route.ts'
import { limitBody } from './limit-body.ts'
import { handleError, problemResponse } from './problem.ts'
import { refuseUnstorableText } from './refuse-unstorable-text.ts'
import { registerAccountRoutes } from './routes/account-routes.ts'
import { registerAlertRoutes } from './routes/alert-routes.ts'
import { registerAuditRoutes } from './routes/audit-routes.ts'
import { registerAuthRoutes } from './routes/auth-routes.ts'
import { registerBalanceRoutes } from './routes/balance-routes.ts'
import { registerBrakeRoutes } from './routes/brake-routes.ts'
import { registerCalendarRoutes } from './routes/calendar-routes.ts'
import { registerCampaignRoutes } from './routes/campaign-routes.ts'
import { registerCrisisWatchRoutes } from './routes/crisis-watch-routes.ts'
import { registerFeedbackRoutes } from './routes/feedback-routes.ts'
import { registerHealthRoutes } from './routes/health-routes.ts'
import { registerInboxRoutes } from './routes/inbox-routes.ts'
import { registerInstanceRoutes } from './routes/instance-routes.ts'
import { registerLinkPreviewRoutes } from './routes/link-preview-routes.ts'
import { registerListenMatchRoutes } from './routes/listen-match-routes.ts'
import { registerMeRoutes } from './routes/me-routes.ts'
import { registerMeasureRoutes } from './routes/measure-routes.ts'
import { registerMediaRoutes, setsOwnBodyLimit } from './routes/media-routes.ts'
import { registerMemberRoutes } from './routes/member-routes.ts'
import { registerOAuthCallbackRoutes } from './routes/oauth-callback-routes.ts'
import { registerPeopleRoutes } from './routes/people-routes.ts'
import { registerPostRoutes } from './routes/post-routes.ts'
import { registerQueueRoutes } from './routes/queue-routes.ts'
import { registerReviewRoutes } from './routes/review-routes.ts'
import { registerRoutingRulesRoutes } from './routes/routing-rules-routes.ts'
import { registerSearchRoutes } from './routes/search-routes.ts'
import { registerSetupRoutes } from './routes/setup-routes.ts'
import { registerShortLinkRoutes } from './routes/short-link-routes.ts'
import { registerSourceRoutes } from './routes/source-routes.ts'
import { registerSuggestionRoutes } from './routes/suggestion-routes.ts'
import { registerTokenRoutes } from './routes/token-routes.ts'
import { registerWorkspaceRoutes } from './routes/workspace-routes.ts'
import { createWebHandler } from './serve-web.ts'

export const MAX_BODY_BYTES = 1024 * 1024

export const OPENAPI_OBJECT = {
  openapi: '3.1.0',
  info: {
    title: 'Sous API',
    version: '1',
    description: 'The REST API of Sous, a self-hosted social media workbench.',
  },
}

/** The HTTP app: API under /api/v1, the OpenAPI document, health, the web UI. Routes are thin; commands do the work. */
export function createApp(context: AppContext) {
  const accessTable: AccessTable = new Map()
  const networks = context.networks ?? createNetworkRegistry(context.config)
  const ctx = { ...context, accessTable, networks }
  const api = createApi()

  api.use('*', async (c, next) => {
    c.set('logger', ctx.logger)
    await next()
  })
  // A short link's answer sets its own few headers (short-link-routes.ts): the full set cost
  // ~10 % of the redirect's CPU (bench/measure.ts) and says nothing to a 302 without a body.
  const headers = secureHeaders({ crossOriginResourcePolicy: 'same-origin' })
  api.use('*', (c, next) => (c.req.path.startsWith('/l/') ? next() : headers(c, next)))
  // The unread rest of the body would be taken for the next request on this connection:
  // close it, so the client's next request opens a clean one.
  const generalBodyLimit = limitBody(MAX_BODY_BYTES, (c) => {
    c.header('Connection', 'close')
    return problemResponse(
      c,
      413,
      'Payload too large',
      `Request bodies are limited to ${MAX_BODY_BYTES} bytes`,
    )
  })
  api.use('/api/*', (c, next) =>
    setsOwnBodyLimit(c.req.method, c.req.path) ? next() : generalBodyLimit(c, next),
  )
  // Uploads read their own raw stream (multipart, own size limit): the JSON check stays out.
  const unstorableText = refuseUnstorableText()
  api.use('/api/*', (c, next) =>
    setsOwnBodyLimit(c.req.method, c.req.path) ? next() : unstorableText(c, next),
  )
  api.use('/api/*', authenticate(ctx.database.db))
  api.use('/api/*', refuseCrossSiteWrites(ctx.config.publicUrl))

  registerHealthRoutes(api, ctx)
  registerSetupRoutes(api, ctx)
  registerAuthRoutes(api, ctx)
  registerMeRoutes(api, ctx)
  registerWorkspaceRoutes(api, ctx)
  registerTokenRoutes(api, ctx)
  registerMemberRoutes(api, ctx)
  registerAuditRoutes(api, ctx)
  registerInstanceRoutes(api, ctx)
  registerAccountRoutes(api, ctx)
  registerOAuthCallbackRoutes(api, ctx)
  registerLinkPreviewRoutes(api, ctx)
  registerBrakeRoutes(api, ctx)
  registerPostRoutes(api, ctx)
  registerReviewRoutes(api, ctx)
  registerCalendarRoutes(api, ctx)
  registerQueueRoutes(api, ctx)
  registerBalanceRoutes(api, ctx)
  registerMediaRoutes(api, ctx)
  registerMeasureRoutes(api, ctx)
  registerCampaignRoutes(api, ctx)
  const shortLinks = registerShortLinkRoutes(api, ctx)
  registerFeedbackRoutes(api, ctx)
  registerInboxRoutes(api, ctx)
  registerPeopleRoutes(api, ctx)
  registerRoutingRulesRoutes(api, ctx)
  registerSourceRoutes(api, ctx)
  registerSuggestionRoutes(api, ctx)
  registerSearchRoutes(api, ctx)
  registerAlertRoutes(api, ctx)
  registerCrisisWatchRoutes(api, ctx)
  registerListenMatchRoutes(api, ctx)

  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'sous_session',
  })
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
  })
  accessTable.set('GET /api/openapi.json', { kind: 'public' })
  api.doc31('/api/openapi.json', OPENAPI_OBJECT)

  // The web UI answers what no route did (its pages and files, public); never /api, health, /l/, /f/.
  const web = createWebHandler()
  api.notFound(
    (c) =>
      web(c) ?? problemResponse(c, 404, 'Not found', `No route for ${c.req.method} ${c.req.path}`),
  )
  api.onError(handleError)
  return {
    app: api,
    accessTable,
    /** Writes the clicks still buffered; call it once no request can come (main.ts's stop). */
    close: () => shortLinks.closeClicks(),
  }
}
