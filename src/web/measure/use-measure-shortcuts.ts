import { useShortcuts } from '../components/shortcuts.tsx'

/** Measure's keys (listed by `?`); each has a visible control too. */
export function useMeasureShortcuts(actions: {
  compare: () => void
  campaigns: () => void
  balance: () => void
  period: (by: number) => void
  newCampaign: () => void
}) {
  useShortcuts('Measure', [
    { keys: 'c', description: 'Compare posts', run: actions.compare },
    { keys: 'm', description: 'Campaigns', run: actions.campaigns },
    { keys: 'o', description: 'Organic balance', run: actions.balance },
    { keys: '[', description: 'Shorter period', run: () => actions.period(-1) },
    { keys: ']', description: 'Longer period', run: () => actions.period(1) },
    { keys: 'n', description: 'New campaign', run: actions.newCampaign },
  ])
}
