import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { type FormEvent, useRef, useState } from 'react'
import { FormLetterAlert, sendOnCtrlEnter } from '../components/FormLetterAlert.tsx'
import { type PersonCard, useWriteNote } from './people-queries.ts'

/**
 * A personal note to one person, written by the person at the keyboard: it starts with their
 * mention and nothing else (Sous offers no template). Where the network has direct messages
 * it goes only to them; elsewhere it is a public post that mentions them. Nearly the same
 * words sent to three or more others are held back until the person says so (the inbox's
 * form-letter check).
 */
export function NoteDialog({
  workspaceId,
  accountId,
  accountHandle,
  person,
  onClose,
}: {
  workspaceId: string
  accountId: string
  accountHandle: string
  person: PersonCard | null
  onClose: () => void
}) {
  return (
    <Modal
      opened={person !== null}
      onClose={onClose}
      title={person ? `A note to @${person.handle}` : 'A note'}
    >
      {person && (
        <NoteForm
          key={person.id}
          workspaceId={workspaceId}
          accountId={accountId}
          accountHandle={accountHandle}
          person={person}
          onDone={onClose}
        />
      )}
    </Modal>
  )
}

function NoteForm({
  workspaceId,
  accountId,
  accountHandle,
  person,
  onDone,
}: {
  workspaceId: string
  accountId: string
  accountHandle: string
  person: PersonCard
  onDone: () => void
}) {
  const [text, setText] = useState(`${person.note.mention} `)
  const textarea = useRef<HTMLTextAreaElement>(null)
  const write = useWriteNote(workspaceId, accountId)
  const empty = text.replace(person.note.mention, '').trim() === ''

  const send = (acknowledgeFormLetter = false) => {
    if (empty) return
    write.mutate(
      { person, text, acknowledgeFormLetter },
      {
        onSuccess: () => {
          notifications.show({
            title: `@${person.handle}`,
            message: `Your note goes out now from @${accountHandle}, once.`,
          })
          onDone()
        },
      },
    )
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    send()
  }

  return (
    <form onSubmit={submit} aria-label="Note">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {person.note.directMessage
            ? `A direct message from @${accountHandle}: only @${person.handle} (and anyone else you mention) sees it.`
            : `A public post from @${accountHandle} that mentions @${person.handle}.`}
        </Text>
        <Textarea
          ref={textarea}
          label="Your note"
          description="In your own words; it must keep their mention."
          autosize
          minRows={4}
          value={text}
          data-autofocus
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={sendOnCtrlEnter(send)}
        />
        <FormLetterAlert error={write.error} textarea={textarea} onSendAnyway={() => send(true)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={write.isPending} disabled={empty}>
            Send note
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
