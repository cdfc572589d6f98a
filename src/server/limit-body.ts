import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from './app-env.ts'

/**
 * hono's `bodyLimit`, without building a web `Request` where it is not needed. It reads
 * `c.req.raw.body`, which turns @hono/node-server's light request into a full one (Headers,
 * AbortController, a stream): ~14 % of GET /me's CPU (`npm run bench -- api --profile 1`).
 * A GET or HEAD has no body there, and a declared length is checked from its header (Node's
 * parser never reads past it); a chunked body is still counted as it streams in.
 */
export function limitBody(
  maxSize: number,
  onError: (c: Context<AppEnv>) => Response | Promise<Response>,
): MiddlewareHandler<AppEnv> {
  const streamed = bodyLimit({ maxSize, onError })
  return (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const length = c.req.header('content-length')
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) {
      return streamed(c, next)
    }
    return Number.parseInt(length, 10) > maxSize ? Promise.resolve(onError(c)) : next()
  }
}
