import { Button, Group, Modal, Stack, Text } from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { IdentitySelect } from './IdentitySelect.tsx'
import type { InboxPerson } from './inbox-queries.ts'
import { usePersonChange } from './people-queries.ts'

/**
 * "Same person as…": a person says two identities are one person (Sous never guesses).
 * Their histories show as one and rules that named either name this one; Separate undoes it.
 */
export function MergePersonDialog({
  workspaceId,
  personId,
  opened,
  onClose,
}: {
  workspaceId: string
  personId: string
  opened: boolean
  onClose: () => void
}) {
  const [other, setOther] = useState<InboxPerson | null>(null)
  const merge = usePersonChange(workspaceId, 'merge')
  const close = () => {
    setOther(null)
    merge.reset()
    onClose()
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (other) merge.mutate({ personId, identityId: other.id }, { onSuccess: close })
  }
  return (
    <Modal opened={opened} onClose={close} title="Same person as…">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            When you know two identities are one person — on two networks, or an old and a new
            account — merge them: their messages read as one history and rules that name either name
            both. You can separate them again.
          </Text>
          <IdentitySelect
            workspaceId={workspaceId}
            excludePersonId={personId}
            value={other}
            onChange={(identity) => {
              merge.reset()
              setOther(identity)
            }}
          />
          <ProblemAlert error={merge.error} title="Not merged" />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" disabled={!other} loading={merge.isPending}>
              {other ? `Merge @${other.handle}` : 'Merge'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
