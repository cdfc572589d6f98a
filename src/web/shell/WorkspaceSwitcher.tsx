import { Select } from '@mantine/core'
import { navigate } from '../components/router.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { mayUse, SECTIONS, type SectionId, sectionPath, workspaceHome } from './navigation.ts'

/** Moves to another of the person's workspaces, on the same page when their role there allows it. */
export function WorkspaceSwitcher({ section }: { section: SectionId | null }) {
  const { me, workspace } = useWorkspace()
  return (
    <Select
      label="Workspace"
      data={me.workspaces.map((w) => ({ value: w.id, label: `${w.name} · ${w.role}` }))}
      value={workspace.id}
      allowDeselect={false}
      checkIconPosition="right"
      onChange={(id) => {
        const target = me.workspaces.find((w) => w.id === id)
        if (!target) return
        const same = SECTIONS.find((s) => s.id === section)
        navigate(
          same && mayUse(target.role, same.permission)
            ? sectionPath(target.id, same.id)
            : workspaceHome(target.id, target.role),
        )
      }}
    />
  )
}
