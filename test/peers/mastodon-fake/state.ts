import { createHash, randomBytes } from 'node:crypto'
import { countStatusLength, renderContent } from './html.ts'

export type InstanceLimits = {
  maxCharacters: number
  charactersReservedPerUrl: number
  maxMediaAttachments: number
  imageSizeLimit: number
  descriptionLimit: number
  supportedMimeTypes: string[]
}

/** Mastodon 4.5's defaults, as `/api/v2/instance` reports them on a stock server. */
export const DEFAULT_LIMITS: InstanceLimits = {
  maxCharacters: 500,
  charactersReservedPerUrl: 23,
  maxMediaAttachments: 4,
  imageSizeLimit: 16 * 1024 * 1024,
  descriptionLimit: 1500,
  supportedMimeTypes: [
    'image/jpeg',
    'image/png',
    'image/gif',
    'image/heic',
    'image/heif',
    'image/webp',
    'image/avif',
    'video/mp4',
  ],
}

/**
 * What a strict server advertises, unlike a stock Mastodon in every limit a client must read:
 * more characters, more images, smaller images and another weight for each URL.
 */
export const STRICT_LIMITS: InstanceLimits = {
  ...DEFAULT_LIMITS,
  maxCharacters: 5000,
  charactersReservedPerUrl: 256,
  maxMediaAttachments: 6,
  imageSizeLimit: 10 * 1024 * 1024,
}

export type Account = {
  id: string
  username: string
  displayName: string
  note: string
  createdAt: Date
}

export type App = {
  id: string
  name: string
  website: string | null
  clientId: string
  clientSecret: string
  redirectUris: string[]
  scopes: string[]
}

export type Grant = {
  clientId: string
  accountId: string
  redirectUri: string
  scope: string
  codeChallenge?: string
  expiresAt: number
  used: boolean
}

export type Token = { accountId: string | null; clientId: string; scope: string; revoked: boolean }

export type Media = {
  id: string
  accountId: string
  mimeType: string
  size: number
  description: string | null
  /** GET /api/v1/media/:id answers 206 this many more times before the file is processed. */
  pollsLeft: number
  statusId: string | null
}

export type Visibility = 'public' | 'unlisted' | 'private' | 'direct'

export type Status = {
  id: string
  accountId: string
  text: string
  content: string
  spoilerText: string
  visibility: Visibility
  language: string | null
  inReplyToId: string | null
  inReplyToAccountId: string | null
  mediaIds: string[]
  mentionIds: string[]
  quotedStatusId: string | null
  reblogOfId: string | null
  applicationName: string | null
  createdAt: Date
  deleted: boolean
}

export type NotificationType = 'mention' | 'status' | 'reblog' | 'follow' | 'favourite' | 'quote'

export type Notification = {
  id: string
  type: NotificationType
  recipientId: string
  fromId: string
  statusId: string | null
  createdAt: Date
}

export type Follow = { id: string; followerId: string; targetId: string }

/** Why a write was refused, with the status and `error` text Mastodon answers. */
export class FakeError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

const IDEMPOTENCY_TTL_MS = 60 * 60 * 1000

export type CreateStatusInput = {
  text?: string
  mediaIds?: string[]
  inReplyToId?: string | null
  quotedStatusId?: string | null
  spoilerText?: string
  visibility?: string
  language?: string | null
  idempotencyKey?: string
  applicationName?: string | null
}

/** Everything the fake server holds, in memory. Ids grow like Mastodon's snowflakes. */
export class FakeState {
  readonly accounts = new Map<string, Account>()
  readonly apps = new Map<string, App>()
  readonly grants = new Map<string, Grant>()
  readonly tokens = new Map<string, Token>()
  readonly media = new Map<string, Media>()
  readonly statuses = new Map<string, Status>()
  readonly notifications: Notification[] = []
  readonly follows: Follow[] = []
  readonly favourites: Array<{ accountId: string; statusId: string }> = []
  readonly idempotency = new Map<string, { statusId: string; at: number }>()
  #sequence = 0n
  #lastMillis = 0n
  readonly #notificationListeners = new Set<(notification: Notification) => void>()
  readonly #statusListeners = new Set<(status: Status) => void>()

  constructor(
    readonly base: string,
    readonly limits: InstanceLimits,
    readonly mediaProcessingPolls: number,
    readonly now: () => number = Date.now,
  ) {}

  nextId(): string {
    const millis = BigInt(this.now())
    if (millis > this.#lastMillis) {
      this.#lastMillis = millis
      this.#sequence = 0n
    }
    this.#sequence++
    return String((this.#lastMillis << 16n) | this.#sequence)
  }

  createAccount(username: string, displayName = username, note = ''): Account {
    if ([...this.accounts.values()].some((account) => account.username === username)) {
      throw new FakeError(422, 'Validation failed: Username has already been taken')
    }
    const account: Account = {
      id: this.nextId(),
      username,
      displayName,
      note,
      createdAt: new Date(this.now()),
    }
    this.accounts.set(account.id, account)
    return account
  }

  accountByUsername(username: string): Account | undefined {
    return [...this.accounts.values()].find((account) => account.username === username)
  }

  issueToken(accountId: string | null, clientId: string, scope: string): string {
    const token = randomBytes(32).toString('base64url')
    this.tokens.set(token, { accountId, clientId, scope, revoked: false })
    return token
  }

  registerApp(name: string, redirectUris: string[], scopes: string[], website: string | null): App {
    const app: App = {
      id: this.nextId(),
      name,
      website,
      clientId: randomBytes(32).toString('base64url'),
      clientSecret: randomBytes(32).toString('base64url'),
      redirectUris,
      scopes,
    }
    this.apps.set(app.clientId, app)
    return app
  }

  liveStatus(id: string): Status | undefined {
    const status = this.statuses.get(id)
    return status && !status.deleted ? status : undefined
  }

  /**
   * PostStatusService as the docs describe it: the Idempotency-Key is looked up first (per
   * account, kept one hour), so a repeat answers the status it created before validating
   * anything; only a created status stores the key.
   */
  createStatus(accountId: string, input: CreateStatusInput): Status {
    const idempotency = input.idempotencyKey ? `${accountId}:${input.idempotencyKey}` : undefined
    if (idempotency) {
      const known = this.idempotency.get(idempotency)
      if (known && this.now() - known.at < IDEMPOTENCY_TTL_MS) {
        const status = this.statuses.get(known.statusId)
        if (status) return status
      }
    }
    const text = input.text ?? ''
    const spoilerText = input.spoilerText ?? ''
    const mediaIds = input.mediaIds ?? []
    const visibility = input.visibility ?? 'public'
    if (!['public', 'unlisted', 'private', 'direct'].includes(visibility)) {
      throw new FakeError(422, 'Validation failed: Visibility is not included in the list')
    }
    if (mediaIds.length > this.limits.maxMediaAttachments) {
      throw new FakeError(422, `Cannot attach more than ${this.limits.maxMediaAttachments} files`)
    }
    const media = mediaIds.map((id) => {
      const found = this.media.get(id)
      if (!found || found.accountId !== accountId || found.statusId) {
        throw new FakeError(422, 'Validation failed: Media attachments are invalid')
      }
      if (found.pollsLeft > 0) {
        throw new FakeError(
          422,
          'Cannot attach files that have not finished processing. Try again in a moment!',
        )
      }
      return found
    })
    if (text.trim() === '' && media.length === 0) {
      throw new FakeError(422, "Validation failed: Text can't be blank")
    }
    const length = countStatusLength(text, spoilerText, this.limits.charactersReservedPerUrl)
    if (length > this.limits.maxCharacters) {
      throw new FakeError(
        422,
        `Validation failed: Text character limit of ${this.limits.maxCharacters} exceeded`,
      )
    }
    const parent = input.inReplyToId ? this.liveStatus(input.inReplyToId) : undefined
    if (input.inReplyToId && !parent) throw new FakeError(404, 'Record not found')
    const quoted = input.quotedStatusId ? this.liveStatus(input.quotedStatusId) : undefined
    if (input.quotedStatusId && !quoted) throw new FakeError(404, 'Record not found')

    const mentioned = this.mentionedAccounts(text)
    const status: Status = {
      id: this.nextId(),
      accountId,
      text,
      content: renderContent(text, {
        base: this.base,
        profileUrl: (username) => {
          const account = this.accountByUsername(username)
          return account ? this.profileUrl(account) : undefined
        },
      }),
      spoilerText,
      visibility: visibility as Visibility,
      language: input.language ?? 'en',
      inReplyToId: parent?.id ?? null,
      inReplyToAccountId: parent?.accountId ?? null,
      mediaIds,
      mentionIds: mentioned.map((account) => account.id),
      quotedStatusId: quoted?.id ?? null,
      reblogOfId: null,
      applicationName: input.applicationName ?? null,
      createdAt: new Date(this.now()),
      deleted: false,
    }
    this.statuses.set(status.id, status)
    for (const item of media) item.statusId = status.id
    for (const listener of this.#statusListeners) listener(status)
    for (const account of mentioned) {
      if (account.id !== accountId) this.notify('mention', account.id, accountId, status.id)
    }
    if (quoted && quoted.accountId !== accountId) {
      this.notify('quote', quoted.accountId, accountId, status.id)
    }
    if (idempotency) this.idempotency.set(idempotency, { statusId: status.id, at: this.now() })
    return status
  }

  deleteStatus(accountId: string, id: string): Status {
    const status = this.liveStatus(id)
    if (!status || status.accountId !== accountId) throw new FakeError(404, 'Record not found')
    status.deleted = true
    return status
  }

  favourite(accountId: string, statusId: string): Status {
    const status = this.liveStatus(statusId)
    if (!status) throw new FakeError(404, 'Record not found')
    if (!this.favourites.some((f) => f.accountId === accountId && f.statusId === statusId)) {
      this.favourites.push({ accountId, statusId })
      if (status.accountId !== accountId) {
        this.notify('favourite', status.accountId, accountId, statusId)
      }
    }
    return status
  }

  reblog(accountId: string, statusId: string): Status {
    const original = this.liveStatus(statusId)
    if (!original) throw new FakeError(404, 'Record not found')
    const existing = [...this.statuses.values()].find(
      (s) => !s.deleted && s.accountId === accountId && s.reblogOfId === statusId,
    )
    if (existing) return existing
    const reblog: Status = {
      ...original,
      id: this.nextId(),
      accountId,
      reblogOfId: statusId,
      mentionIds: [],
      mediaIds: [],
      createdAt: new Date(this.now()),
    }
    this.statuses.set(reblog.id, reblog)
    if (original.accountId !== accountId) {
      this.notify('reblog', original.accountId, accountId, statusId)
    }
    return reblog
  }

  follow(followerId: string, targetId: string): void {
    if (followerId === targetId) throw new FakeError(403, 'This action is not allowed')
    if (!this.accounts.has(targetId)) throw new FakeError(404, 'Record not found')
    if (this.isFollowing(followerId, targetId)) return
    this.follows.push({ id: this.nextId(), followerId, targetId })
    this.notify('follow', targetId, followerId, null)
  }

  unfollow(followerId: string, targetId: string): void {
    if (!this.accounts.has(targetId)) throw new FakeError(404, 'Record not found')
    const index = this.follows.findIndex(
      (f) => f.followerId === followerId && f.targetId === targetId,
    )
    if (index >= 0) this.follows.splice(index, 1)
  }

  isFollowing(followerId: string, targetId: string): boolean {
    return this.follows.some((f) => f.followerId === followerId && f.targetId === targetId)
  }

  addMedia(accountId: string, mimeType: string, size: number, description: string | null): Media {
    if (!this.limits.supportedMimeTypes.includes(mimeType)) {
      throw new FakeError(422, 'Validation failed: File content type is invalid, File is invalid')
    }
    if (size > this.limits.imageSizeLimit) {
      const megabytes = Math.round(this.limits.imageSizeLimit / (1024 * 1024))
      throw new FakeError(
        422,
        `Validation failed: File file size must be less than ${megabytes} MB`,
      )
    }
    if (description && description.length > this.limits.descriptionLimit) {
      throw new FakeError(
        422,
        `Validation failed: Description is too long (maximum is ${this.limits.descriptionLimit} characters)`,
      )
    }
    const media: Media = {
      id: this.nextId(),
      accountId,
      mimeType,
      size,
      description,
      pollsLeft: this.mediaProcessingPolls,
      statusId: null,
    }
    this.media.set(media.id, media)
    return media
  }

  counts(accountId: string) {
    const statuses = [...this.statuses.values()].filter(
      (s) => !s.deleted && s.accountId === accountId,
    )
    const last = statuses.reduce<Date | null>(
      (latest, s) => (latest && latest > s.createdAt ? latest : s.createdAt),
      null,
    )
    return {
      statuses: statuses.length,
      followers: this.follows.filter((f) => f.targetId === accountId).length,
      following: this.follows.filter((f) => f.followerId === accountId).length,
      lastStatusAt: last,
    }
  }

  engagement(statusId: string) {
    const all = [...this.statuses.values()].filter((s) => !s.deleted)
    return {
      replies: all.filter((s) => s.inReplyToId === statusId && !s.reblogOfId).length,
      reblogs: all.filter((s) => s.reblogOfId === statusId).length,
      quotes: all.filter((s) => s.quotedStatusId === statusId && !s.reblogOfId).length,
      favourites: this.favourites.filter((f) => f.statusId === statusId).length,
    }
  }

  profileUrl(account: Account): string {
    return `${this.base}/@${account.username}`
  }

  private mentionedAccounts(text: string): Account[] {
    const found = new Map<string, Account>()
    for (const match of text.matchAll(/(?:^|[^\w/@])@([a-zA-Z0-9_]+)(@[a-zA-Z0-9.:-]+)?/g)) {
      const domain = match[2]?.slice(1)
      if (domain && domain !== new URL(this.base).host) continue
      const account = this.accountByUsername(match[1] ?? '')
      if (account) found.set(account.id, account)
    }
    return [...found.values()]
  }

  /** Called with each new status (the streaming API's timelines); answers an unsubscribe. */
  onStatus(listener: (status: Status) => void): () => void {
    this.#statusListeners.add(listener)
    return () => this.#statusListeners.delete(listener)
  }

  /** Called with each new notification (the streaming API's feed); answers an unsubscribe. */
  onNotification(listener: (notification: Notification) => void): () => void {
    this.#notificationListeners.add(listener)
    return () => this.#notificationListeners.delete(listener)
  }

  private notify(
    type: NotificationType,
    recipientId: string,
    fromId: string,
    statusId: string | null,
  ): void {
    const notification = {
      id: this.nextId(),
      type,
      recipientId,
      fromId,
      statusId,
      createdAt: new Date(this.now()),
    }
    this.notifications.push(notification)
    for (const listener of this.#notificationListeners) listener(notification)
  }
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url')
}
