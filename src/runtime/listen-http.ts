import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type HttpBindings, serve } from '@hono/node-server'

export type Fetch = (request: Request, env: HttpBindings) => Response | Promise<Response>

export type HttpServer = {
  /** Where this process listens (the real port when SOUS_PORT is 0). */
  url: string
  /** Swaps the handler, e.g. from "starting" to the app once the database is up. */
  setFetch: (fetch: Fetch) => void
  /** Stops accepting; requests in flight get `graceMs` before their connections are cut. */
  close: (graceMs: number) => Promise<void>
}

export async function listenHttp(options: {
  host: string
  port: number
  fetch: Fetch
}): Promise<HttpServer> {
  let current = options.fetch
  const server = serve({
    fetch: (request, env) => current(request, env as HttpBindings),
    hostname: options.host,
    port: options.port,
  }) as Server
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${options.host}:${options.port}`
      if (error.code === 'EADDRINUSE')
        reject(new Error(`${where} is already in use: stop what uses it, or set SOUS_PORT`))
      else if (error.code === 'EADDRNOTAVAIL')
        reject(new Error(`${options.host} is not an address of this machine: check SOUS_HOST`))
      else reject(error)
    })
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${displayHost(options.host)}:${port}`,
    setFetch: (fetch) => {
      current = fetch
    },
    close: (graceMs) =>
      new Promise<void>((resolve) => {
        const cut = setTimeout(() => server.closeAllConnections(), graceMs)
        server.close(() => {
          clearTimeout(cut)
          resolve()
        })
        server.closeIdleConnections()
      }),
  }
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost'
  return host.includes(':') ? `[${host}]` : host
}
