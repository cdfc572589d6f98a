import { useShortcuts } from '../components/shortcuts.tsx'

/** The Team & settings page's keyboard map (listed by `?`); each has a visible control too. */
export function useSettingsShortcuts(actions: {
  invite: () => void
  previousTab: () => void
  nextTab: () => void
}) {
  useShortcuts('Team & settings', [
    { keys: 'i', description: 'Invite someone', run: actions.invite },
    { keys: '[', description: 'Previous tab', run: actions.previousTab },
    { keys: ']', description: 'Next tab', run: actions.nextTab },
  ])
}
