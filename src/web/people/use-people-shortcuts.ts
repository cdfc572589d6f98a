import { useShortcuts } from '../components/shortcuts.tsx'

/** The review queue's keys: one key per decision, each with a button on the card too. */
export function useFollowerShortcuts(
  enabled: boolean,
  actions: {
    select: (by: number) => void
    followBack: () => void
    dismiss: () => void
    note: () => void
    open: () => void
  },
) {
  useShortcuts(
    'People: new followers',
    enabled
      ? [
          { keys: 'f', description: 'Follow back', run: actions.followBack },
          { keys: 'd', description: 'Dismiss (they do not come back)', run: actions.dismiss },
          { keys: 'n', description: 'Write them a note', run: actions.note },
          { keys: 'o', description: 'Open their profile on the network', run: actions.open },
          { keys: 'j', description: 'Next follower', run: () => actions.select(1) },
          { keys: 'k', description: 'Previous follower', run: () => actions.select(-1) },
        ]
      : [],
  )
}

/** The following list's keys: move, open, and unfollow (always confirmed). */
export function useFollowingShortcuts(
  enabled: boolean,
  actions: { select: (by: number) => void; unfollow: () => void; open: () => void },
) {
  useShortcuts(
    'People: following',
    enabled
      ? [
          { keys: 'j', description: 'Next person', run: () => actions.select(1) },
          { keys: 'k', description: 'Previous person', run: () => actions.select(-1) },
          { keys: 'o', description: 'Open their profile on the network', run: actions.open },
          { keys: 'u', description: 'Unfollow… (asks first)', run: actions.unfollow },
        ]
      : [],
  )
}
