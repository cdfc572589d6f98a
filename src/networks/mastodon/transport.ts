import type { mastodon } from 'masto'
import { HttpActionDispatcherHookMastodon } from 'masto/adapters/action/dispatcher-http-hook-mastodon.js'
// masto's package root exports only the ready-made clients, which call the global fetch; these
// building blocks come from its published `./*.js` subpaths (masto is pinned exactly).
import { createActionProxy, HttpActionDispatcher } from 'masto/adapters/action/index.js'
import { HttpConfigImpl } from 'masto/adapters/config/index.js'
import { BaseHttp } from 'masto/adapters/http/index.js'
import { SerializerNativeImpl } from 'masto/adapters/serializers/index.js'
import type { Http, HttpRequestParams, HttpResponse, Serializer } from 'masto/interfaces/index.js'
import { transportFetch } from '../transport.ts'
import { ResponseError, refusalText } from './errors.ts'

export type TransportOptions = {
  /** Every request goes through it: pass the SSRF-guarded fetch for user-supplied instances. */
  fetch: typeof fetch
  timeoutMs: number
}

/**
 * masto's HTTP layer over a fetch we choose. masto 7 calls the global `fetch` and cannot be
 * given another, so its action proxy, serializer and paginator are kept and only the request
 * is ours, through `transportFetch`: errors come out as `TransportError` (could the request
 * have been applied?) or `ResponseError` (status, headers and what the instance said).
 */
class InjectedFetchHttp extends BaseHttp implements Http {
  constructor(
    private readonly config: HttpConfigImpl,
    private readonly serializer: Serializer,
    private readonly fetchImpl: typeof fetch,
  ) {
    super()
  }

  async request<T>(params: HttpRequestParams): Promise<HttpResponse<T>> {
    const { method, path, search, encoding = 'json', requestInit = {} } = params
    const url = this.config.resolvePath(path, search)
    const init = this.config.mergeRequestInitWithDefaults(requestInit)
    const headers = new Headers(init.headers)
    let body: RequestInit['body']
    if (params.body !== undefined) {
      const serialized = this.serializer.serialize(encoding, params.body)
      if (serialized instanceof FormData) {
        // Encoded here: a fetch from the `undici` package does not recognise Node's global
        // FormData and would send "[object FormData]".
        const encoded = new Response(serialized)
        headers.set('Content-Type', encoded.headers.get('Content-Type') ?? '')
        body = new Uint8Array(await encoded.arrayBuffer())
      } else {
        if (typeof serialized === 'string' && encoding === 'json') {
          headers.set('Content-Type', 'application/json')
        }
        body = serialized
      }
    }
    // transportFetch has read the body already: this cannot fail on the network any more.
    const response = await this.fetchImpl(url, { ...init, method, headers, body })
    const text = await response.text()
    const type = response.headers.get('Content-Type') ?? ''
    if (!response.ok) {
      const said = JSON_TYPE.test(type) ? refusalText(text) : undefined
      const statusLine = `${response.status} ${response.statusText}`.trim()
      throw new ResponseError(response.status, response.headers, said ?? statusLine)
    }
    const json = /^application\/json\b/i.test(type)
    const data = (json && text ? this.serializer.deserialize('json', text) : undefined) as T
    return { headers: response.headers, data }
  }
}

/** `application/json`, and the `+json` types an error may come as (`application/problem+json`). */
const JSON_TYPE = /^application\/([\w.-]+\+)?json\b/i

/**
 * Sous waits for media itself (media.ts): masto's own hook would poll again, and the
 * `skip_polling` flag that turns it off would be sent to the instance as a form field, which
 * the API does not document and a strict server refuses.
 */
class NoMediaWaitHook extends HttpActionDispatcherHookMastodon {
  override afterDispatch(_action: unknown, result: unknown): unknown {
    return result
  }
}

function dispatcher(url: string, accessToken: string | undefined, options: TransportOptions) {
  const serializer = new SerializerNativeImpl()
  const config = new HttpConfigImpl({ url, accessToken }, serializer)
  const http = new InjectedFetchHttp(
    config,
    serializer,
    transportFetch(options.fetch, options.timeoutMs),
  )
  return new HttpActionDispatcher(http, new NoMediaWaitHook(http))
}

/** masto's REST client for one instance (and one token, when given). */
export function restClient(
  url: string,
  accessToken: string | undefined,
  options: TransportOptions,
): mastodon.rest.Client {
  return createActionProxy(dispatcher(url, accessToken, options), { context: ['api'] })
}

/** masto's `/oauth` client for one instance. */
export function oauthClient(url: string, options: TransportOptions): mastodon.oauth.Client {
  return createActionProxy(dispatcher(url, undefined, options), { context: ['oauth'] })
}
