import { useShortcuts } from '../components/shortcuts.tsx'

/**
 * Listen's keys on the list of saved searches (listed by `?`); each has a visible control too.
 * While a search is open its own keys (below) take j, k and o, so these leave them alone.
 */
export function useSearchListShortcuts(
  actions: {
    newSearch: () => void
    select: (by: number) => void
    open: () => void
    previousTab: () => void
    nextTab: () => void
  },
  searchOpen: boolean,
) {
  useShortcuts('Listen', [
    { keys: 'n', description: 'Write a new search', run: actions.newSearch },
    ...(searchOpen
      ? []
      : [
          { keys: 'j', description: 'Next search', run: () => actions.select(1) },
          { keys: 'k', description: 'Previous search', run: () => actions.select(-1) },
          { keys: 'o', description: 'Open the selected search’s matches', run: actions.open },
        ]),
    { keys: '[', description: 'Previous tab', run: actions.previousTab },
    { keys: ']', description: 'Next tab', run: actions.nextTab },
  ])
}

/** Listen's keys while triaging one search's matches. */
export function useMatchShortcuts(actions: {
  select: (by: number) => void
  open: () => void
  toInbox: () => void
  edit: () => void
  back: () => void
}) {
  useShortcuts('Listen: matches', [
    { keys: 'j', description: 'Next match', run: () => actions.select(1) },
    { keys: 'k', description: 'Previous match', run: () => actions.select(-1) },
    { keys: 'o', description: 'Open the selected match on its network', run: actions.open },
    { keys: 'i', description: 'Send the selected match to the inbox', run: actions.toInbox },
    { keys: 'e', description: 'Edit the search', run: actions.edit },
    { keys: 'u', description: 'Back to all searches', run: actions.back },
  ])
}
