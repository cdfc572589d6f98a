import { createContext, type ReactNode, useContext } from 'react'
import type { Permission } from '../../core/access/permissions.ts'
import type { Role } from '../../core/access/roles.ts'
import type { Me, MyWorkspace } from '../session/session-queries.ts'
import { mayUse } from '../shell/navigation.ts'

export type CurrentWorkspace = {
  me: Me
  workspace: MyWorkspace
  role: Role
  /** Whether the person's role in this workspace has a permission (the server checks it again). */
  may: (permission: Permission) => boolean
}

const WorkspaceContext = createContext<CurrentWorkspace | null>(null)

export function WorkspaceProvider({
  me,
  workspace,
  children,
}: {
  me: Me
  workspace: MyWorkspace
  children: ReactNode
}) {
  const value: CurrentWorkspace = {
    me,
    workspace,
    role: workspace.role,
    may: (permission) => mayUse(workspace.role, permission),
  }
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>
}

/** The workspace a page is shown in, with the person and their role there. */
export function useWorkspace(): CurrentWorkspace {
  const current = useContext(WorkspaceContext)
  if (!current) throw new Error('useWorkspace() outside a workspace page')
  return current
}
