import { createRoute, z } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { deleteMedia } from '../../commands/delete-media.ts'
import { setMediaAltText } from '../../commands/set-media-alt-text.ts'
import { uploadMedia } from '../../commands/upload-media.ts'
import { MAX_UPLOAD_BYTES } from '../../core/media/media-rules.ts'
import { findMediaContent, findMediaItem, listMediaItems } from '../../store/queries/media-items.ts'
import { postsUsingMedia } from '../../store/queries/posts-using-media.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import { MediaSchema, presentMedia } from '../presenters/media.ts'
import { pageSchema, presentPage } from '../presenters/page.ts'
import { problemResponse } from '../problem.ts'

/** Room for the multipart boundaries and the alt text field around the file. */
const MULTIPART_SLACK = 64 * 1024
const UPLOAD_PATH = /^\/api\/v1\/workspaces\/[^/]+\/media$/

/** The upload carries its own, larger body limit, applied once access is checked; the general one skips it. */
export function setsOwnBodyLimit(method: string, path: string): boolean {
  return method === 'POST' && UPLOAD_PATH.test(path)
}

const problemBody = problems[400]
const MediaParams = WorkspaceParams.extend({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
})

export function registerMediaRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  const { db } = ctx.database

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'posts.compose' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/media',
      tags: ['media'],
      summary:
        'Upload an image (JPEG, PNG, WebP, GIF; at most 10 MiB); its type is read from the bytes and its metadata, location included, removed',
      middleware: [
        bodyLimit({
          maxSize: MAX_UPLOAD_BYTES + MULTIPART_SLACK,
          onError: (c) =>
            problemResponse(
              c,
              413,
              'Payload too large',
              `Uploads are limited to ${MAX_UPLOAD_BYTES} bytes`,
            ),
        }),
      ] as const,
      request: {
        params: WorkspaceParams,
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({
                file: z.instanceof(File).openapi({ type: 'string', format: 'binary' }),
                altText: z.string().optional(),
              }),
            },
          },
        },
      },
      responses: {
        201: jsonResponse(MediaSchema, 'Stored'),
        200: jsonResponse(MediaSchema, 'The same image was already in the library'),
        ...problems,
        413: { ...problemBody, description: 'Over the upload limit' },
        422: { ...problemBody, description: 'Not an accepted image, or alt text too long' },
      },
    }),
    async (c) => {
      const { file, altText } = c.req.valid('form')
      if (file.size > MAX_UPLOAD_BYTES)
        throw new HTTPException(413, {
          message: `Uploads are limited to ${MAX_UPLOAD_BYTES} bytes`,
        })
      const { item, created } = await uploadMedia(db, {
        workspaceId: membershipOf(c).workspaceId,
        userId: principalOf(c).userId,
        bytes: Buffer.from(await file.arrayBuffer()),
        altText,
        ip: clientIp(c),
      })
      const used = await postsUsingMedia(db, item.workspaceId, [item.id])
      return c.json(presentMedia(item, used), created ? 201 : 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'workspace.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/media',
      tags: ['media'],
      summary:
        "The workspace's media library, newest first; page with `before` = the previous page's `next`",
      request: {
        params: WorkspaceParams,
        query: z.object({
          before: z.uuid().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: {
        200: jsonResponse(pageSchema(MediaSchema), 'Media items'),
        ...problems,
      },
    }),
    async (c) => {
      const { before, limit } = c.req.valid('query')
      const workspaceId = membershipOf(c).workspaceId
      const rows = await listMediaItems(db, workspaceId, { before, limit })
      const used = await postsUsingMedia(
        db,
        workspaceId,
        rows.map((r) => r.id),
      )
      return c.json(
        presentPage(
          rows.map((r) => presentMedia(r, used)),
          limit,
          (item) => item.id,
        ),
        200,
      )
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'workspace.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/media/{id}',
      tags: ['media'],
      summary: "An image's metadata and alt text",
      request: { params: MediaParams },
      responses: { 200: jsonResponse(MediaSchema, 'The image'), ...problems },
    }),
    async (c) => {
      const item = await findMediaItem(db, membershipOf(c).workspaceId, c.req.valid('param').id)
      const used = await postsUsingMedia(db, item.workspaceId, [item.id])
      return c.json(presentMedia(item, used), 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'workspace.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/media/{id}/content',
      tags: ['media'],
      summary: "An image's bytes, as stored and as networks will receive them",
      request: { params: MediaParams },
      responses: {
        200: {
          description: 'The image',
          content: { 'image/*': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...problems,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const item = await findMediaContent(db, membershipOf(c).workspaceId, id)
      // Uploaded bytes under the app's origin: the stored type is always an image type (read
      // from the bytes), and the browser is told never to sniff, run or frame them as a page.
      return c.body(new Uint8Array(item.bytes), 200, {
        'content-type': item.mimeType,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'content-disposition': `inline; filename="${id}.${item.mimeType.replace('image/', '')}"`,
        'cache-control': 'private, max-age=86400, immutable',
        etag: `"${item.sha256}"`,
      })
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'posts.compose' },
    createRoute({
      method: 'patch',
      path: '/api/v1/workspaces/{ws}/media/{id}',
      tags: ['media'],
      summary: "Change an image's alt text (at most 1,000 characters)",
      request: {
        params: MediaParams,
        body: jsonBody(z.strictObject({ altText: z.string() })),
      },
      responses: {
        200: jsonResponse(MediaSchema, 'Changed'),
        ...problems,
        422: { ...problemBody, description: 'Alt text too long' },
      },
    }),
    async (c) => {
      const item = await setMediaAltText(db, {
        workspaceId: membershipOf(c).workspaceId,
        mediaId: c.req.valid('param').id,
        altText: c.req.valid('json').altText,
        userId: principalOf(c).userId,
        ip: clientIp(c),
      })
      const used = await postsUsingMedia(db, item.workspaceId, [item.id])
      return c.json(presentMedia(item, used), 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'posts.compose' },
    createRoute({
      method: 'delete',
      path: '/api/v1/workspaces/{ws}/media/{id}',
      tags: ['media'],
      summary: 'Remove an image from the library (refused while a post uses it)',
      request: { params: MediaParams },
      responses: {
        204: { description: 'Removed' },
        ...problems,
        409: { ...problemBody, description: 'A post uses it' },
      },
    }),
    async (c) => {
      await deleteMedia(db, {
        workspaceId: membershipOf(c).workspaceId,
        mediaId: c.req.valid('param').id,
        userId: principalOf(c).userId,
        ip: clientIp(c),
      })
      return c.body(null, 204)
    },
  )
}
