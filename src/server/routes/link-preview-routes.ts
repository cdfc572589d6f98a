import { createRoute, z } from '@hono/zod-openapi'
import { InvalidInputError } from '../../core/errors.ts'
import { LinkPreviewError } from '../../networks/link-preview/fetch-link-preview.ts'
import type { NetworkRegistry } from '../../networks/registry.ts'
import type { AppContext } from '../app-env.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'

const LinkPreviewSchema = z
  .object({
    url: z.string(),
    title: z.string().nullable(),
    description: z.string().nullable(),
    image: z.object({ mimeType: z.string(), dataUrl: z.string() }).nullable(),
    imageUrl: z.string().nullable().openapi({
      description:
        'Where the image is: send it as the post’s `link.imageUrl` to carry the card’s image',
    }),
  })
  .openapi('LinkPreview')

export function registerLinkPreviewRoutes(
  api: Api,
  ctx: AppContext & { accessTable: AccessTable; networks: NetworkRegistry },
) {
  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'posts.compose' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/link-preview',
      tags: ['compose'],
      summary: "A link's card as networks will show it: Open Graph title, description, image",
      request: {
        params: WorkspaceParams,
        body: jsonBody(z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(2000) })),
      },
      responses: { 200: jsonResponse(LinkPreviewSchema, 'The card'), ...problems },
    }),
    async (c) => {
      const { url } = c.req.valid('json')
      const card = await ctx.networks.linkPreview(url).catch((error: Error) => {
        if (error instanceof LinkPreviewError)
          throw new InvalidInputError(error.message, { url: error.reason })
        throw error
      })
      const thumb = card.thumbnail
      return c.json(
        {
          url: card.url,
          title: card.title ?? null,
          description: card.description ?? null,
          image: thumb
            ? {
                mimeType: thumb.mimeType,
                dataUrl: `data:${thumb.mimeType};base64,${Buffer.from(thumb.bytes).toString('base64')}`,
              }
            : null,
          imageUrl: thumb ? (card.imageUrl ?? null) : null,
        },
        200,
      )
    },
  )
}
