import { useShortcuts } from '../components/shortcuts.tsx'

/** The inbox's keys: move through the list, and one key per triage step (each has a button too). */
export function useInboxShortcuts(actions: {
  select: (by: number) => void
  reply: () => void
  done: () => void
  snooze: () => void
  assign: () => void
  tag: () => void
  spam: () => void
  waiting: () => void
  reopen: () => void
}) {
  useShortcuts('Inbox', [
    { keys: 'j', description: 'Next message', run: () => actions.select(1) },
    { keys: 'k', description: 'Previous message', run: () => actions.select(-1) },
    { keys: 'r', description: 'Reply to the selected message', run: actions.reply },
    { keys: 'e', description: 'Mark it done', run: actions.done },
    { keys: 's', description: 'Snooze it…', run: actions.snooze },
    { keys: 'a', description: 'Assign it…', run: actions.assign },
    { keys: '#', description: 'Tag it…', run: actions.tag },
    { keys: 'x', description: 'Mark it spam (and done)', run: actions.spam },
    { keys: 'w', description: 'Waiting on them', run: actions.waiting },
    { keys: 'o', description: 'Open it again', run: actions.reopen },
  ])
}
