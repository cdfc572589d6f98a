/**
 * What the web process answers before its database is up: alive on /healthz, 503 on
 * /readyz with the reason, and a 503 problem for everything else, so a load balancer
 * waits instead of sending users to a process that cannot serve them yet.
 */
export function notReadyFetch(reason: () => string): (request: Request) => Response {
  return (request) => {
    const { pathname } = new URL(request.url)
    if (pathname === '/healthz') return Response.json({ status: 'ok' })
    if (pathname === '/readyz')
      return Response.json({ status: 'not_ready', problems: [reason()] }, { status: 503 })
    return new Response(
      JSON.stringify({
        type: 'https://sous.dev/problems/starting',
        title: 'Starting',
        status: 503,
        detail: `Sous is starting: ${reason()}`,
      }),
      {
        status: 503,
        headers: { 'content-type': 'application/problem+json', 'retry-after': '5' },
      },
    )
  }
}
