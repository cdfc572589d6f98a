import { z } from '@hono/zod-openapi'
import { activityOf } from '../../core/people/activity.ts'
import { orderCursor } from '../../core/people/list-order.ts'
import { DAY_MS, type ProfileFacts } from '../../core/people/profile-facts.ts'
import { REVIEW_STATES } from '../../core/people/review-state.ts'
import { spamSignals } from '../../core/people/spam-signals.ts'
import type { PersonRow } from '../../store/queries/account-people-page.ts'
import type { InboxHistory } from '../../store/queries/inbox-history.ts'
import type { PeopleCounts, SyncRow } from '../../store/queries/people-summary.ts'
import { pageSchema } from './page.ts'

export const PersonCardSchema = z
  .object({
    id: z.string().openapi({
      description: "The network's id (a DID, a Mastodon account id): send it back as profileId",
    }),
    handle: z.string(),
    displayName: z.string(),
    bio: z.string().openapi({ description: 'Plain text' }),
    avatarUrl: z.string().nullable(),
    url: z.string().nullable().openapi({ description: 'The profile on its network (key o)' }),
    createdAt: z.iso.datetime().nullable(),
    accountAgeDays: z.number().int().nullable(),
    posts: z.number().int().nullable(),
    followers: z.number().int().nullable(),
    following: z.number().int().nullable(),
    lastPostAt: z.iso.datetime().nullable(),
    activity: z
      .object({
        state: z.enum(['unknown', 'never_posted', 'active', 'silent']),
        days: z.number().int().nullable(),
      })
      .openapi({ description: 'Days since the last post; silent after 90' }),
    contextPending: z.boolean().openapi({
      description: 'Counts and last post not read yet (the sync reads them in batches)',
    }),
    followsYou: z.boolean(),
    youFollow: z.boolean(),
    review: z.enum(REVIEW_STATES).nullable().openapi({
      description:
        'As a follower: new (waiting for a decision), known (followed before Sous first looked), followed_back, dismissed; null if they never followed',
    }),
    decidedAt: z.iso.datetime().nullable(),
    decidedBy: z.uuid().nullable(),
    talked: z
      .object({
        ever: z.boolean(),
        messages: z.number().int(),
        replies: z.number().int(),
        lastAt: z.iso.datetime().nullable(),
        networks: z.array(z.string()),
      })
      .openapi({
        description: 'Inbox history with this person, across every network the inbox knows them by',
      }),
    spam: z
      .object({
        level: z.enum(['none', 'some', 'likely']),
        summary: z.string().openapi({ example: 'account 2 days old, follows 4,800, no posts' }),
        signals: z.array(z.object({ code: z.string(), reason: z.string() })),
      })
      .openapi({ description: 'Hints for the person deciding; Sous never acts on them' }),
    note: z
      .object({
        mention: z.string().openapi({ example: '@ada.bsky.social' }),
        directMessage: z.boolean().openapi({ description: 'The network has direct messages' }),
      })
      .openapi({
        description:
          'For a personal note (key n): a blank post that mentions them, written by a person (no template), sent with POST …/accounts/{id}/people/{profileId}/note',
      }),
  })
  .openapi('PersonCard')

export type PersonCard = z.infer<typeof PersonCardSchema>

export const PersonPageSchema = pageSchema(PersonCardSchema).openapi('PersonPage')

const NO_HISTORY: InboxHistory = { messages: 0, replies: 0, lastAt: null, networks: [] }

export function factsOf(row: PersonRow): ProfileFacts {
  return {
    handle: row.handle,
    displayName: row.displayName,
    bio: row.bio,
    avatarUrl: row.avatarUrl,
    createdAt: row.profileCreatedAt,
    postsCount: row.postsCount,
    followersCount: row.followersCount,
    followingCount: row.followingCount,
    lastPostAt: row.lastPostAt,
  }
}

export function presentPersonCard(
  row: PersonRow,
  context: { history?: InboxHistory; directMessages: boolean; now: Date },
): PersonCard {
  const facts = factsOf(row)
  const history = context.history ?? NO_HISTORY
  const activity = activityOf(facts, context.now)
  const verdict = spamSignals(facts, context.now)
  const iso = (d: Date | null) => d?.toISOString() ?? null
  return {
    id: row.profileId,
    handle: row.handle,
    displayName: row.displayName,
    bio: row.bio,
    avatarUrl: row.avatarUrl,
    url: row.url,
    createdAt: iso(row.profileCreatedAt),
    accountAgeDays: row.profileCreatedAt
      ? Math.floor((context.now.getTime() - row.profileCreatedAt.getTime()) / DAY_MS)
      : null,
    posts: row.postsCount,
    followers: row.followersCount,
    following: row.followingCount,
    lastPostAt: iso(row.lastPostAt),
    activity: { state: activity.state, days: 'days' in activity ? activity.days : null },
    contextPending: row.contextAt === null,
    followsYou: row.followsUs,
    youFollow: row.weFollow,
    review: row.review,
    decidedAt: iso(row.decidedAt),
    decidedBy: row.decidedBy,
    talked: {
      ever: history.messages > 0,
      messages: history.messages,
      replies: history.replies,
      lastAt: iso(history.lastAt),
      networks: history.networks,
    },
    spam: {
      level: verdict.level,
      summary: verdict.summary,
      signals: verdict.signals.map(({ code, reason }) => ({ code, reason })),
    },
    note: { mention: `@${row.handle}`, directMessage: context.directMessages },
  }
}

export function followerCursor(row: PersonRow): string {
  return orderCursor(row.followerOrder ?? 0, row.profileId)
}

export function followingCursor(row: PersonRow): string {
  return orderCursor(row.followingOrder ?? 0, row.profileId)
}

const SyncSchema = z
  .object({
    state: z.enum(['idle', 'listing', 'enriching', 'paused']).openapi({
      description:
        'listing the network’s list, enriching (reading counts for cards and filters), idle, or paused (the account needs attention; resumes where it stood)',
    }),
    kind: z.enum(['full', 'incremental']),
    listed: z.number().int(),
    expected: z.number().int().nullable().openapi({ description: "The account's own count" }),
    added: z.number().int(),
    removed: z.number().int(),
    requests: z.number().int(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
    reason: z
      .string()
      .nullable()
      .openapi({ description: 'Why it is paused, or what the network refused' }),
  })
  .openapi('PeopleSync')

export const PeopleSummarySchema = z
  .object({
    accountId: z.uuid(),
    followers: z.number().int(),
    newFollowers: z.number().int(),
    following: z.number().int(),
    notFollowingBack: z.number().int(),
    sync: z.object({ followers: SyncSchema.nullable(), follows: SyncSchema.nullable() }),
  })
  .openapi('PeopleSummary')

export type PeopleSummary = z.infer<typeof PeopleSummarySchema>

function presentSync(row: SyncRow | undefined): z.infer<typeof SyncSchema> | null {
  if (!row) return null
  return {
    state: row.pausedReason ? 'paused' : row.state,
    kind: row.kind,
    listed: row.listed,
    expected: row.expected,
    added: row.added,
    removed: row.removed,
    requests: row.requests,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    reason: row.pausedReason ?? row.lastError,
  }
}

export function presentPeopleSummary(counts: PeopleCounts, syncs: SyncRow[]): PeopleSummary {
  const of = (list: SyncRow['list']) =>
    presentSync(syncs.find((s) => s.accountId === counts.accountId && s.list === list))
  return { ...counts, sync: { followers: of('followers'), follows: of('follows') } }
}
