import { listenHttp } from '../src/runtime/listen-http.ts'
import { createTestApp, type TestApp } from '../test/app.ts'

export type RunningSous = TestApp & {
  /** Where the browser reaches it, e.g. http://127.0.0.1:41234 */
  url: string
  stop: () => Promise<void>
}

/**
 * The real app, web UI included, on a fresh embedded database and a real loopback port, in
 * this test process: the browser talks to it over HTTP like a person's would.
 */
export async function startSous(
  options: Parameters<typeof createTestApp>[0] = {},
): Promise<RunningSous> {
  const t = await createTestApp(options)
  const http = await listenHttp({
    host: '127.0.0.1',
    port: 0,
    fetch: (request, env) => t.app.fetch(request, env),
  })
  return {
    ...t,
    url: http.url,
    stop: async () => {
      await http.close(1000)
      await t.close()
    },
  }
}
