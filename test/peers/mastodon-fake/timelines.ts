/**
 * The public timelines as documented (docs.joinmastodon.org/methods/timelines):
 * `GET /api/v1/timelines/public` and `GET /api/v1/timelines/tag/:hashtag` (public statuses with
 * the tag; `any[]`, `all[]` and `none[]` add tags). Newest first, `limit` 20 by default and at
 * most 40, paged by `max_id`/`since_id`/`min_id` (a strict server: its own `page`) with a
 * `Link` header; `local`/`remote` and `only_media` filter. Reblogs are not in them. Every
 * status of the fake is local. Public: no token needed.
 */
import type { Context, Hono } from 'hono'
import { statusJson, tagsOf } from './entities.ts'
import { linkHeader, type Paging, paginate, readPageQuery } from './pagination.ts'
import type { FakeState, Status } from './state.ts'

// biome-ignore lint/suspicious/noExplicitAny: the app's own Env is private to app.ts
export function addTagTimeline(app: Hono<any>, state: FakeState, paging: Paging): void {
  app.get('/api/v1/timelines/tag/:hashtag', (c) => {
    const tag = c.req.param('hashtag').toLowerCase()
    const list = (name: string) => (c.req.queries(`${name}[]`) ?? []).map((t) => t.toLowerCase())
    const [any, all, none] = [list('any'), list('all'), list('none')]
    return timeline(c, state, paging, (s) => {
      const tags = tagsOf(s.text)
      return (
        [tag, ...any].some((t) => tags.includes(t)) &&
        all.every((t) => tags.includes(t)) &&
        !none.some((t) => tags.includes(t))
      )
    })
  })
  app.get('/api/v1/timelines/public', (c) => timeline(c, state, paging, () => true))
}

/** One page of the public statuses `kept` keeps, with its `Link` header. */
function timeline(
  c: Context,
  state: FakeState,
  paging: Paging,
  kept: (status: Status) => boolean,
): Response {
  const flag = (name: string) => c.req.query(name) === 'true'
  const statuses = [...state.statuses.values()].filter(
    (s) =>
      !s.deleted &&
      !s.reblogOfId &&
      s.visibility === 'public' &&
      !flag('remote') &&
      !(flag('only_media') && s.mediaIds.length === 0) &&
      kept(s),
  )
  const page = paginate(
    statuses,
    (s) => s.id,
    readPageQuery((name) => c.req.query(name), 20, 40, paging),
  )
  const link = linkHeader(c.req.url, page, (s) => s.id, true, paging)
  if (link) c.header('Link', link)
  return c.json(page.map((s) => statusJson(state, s)))
}
