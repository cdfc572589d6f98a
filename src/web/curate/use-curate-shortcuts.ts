import { useShortcuts } from '../components/shortcuts.tsx'

/** Suggestions' keys: move through the list, and one key per decision (each has a button too). */
export function useCurateShortcuts(actions: {
  select: (by: number) => void
  share: () => void
  save: () => void
  skip: () => void
  open: () => void
}) {
  useShortcuts('Suggestions', [
    { keys: 'j', description: 'Next suggestion', run: () => actions.select(1) },
    { keys: 'k', description: 'Previous suggestion', run: () => actions.select(-1) },
    { keys: 's', description: 'Share it: open the composer with its link', run: actions.share },
    { keys: 'v', description: 'Save it for later', run: actions.save },
    { keys: 'x', description: 'Skip it', run: actions.skip },
    { keys: 'o', description: 'Open the original in a new tab', run: actions.open },
  ])
}
