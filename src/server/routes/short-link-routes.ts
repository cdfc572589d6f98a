import { createRoute, z } from '@hono/zod-openapi'
import { createClickRecorder } from '../../commands/record-clicks.ts'
import { isPersonClick } from '../../core/measure/click-filter.ts'
import { createShortLinkLookup } from '../../store/queries/find-short-link.ts'
import type { AppContext } from '../app-env.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'

const NOT_FOUND_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Link not found</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">
<h1>This link does not exist</h1>
<p>The short link you followed is not known here. Check that it was copied whole.</p>
</body></html>`

// What app.ts's secure headers would say that matters here: the target learns nothing of
// where the click came from, and the HTML page is never sniffed or framed elsewhere.
const REDIRECT_HEADERS = { 'referrer-policy': 'no-referrer' }
const NOT_FOUND_HEADERS = {
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
}

/** `/l/{code}`: a short link's 302 to its tagged target, each click counted (see record-clicks). */
export function registerShortLinkRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  const lookup = createShortLinkLookup(ctx.database.db)
  const clicks = createClickRecorder(ctx.database.db)
  addRoute(
    api,
    ctx,
    { kind: 'public' },
    createRoute({
      method: 'get',
      path: '/l/{code}',
      tags: ['measure'],
      summary: 'A short link: redirects to the original link with the workspace’s UTM tags',
      // Declared, not validated: the handler checks the code itself (a validator per request
      // cost more than the lookup).
      parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        302: { description: 'To the original link, tagged' },
        404: {
          description: 'No such short link (an HTML page)',
          content: { 'text/html': { schema: z.string() } },
        },
      },
    }),
    async (c) => {
      const found = /^[A-Za-z0-9]{1,32}$/.test(c.req.param('code'))
        ? await lookup(c.req.param('code'))
        : null
      if (!found) return c.html(NOT_FOUND_PAGE, 404, NOT_FOUND_HEADERS)
      const userAgent = c.req.header('user-agent') ?? ''
      clicks.record({
        linkId: found.linkId,
        person: isPersonClick({
          method: c.req.method,
          userAgent,
          purpose: c.req.header('sec-purpose') ?? c.req.header('purpose'),
        }),
        address: clientIp(c),
        userAgent,
      })
      // Headers as a plain object: @hono/node-server writes them without building a Headers.
      return new Response(null, {
        status: 302,
        headers: { location: found.target, 'cache-control': 'no-store', ...REDIRECT_HEADERS },
      })
    },
  )
  return { closeClicks: clicks.close }
}
