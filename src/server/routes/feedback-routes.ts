import { randomBytes } from 'node:crypto'
import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { submitFeedback } from '../../commands/submit-feedback.ts'
import { DomainError, InvalidInputError, NotFoundError, ThrottledError } from '../../core/errors.ts'
import { FEEDBACK_LIMITS, readFeedback } from '../../core/inbox/feedback-form.ts'
import { feedbackSenderKey } from '../../security/feedback-sender-key.ts'
import { findFeedbackForm } from '../../store/queries/find-feedback-form.ts'
import type { AppContext } from '../app-env.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonResponse, problems } from '../openapi-helpers.ts'
import {
  type FeedbackPageInput,
  feedbackPageCsp,
  renderFeedbackPage,
} from '../presenters/feedback-form-page.ts'
import { problemResponse } from '../problem.ts'

/** Above the longest form a person can send (5,000 characters, each up to 12 bytes encoded). */
const MAX_FEEDBACK_BYTES = 64 * 1024

const SlugParams = z.object({
  slug: z.string().openapi({ param: { name: 'slug', in: 'path' }, example: 'acme' }),
})
const fieldsDoc = {
  message: z.string().openapi({ description: `1–${FEEDBACK_LIMITS.message} characters` }),
  name: z
    .string()
    .optional()
    .openapi({ description: `Up to ${FEEDBACK_LIMITS.name} characters` }),
  contact: z
    .string()
    .optional()
    .openapi({ description: `An email or handle to answer; up to ${FEEDBACK_LIMITS.contact}` }),
  website: z
    .string()
    .optional()
    .openapi({ description: 'Leave empty: a trap field hidden from people' }),
}
const FeedbackJsonSchema = z.object(fieldsDoc).openapi('FeedbackMessage')
// The browser form: everything optional here, so a bad field is answered on the page, in HTML.
const FeedbackFormSchema = z.object({
  message: z.string().optional(),
  name: z.string().optional(),
  contact: z.string().optional(),
  website: z.string().optional(),
})
const htmlPage = (description: string) => ({
  description,
  content: { 'text/html': { schema: z.string() } },
})

/**
 * The public feedback form `/f/{slug}`: no account; a form post is answered in HTML (303 to
 * the thank-you page, or the form again with the problem), a JSON post in JSON (problem+json
 * when refused). Rate limited per sender address; a filled trap field is answered like a
 * success and stored nowhere, so a bot learns nothing.
 */
export function registerFeedbackRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  const { db } = ctx.database
  api.use(
    '/f/*',
    bodyLimit({
      maxSize: MAX_FEEDBACK_BYTES,
      onError: (c) => {
        c.header('Connection', 'close')
        const detail = `A message is at most ${FEEDBACK_LIMITS.message.toLocaleString('en')} characters`
        return wantsHtml(c)
          ? page(c, 413, { state: 'refused', nonce: '', detail })
          : problemResponse(c, 413, 'Payload too large', detail)
      },
    }),
  )

  addRoute(
    api,
    ctx,
    { kind: 'public' },
    createRoute({
      method: 'get',
      path: '/f/{slug}',
      tags: ['inbox'],
      summary:
        "A workspace's public feedback form (HTML, no JavaScript); `?sent=1` thanks the sender",
      request: { params: SlugParams, query: z.object({ sent: z.string().optional() }) },
      responses: {
        200: htmlPage('The form'),
        404: htmlPage('No such feedback link, or its form is off'),
      },
    }),
    async (c) => {
      const form = await formFor(c.req.valid('param').slug)
      if (!form) return page(c, 404, { state: 'unknown', nonce: '' })
      const state = c.req.valid('query').sent ? 'sent' : 'form'
      return page(c, 200, { state, ...form, nonce: '' })
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'public' },
    createRoute({
      method: 'post',
      path: '/f/{slug}',
      tags: ['inbox'],
      summary: `Send a message to a workspace's inbox without an account (source feedback-form, classified and routed like any message). At most 5 messages per address in 10 minutes; bodies up to ${MAX_FEEDBACK_BYTES} bytes`,
      request: {
        params: SlugParams,
        body: {
          content: {
            'application/json': { schema: FeedbackJsonSchema },
            'application/x-www-form-urlencoded': { schema: FeedbackFormSchema },
          },
        },
      },
      responses: {
        202: jsonResponse(z.object({ received: z.literal(true) }), 'The team has it'),
        303: { description: 'A form post: to the thank-you page' },
        415: problems[400],
        ...problems,
      },
    }),
    async (c) => {
      const html = wantsHtml(c)
      const fields = html
        ? c.req.valid('form')
        : (c.req.header('content-type') ?? '').includes('json')
          ? c.req.valid('json')
          : undefined
      if (!fields)
        return problemResponse(
          c,
          415,
          'Unsupported media type',
          'Send the form (application/x-www-form-urlencoded) or JSON',
        )
      const form = await formFor(c.req.valid('param').slug)
      try {
        if (!form) throw new NotFoundError('That feedback link')
        const feedback = readFeedback(fields)
        if (!fields.website)
          await submitFeedback(ctx.database, {
            workspaceId: form.workspaceId,
            senderKey: feedbackSenderKey(ctx.secret, clientIp(c)),
            feedback,
          })
      } catch (error) {
        if (!html || !(error instanceof DomainError)) throw error
        if (!form) return page(c, 404, { state: 'unknown', nonce: '' })
        const status = error instanceof ThrottledError ? 429 : 422
        if (error instanceof ThrottledError)
          c.header('Retry-After', String(error.retryAfterSeconds))
        return page(c, status, {
          state: 'form',
          ...form,
          nonce: '',
          values: fields as Record<string, string>,
          error: {
            detail: error.message,
            fields: error instanceof InvalidInputError ? error.fields : {},
          },
        })
      }
      if (html) return c.redirect(`/f/${form.slug}?sent=1`, 303)
      return c.json({ received: true as const }, 202)
    },
  )

  async function formFor(slug: string) {
    return /^[a-z0-9][a-z0-9-]{1,62}$/.test(slug) ? findFeedbackForm(db, slug) : null
  }
}

/** A browser's form post (or any page request) is answered in HTML; JSON callers get JSON. */
function wantsHtml(c: Context): boolean {
  const type = c.req.header('content-type') ?? ''
  return c.req.method === 'GET' || /x-www-form-urlencoded|multipart\/form-data/.test(type)
}

/** One of the feedback pages, with a fresh nonce for its <style> in a CSP that allows nothing else. */
function page(c: Context, status: 200 | 404 | 413 | 422 | 429, input: FeedbackPageInput) {
  const nonce = randomBytes(16).toString('base64')
  c.header('Content-Security-Policy', feedbackPageCsp(nonce))
  c.header('Cache-Control', 'no-store')
  return c.html(renderFeedbackPage({ ...input, nonce }), status)
}
