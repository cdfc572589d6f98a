// The parsing thread's entry (piscina, see parse-pool.ts). Plain .mjs like
// store/embedded/pglite-thread.mjs, so it starts without a loader: it loads read-body's
// compiled JavaScript next to it (dist/server) or, from the sources, the TypeScript through tsx.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const compiled = new URL('./read-body.js', import.meta.url)
async function load() {
  if (existsSync(fileURLToPath(compiled))) return import(compiled.href)
  const source = new URL('./read-body.ts', import.meta.url).href
  try {
    return await import(source)
  } catch (error) {
    if (error?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error
    const { register } = await import('tsx/esm/api')
    register()
    // A failed import stays cached under its URL: ask again under another.
    return import(`${source}?tsx`)
  }
}
const { readBody } = await load()

export default readBody
