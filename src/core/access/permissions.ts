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
} as const satisfies Record<string, Role>

export type Permission = keyof typeof PERMISSIONS

/**
 * What a route needs: nothing (`public`), any logged-in person (`user`), or a permission
 * in the workspace named by the route's `{ws}` path parameter.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'user' }
  | { kind: 'workspace'; permission: Permission }
