import { type ImageAttachment, NetworkError } from '../types.ts'
import type { MastodonClient } from './client.ts'

/** How long to wait for an instance to process an upload (POST /api/v2/media answers 202). */
export type MediaPolling = {
  firstDelayMs: number
  maxDelayMs: number
  timeoutMs: number
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

export const DEFAULT_MEDIA_POLLING: MediaPolling = {
  firstDelayMs: 500,
  maxDelayMs: 5_000,
  timeoutMs: 60_000,
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Uploads one image with its description and waits until the instance has processed it
 * (`url` set), polling `GET /api/v1/media/:id` with doubling delays, bounded by `timeoutMs`:
 * a status cannot attach unprocessed media. Uploads are `read` calls for failure purposes:
 * an upload whose answer was lost is an unattached file the instance deletes, never a post.
 */
export async function uploadImage(
  client: MastodonClient,
  image: ImageAttachment,
  polling: MediaPolling,
): Promise<string> {
  const file = new Blob([new Uint8Array(image.bytes)], { type: image.mimeType })
  const uploaded = await client.run('read', (rest) =>
    rest.v2.media.create({ file, description: image.altText }),
  )
  if (uploaded.url) return uploaded.id
  const sleep = polling.sleep ?? defaultSleep
  const now = polling.now ?? Date.now
  const deadline = now() + polling.timeoutMs
  for (let delay = polling.firstDelayMs; ; delay = Math.min(delay * 2, polling.maxDelayMs)) {
    if (now() + delay > deadline) {
      throw new NetworkError({
        kind: 'transient',
        message: `the instance was still processing an image after ${Math.round(polling.timeoutMs / 1000)} s`,
      })
    }
    await sleep(delay)
    // 206 while processing: its body may be the attachment with `url: null`, or empty.
    const current = await client.run('read', (rest) => rest.v1.media.$select(uploaded.id).fetch())
    if (current?.url) return uploaded.id
  }
}
