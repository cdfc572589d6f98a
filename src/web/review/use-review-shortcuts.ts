import { useShortcuts } from '../components/shortcuts.tsx'

/** Review's keys: move through the list, and one key per decision (each has a button too). */
export function useReviewShortcuts(actions: {
  select: (by: number) => void
  publishNow: () => void
  nextSlot: () => void
  atTime: () => void
  discard: () => void
}) {
  useShortcuts('Review', [
    { keys: 'j', description: 'Next delivery', run: () => actions.select(1) },
    { keys: 'k', description: 'Previous delivery', run: () => actions.select(-1) },
    { keys: 'p', description: 'Publish the selected one now', run: actions.publishNow },
    { keys: 'r', description: 'Reschedule it to its next free slot', run: actions.nextSlot },
    { keys: 't', description: 'Reschedule it to a time…', run: actions.atTime },
    { keys: 'd', description: 'Discard it', run: actions.discard },
  ])
}
