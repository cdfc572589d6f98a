import type { MiddlewareHandler } from 'hono'
import { ForbiddenError } from '../../core/errors.ts'
import type { AppEnv } from '../app-env.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * CSRF protection for cookie sessions: a browser always sends `Origin` on a cross-site
 * write, so a write whose Origin is neither Sous's public URL nor the host it was sent to
 * is refused. Fails closed on `Sec-Fetch-Site: cross-site`. Runs after `authenticate`: only
 * a caller who proved a valid API token is exempt (a token is no ambient credential); any
 * other `Authorization` header exempts nothing.
 */
export function refuseCrossSiteWrites(publicUrl: string): MiddlewareHandler<AppEnv> {
  const publicOrigin = new URL(publicUrl).origin
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || c.var.principal?.via === 'token') return next()
    const origin = c.req.header('origin')
    const fetchSite = c.req.header('sec-fetch-site')
    const ownOrigin = new URL(c.req.url).origin
    const allowed = origin === undefined || origin === publicOrigin || origin === ownOrigin
    if (!allowed || fetchSite === 'cross-site') {
      throw new ForbiddenError(
        'Cross-site request refused: send it from the Sous web app or use an API token',
      )
    }
    return next()
  }
}
