import { Button, Group, Modal, Radio, Select, Stack, Text, Textarea } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { type FormEvent, useState } from 'react'
import type { BrakeScope } from '../../core/brake/brake-applies.ts'
import { refuseBrake } from '../../core/brake/brake-rules.ts'
import { useAccounts } from '../accounts/account-queries.ts'
import { BrakeIcon } from '../components/icons.tsx'
import { fieldError, ProblemAlert } from '../components/ProblemAlert.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { usePullBrake } from './brake-queries.ts'

/**
 * The brake, on every page: anyone who publishes may stop this workspace or one of its
 * accounts (an instance administrator, everything). Stopping is always safe; the reason is
 * required because everyone who sees the banner reads it.
 */
export function BrakeControl({
  opened,
  onOpen,
  onClose,
}: {
  opened: boolean
  onOpen: () => void
  onClose: () => void
}) {
  const { me, workspace, role } = useWorkspace()
  const standing = { role, instanceAdmin: me.instanceAdmin }
  const scopes = (['workspace', 'account', 'instance'] as const).filter(
    (scope) => refuseBrake('engage', scope, standing) === null,
  )
  if (scopes.length === 0) return null
  return (
    <>
      <Button
        color="red"
        variant="outline"
        size="sm"
        px={{ base: 'xs', xs: 'md' }}
        leftSection={<BrakeIcon />}
        onClick={onOpen}
        aria-haspopup="dialog"
      >
        Brake
      </Button>
      <Modal opened={opened} onClose={onClose} title="Pull the brake" size="lg">
        {opened && <PullBrakeForm scopes={scopes} workspace={workspace} onDone={onClose} />}
      </Modal>
    </>
  )
}

function PullBrakeForm({
  scopes,
  workspace,
  onDone,
}: {
  scopes: BrakeScope[]
  workspace: { id: string; name: string }
  onDone: () => void
}) {
  const accounts = useAccounts(workspace.id)
  const pull = usePullBrake()
  const [scope, setScope] = useState<BrakeScope>('workspace')
  const [accountId, setAccountId] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const accountItems = (accounts.data?.items ?? []).map((a) => ({
    value: a.id,
    label: `${a.handle} (${a.network})`,
  }))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    pull.mutate(
      {
        scope,
        reason: reason.trim(),
        ...(scope === 'workspace' ? { workspaceId: workspace.id } : {}),
        ...(scope === 'account' && accountId ? { accountId } : {}),
      },
      {
        onSuccess: (brake) => {
          notifications.show({
            color: 'red',
            title: 'Brake pulled',
            message:
              brake.inFlight > 0
                ? `Deliveries are paused. ${brake.inFlight} already on their way check the brake once more before sending.`
                : 'Deliveries are paused. What comes due meanwhile waits in Review.',
          })
          onDone()
        },
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          Deliveries stop at once. Nothing is lost: what comes due meanwhile waits in Review, and an
          admin resumes after looking at what is queued.
        </Text>
        <Radio.Group
          label="What to stop"
          value={scope}
          onChange={(value) => setScope(value as BrakeScope)}
        >
          <Stack gap="xs" mt="xs">
            {scopes.includes('workspace') && (
              <Radio value="workspace" label={`Every account of ${workspace.name}`} />
            )}
            {scopes.includes('account') && (
              <Radio
                value="account"
                label="One account"
                disabled={accountItems.length === 0}
                description={accountItems.length === 0 ? 'No account is connected yet' : undefined}
              />
            )}
            {scopes.includes('instance') && (
              <Radio
                value="instance"
                label="Every workspace on this Sous"
                description="You administer this instance"
              />
            )}
          </Stack>
        </Radio.Group>
        {scope === 'account' && (
          <Select
            label="Account"
            placeholder="Choose the account to stop"
            data={accountItems}
            value={accountId}
            onChange={setAccountId}
            required
            error={fieldError(pull.error, 'accountId')}
            comboboxProps={{ withinPortal: false }}
          />
        )}
        <Textarea
          label="Reason"
          description="Everyone in the workspace sees it on the banner, so say what happened."
          placeholder="e.g. Breaking news: hold everything cheerful"
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          required
          autosize
          minRows={2}
          maxLength={500}
          error={fieldError(pull.error, 'reason')}
          data-autofocus
        />
        <ProblemAlert
          error={pull.error}
          title="The brake was not pulled"
          fields={['reason', 'accountId']}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="red"
            loading={pull.isPending}
            disabled={!reason.trim() || (scope === 'account' && !accountId)}
          >
            Pull the brake
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
