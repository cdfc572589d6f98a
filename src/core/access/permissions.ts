import type { Role } from './roles.ts'

/** Every permission a workspace route can require, and the weakest role that has it. */
export const PERMISSIONS = {
  'workspace.read': 'analyst',
  'workspace.update': 'admin',
  'members.read': 'analyst',
  'members.manage': 'admin',
  'audit.read': 'admin',
  'accounts.read': 'analyst',
  'accounts.manage': 'admin',
  'posts.compose': 'contributor',
  'posts.publish': 'editor',
  /** Creating and changing campaigns: they steer what gets published. */
  'campaigns.manage': 'editor',
  'people.read': 'analyst',
  /** Following, unfollowing and deciding on followers in an account's name: publishing-level. */
  'people.act': 'editor',
  /** Reading the inbox, its people and response times. */
  'inbox.read': 'analyst',
  /** Status, assignee, snooze, tags, kind: triage is part of answering. */
  'inbox.triage': 'contributor',
  /** A contributor's reply waits for approval like any post of theirs. */
  'inbox.reply': 'contributor',
  /** Saved replies the whole team starts from: kept by those who publish without approval. */
  'snippets.manage': 'editor',
  /** Routing rules, business hours, the response target, the public feedback link. */
  'routing.manage': 'admin',
  /** Following feeds and setting the topics suggestions are ranked by. */
  'sources.manage': 'editor',
  /** Saved searches, their matches, volume and alerts. */
  'listen.read': 'analyst',
  'listen.manage': 'editor',
} as const satisfies Record<string, Role>

export type Permission = keyof typeof PERMISSIONS

/**
 * What a route needs: nothing (`public`); any logged-in person, by session or API token
 * (`user`); a person in their own session, because a token works in its one workspace only
 * (`session`); an instance administrator in their session (`instance-admin`); or a
 * permission in the workspace named by the route's `{ws}` path parameter.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'user' }
  | { kind: 'session' }
  | { kind: 'instance-admin' }
  | { kind: 'workspace'; permission: Permission }
