import { Agent, XRPCError } from '@atproto/api'
import { getPdsEndpoint, isValidDidDoc } from '@atproto/common-web'
import { isValidDid, isValidHandle, normalizeHandle } from '@atproto/syntax'
import { PrivateAddressError } from '../../security/assert-public-address.ts'
import { findCause } from '../transport.ts'
import { NetworkError } from '../types.ts'
import type { BlueskyCredentials } from './credentials.ts'
import { toNetworkError } from './errors.ts'

export const DEFAULT_SERVICE = 'https://bsky.social'
export const DEFAULT_PLC_URL = 'https://plc.directory'

export type ConnectInput = { identifier: string; appPassword: string; service?: string }

export type IdentityOptions = {
  /** Already wrapped by `transportFetch`. */
  fetch: typeof fetch
  plcUrl: string
}

/**
 * Connects an account on any PDS: the handle is resolved to a DID through `service`, the DID
 * document (PLC directory or did:web) names the account's PDS, and the app password opens a
 * session there. The credentials name that PDS, so later calls go straight to it.
 */
export async function connect(
  input: ConnectInput,
  options: IdentityOptions,
): Promise<BlueskyCredentials> {
  const identifier = input.identifier.trim().replace(/^@/, '')
  const service = input.service?.trim() || DEFAULT_SERVICE
  const did = isValidDid(identifier)
    ? identifier
    : await resolveHandle(service, normalizeHandleOrReject(identifier), options)
  const pds = await pdsOf(did, options)
  const session = await createSession(pds, did, input.appPassword, options)
  if (session.did !== did) {
    throw new NetworkError({
      kind: 'rejected',
      reason: `${pds} answered for ${session.did}, not for ${did}: check the identifier`,
    })
  }
  return { ...session, service: pds, identifier, appPassword: input.appPassword }
}

type Tokens = Pick<BlueskyCredentials, 'did' | 'handle' | 'accessJwt' | 'refreshJwt'>

/**
 * New tokens for an expired session: the refresh token first, then a new login with the
 * app password. `auth_expired` only when the PDS refused both; a PDS that cannot be reached
 * says nothing about the credentials and fails as that.
 */
export async function renewTokens(
  credentials: BlueskyCredentials,
  fetchImpl: typeof fetch,
): Promise<BlueskyCredentials> {
  const server = new Agent({ service: credentials.service, fetch: fetchImpl }).com.atproto.server
  try {
    const { data } = await server.refreshSession(undefined, {
      headers: { authorization: `Bearer ${credentials.refreshJwt}` },
    })
    return { ...credentials, ...pickTokens(data) }
  } catch (error) {
    if (!isRefusal(error)) throw toNetworkError(error, 'read')
  }
  const session = await createSession(
    credentials.service,
    credentials.did,
    credentials.appPassword,
    { fetch: fetchImpl },
  )
  return { ...credentials, ...session }
}

async function createSession(
  pds: string,
  identifier: string,
  appPassword: string,
  options: Pick<IdentityOptions, 'fetch'>,
): Promise<Tokens> {
  const agent = new Agent({ service: pds, fetch: options.fetch })
  try {
    const { data } = await agent.com.atproto.server.createSession({
      identifier,
      password: appPassword,
    })
    return pickTokens(data)
  } catch (error) {
    const failure = toNetworkError(error, 'read')
    if (failure instanceof NetworkError && failure.failure.kind === 'auth_expired') {
      throw new NetworkError({
        kind: 'auth_expired',
        message: `the PDS at ${pds} refused the identifier or app password (${failure.message}): make a new app password and reconnect`,
      })
    }
    throw failure
  }
}

async function resolveHandle(
  service: string,
  handle: string,
  options: IdentityOptions,
): Promise<string> {
  const agent = new Agent({ service, fetch: options.fetch })
  try {
    const { data } = await agent.com.atproto.identity.resolveHandle({ handle })
    return data.did
  } catch (error) {
    const failure = toNetworkError(error, 'read')
    if (findCause(error, PrivateAddressError)) throw failure
    if (failure instanceof NetworkError && failure.failure.kind === 'rejected') {
      // An XRPC server names its error; anything else at that address is not one.
      const unknownHandle = error instanceof XRPCError && error.error === 'InvalidRequest'
      throw new NetworkError({
        kind: 'rejected',
        reason: unknownHandle
          ? `${service} knows no account with the handle @${handle}`
          : `${service} does not answer as a Bluesky server (PDS): check the address`,
      })
    }
    throw failure
  }
}

/** The PDS named in the DID document: the PLC directory for did:plc, the host for did:web. */
async function pdsOf(did: string, options: IdentityOptions): Promise<string> {
  const url = did.startsWith('did:plc:')
    ? `${options.plcUrl.replace(/\/$/, '')}/${encodeURIComponent(did)}`
    : did.startsWith('did:web:')
      ? `https://${decodeURIComponent(did.slice('did:web:'.length))}/.well-known/did.json`
      : undefined
  if (!url) {
    throw new NetworkError({
      kind: 'rejected',
      reason: `${did} uses a DID method Sous cannot resolve`,
    })
  }
  let response: Response
  try {
    response = await options.fetch(url, { headers: { accept: 'application/json' } })
  } catch (error) {
    throw toNetworkError(error, 'read')
  }
  if (response.status >= 500) {
    throw new NetworkError({ kind: 'transient', message: `${url} answered ${response.status}` })
  }
  const document: unknown = response.ok ? await response.json().catch(() => undefined) : undefined
  const pds = isValidDidDoc(document) ? getPdsEndpoint(document) : undefined
  if (!pds) {
    throw new NetworkError({
      kind: 'rejected',
      reason: `the DID document of ${did} (${url}) names no PDS`,
    })
  }
  return pds
}

function normalizeHandleOrReject(identifier: string): string {
  const handle = normalizeHandle(identifier)
  if (!isValidHandle(handle)) {
    throw new NetworkError({
      kind: 'rejected',
      reason: `"${identifier}" is neither a handle (like alice.bsky.social) nor a DID`,
    })
  }
  return handle
}

/** The PDS looked at the token or password and said no (as opposed to not answering). */
function isRefusal(error: unknown): boolean {
  const failure = toNetworkError(error, 'read')
  return failure instanceof NetworkError && failure.failure.kind === 'auth_expired'
}

function pickTokens(data: Tokens): Tokens {
  return {
    did: data.did,
    handle: data.handle,
    accessJwt: data.accessJwt,
    refreshJwt: data.refreshJwt,
  }
}
