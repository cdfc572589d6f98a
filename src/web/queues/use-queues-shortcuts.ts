import { useShortcuts } from '../components/shortcuts.tsx'

/** The queue editor's keys; each has a button too. */
export function useQueuesShortcuts(actions: { addTime: () => void; save: () => void }) {
  useShortcuts('Queues', [
    { keys: 'a', description: 'Add a time to the queue', run: actions.addTime },
    { keys: 'mod+s', description: 'Save the queue', run: actions.save },
  ])
}
