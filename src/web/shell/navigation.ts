import { PERMISSIONS, type Permission } from '../../core/access/permissions.ts'
import { type Role, roleAtLeast } from '../../core/access/roles.ts'

export type SectionId =
  | 'compose'
  | 'calendar'
  | 'queues'
  | 'review'
  | 'inbox'
  | 'curate'
  | 'listen'
  | 'people'
  | 'measure'
  | 'accounts'
  | 'settings'

/**
 * The workspace's pages, in menu order, each with the permission that opens it (the same
 * table the server enforces) and its `g …` shortcut. A role sees only what it may use.
 */
export const SECTIONS: ReadonlyArray<{
  id: SectionId
  label: string
  permission: Permission
  keys: string
}> = [
  { id: 'compose', label: 'Compose', permission: 'posts.compose', keys: 'g c' },
  { id: 'calendar', label: 'Calendar', permission: 'workspace.read', keys: 'g l' },
  { id: 'queues', label: 'Queues', permission: 'accounts.read', keys: 'g q' },
  { id: 'review', label: 'Review', permission: 'workspace.read', keys: 'g r' },
  { id: 'inbox', label: 'Inbox', permission: 'inbox.read', keys: 'g i' },
  { id: 'curate', label: 'Suggestions', permission: 'workspace.read', keys: 'g u' },
  { id: 'listen', label: 'Listen', permission: 'listen.read', keys: 'g n' },
  { id: 'people', label: 'People', permission: 'people.read', keys: 'g p' },
  { id: 'measure', label: 'Measure', permission: 'workspace.read', keys: 'g m' },
  { id: 'accounts', label: 'Accounts', permission: 'accounts.read', keys: 'g a' },
  { id: 'settings', label: 'Team & settings', permission: 'workspace.update', keys: 'g s' },
]

export function mayUse(role: Role, permission: Permission): boolean {
  return roleAtLeast(role, PERMISSIONS[permission])
}

export function sectionsFor(role: Role) {
  return SECTIONS.filter((section) => mayUse(role, section.permission))
}

export function sectionPath(workspaceId: string, section: SectionId): string {
  return `/w/${workspaceId}/${section}`
}

/** Where a person lands in a workspace: the first page their role may open. */
export function workspaceHome(workspaceId: string, role: Role): string {
  return sectionPath(workspaceId, sectionsFor(role)[0]?.id ?? 'calendar')
}

/** The composer, with a saved post reopened in it when `postId` is given. */
export function composePath(workspaceId: string, postId?: string): string {
  const path = sectionPath(workspaceId, 'compose')
  return postId ? `${path}?post=${encodeURIComponent(postId)}` : path
}

/** The composer with a new post already in a campaign (the campaign page's way in). */
export function composeInCampaignPath(workspaceId: string, campaignId: string): string {
  return `${sectionPath(workspaceId, 'compose')}?campaign=${encodeURIComponent(campaignId)}`
}
