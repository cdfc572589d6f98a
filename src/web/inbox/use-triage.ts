import { useState } from 'react'
import { type InboxItem, type ItemChanges, useUpdateItem } from './inbox-queries.ts'

export type TriageDialog = 'snooze' | 'assign' | 'tag' | null

export type TriageActions = {
  done: () => void
  waiting: () => void
  reopen: () => void
  spam: () => void
  snooze: () => void
  assign: () => void
  tag: () => void
  /** Applies a change chosen in a dialog (a snooze time, an assignee, tags). */
  apply: (changes: ItemChanges) => void
  dialog: TriageDialog
  closeDialog: () => void
  error: unknown
  pending: boolean
}

/**
 * The triage steps on the selected item, shared by the keys and the buttons. `leaving` is
 * called before a change that takes the item out of the current list, so the selection moves on.
 */
export function useTriage(
  workspaceId: string,
  item: InboxItem | null,
  may: boolean,
  leaving: (item: InboxItem, changes: ItemChanges) => void,
): TriageActions {
  const update = useUpdateItem(workspaceId)
  const [dialog, setDialog] = useState<TriageDialog>(null)
  const change = (changes: ItemChanges) => {
    if (!item || !may) return
    leaving(item, changes)
    update.mutate({ itemId: item.id, changes })
  }
  const open = (which: TriageDialog) => () => {
    if (!item || !may) return
    update.reset()
    setDialog(which)
  }
  return {
    done: () => change({ status: 'done' }),
    waiting: () => change({ status: 'waiting' }),
    reopen: () => change({ status: 'open' }),
    spam: () => change({ kind: 'spam', status: 'done' }),
    snooze: open('snooze'),
    assign: open('assign'),
    tag: open('tag'),
    apply: (changes) => {
      change(changes)
      setDialog(null)
    },
    dialog,
    closeDialog: () => setDialog(null),
    error: update.error,
    pending: update.isPending,
  }
}
