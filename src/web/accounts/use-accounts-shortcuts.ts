import { useShortcuts } from '../components/shortcuts.tsx'

/** The Accounts page's keyboard map (listed by `?`); each has a button on the page too. */
export function useAccountsShortcuts(
  mayManage: boolean,
  open: { bluesky: () => void; mastodon: () => void },
) {
  useShortcuts(
    'Accounts',
    mayManage
      ? [
          { keys: 'n b', description: 'Connect a Bluesky account', run: open.bluesky },
          { keys: 'n m', description: 'Connect a Mastodon account', run: open.mastodon },
        ]
      : [],
  )
}
