// The feed servers of bench/feeds.ts, in a process of their own so that serving does not
// take the measured process's CPU: fifty loopback hosts (127.0.1.1 … 127.0.1.50) on one port.
// Told its scenario on start; answers {port} once listening and {served} when asked.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { FORMATS, type Format, feedBody, TYPES } from './feed-corpus.ts'

type Scenario = { hosts: number; changedEvery: number; slowEvery: number }

process.once('message', async (scenario: Scenario) => {
  let served = 0
  const bodies = new Map<number, string>()
  const handler: http.RequestListener = (req, res) => {
    served++
    const n = Number(new URL(req.url ?? '/', 'http://x').pathname.split('/')[2])
    // Spread over the hosts by a hash, not by n (n % hosts picks the host).
    const h = Math.imul(n ^ (n >>> 7), 0x9e3779b1) >>> 0
    const answer = () => {
      if (h % scenario.changedEvery !== 3 && req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' })
        return res.end()
      }
      const format = FORMATS[n % FORMATS.length] as Format
      const body = bodies.get(n) ?? feedBody(n, format, req.headers.host ?? 'x')
      bodies.set(n, body)
      res.writeHead(200, { 'content-type': TYPES[format], etag: '"v2"' })
      res.end(body)
    }
    if ((h >>> 8) % scenario.slowEvery === 7) setTimeout(answer, 200 + (n % 300))
    else answer()
  }
  const first = http.createServer(handler)
  await new Promise<void>((resolve) => first.listen(0, '127.0.1.1', resolve))
  const { port } = first.address() as AddressInfo
  for (let h = 2; h <= scenario.hosts; h++) {
    const server = http.createServer(handler)
    await new Promise<void>((resolve) => server.listen(port, `127.0.1.${h}`, resolve))
  }
  process.on('message', (message: string) => {
    if (message === 'served') process.send?.({ served })
    if (message === 'bodies') process.send?.({ bodies: [...bodies.values()] })
    if (message === 'reset') served = 0
  })
  process.send?.({ port })
})
