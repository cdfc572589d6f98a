import { navigate } from '../components/router.tsx'
import { useShortcuts } from '../components/shortcuts.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { sectionPath, sectionsFor } from './navigation.ts'

/** The shortcuts of every workspace page: go to each page the role may open, pull the brake. */
export function useShellShortcuts(options: { openBrake: (() => void) | null }) {
  const { workspace, role } = useWorkspace()
  useShortcuts('Everywhere', [
    ...sectionsFor(role).map((section) => ({
      keys: section.keys,
      description: `Go to ${section.label}`,
      run: () => navigate(sectionPath(workspace.id, section.id)),
    })),
    { keys: 'g p', description: 'Go to your profile', run: () => navigate('/profile') },
    ...(options.openBrake
      ? [{ keys: 'b', description: 'Pull the brake…', run: options.openBrake }]
      : []),
  ])
}
