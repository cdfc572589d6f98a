import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

/** The peer address. Proxy headers are not trusted: a client could forge them to dodge throttling. */
export function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}
