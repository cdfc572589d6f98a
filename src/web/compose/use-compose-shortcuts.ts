import { useShortcuts } from '../components/shortcuts.tsx'

/** The composer's keys; each has its button on the page. */
export function useComposeShortcuts(actions: { schedule: () => void; saveDraft: () => void }) {
  useShortcuts('Compose', [
    { keys: 'mod+Enter', description: 'Schedule the post', run: actions.schedule },
    { keys: 'mod+s', description: 'Save as a draft', run: actions.saveDraft },
  ])
}
