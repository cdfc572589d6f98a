import sharp from 'sharp'
import { TEST_PUBLIC_URL, type TestApp } from './app.ts'

/** Uploads a small PNG to a workspace's media library, as a person would; `shade` makes its bytes distinct. */
export async function uploadImage(
  t: TestApp,
  to: { workspaceId: string; cookie: string },
  options: { altText: string; shade?: number },
): Promise<string> {
  const png = await sharp({
    create: {
      width: 64,
      height: 48,
      channels: 3,
      background: { r: options.shade ?? 196, g: 98, b: 16 },
    },
  })
    .png()
    .toBuffer()
  const form = new FormData()
  form.set('file', new File([png], 'image.png', { type: 'image/png' }))
  form.set('altText', options.altText)
  const res = await t.app.request(`${TEST_PUBLIC_URL}/api/v1/workspaces/${to.workspaceId}/media`, {
    method: 'POST',
    headers: { cookie: to.cookie },
    body: form,
  })
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { id: string }).id
}
