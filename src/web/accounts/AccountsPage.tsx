import { Alert, Anchor, Badge, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { formatDateTime, formatRelative } from '../components/format-date.ts'
import { Loading } from '../components/Loading.tsx'
import { PageHeader } from '../components/PageHeader.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { navigate, useLocation } from '../components/router.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import {
  type Account,
  useAccounts,
  useDisconnectAccount,
  useHeldDeliveries,
  useVerifyAccount,
} from './account-queries.ts'
import { ConnectBlueskyForm, ConnectMastodonForm } from './ConnectForms.tsx'
import { useAccountsShortcuts } from './use-accounts-shortcuts.ts'

type Connecting =
  | { network: 'bluesky'; account?: Account }
  | { network: 'mastodon'; account?: Account }
  | null

export function AccountsPage() {
  const { workspace, may } = useWorkspace()
  const mayManage = may('accounts.manage')
  const accounts = useAccounts(workspace.id)
  const [connecting, setConnecting] = useState<Connecting>(null)
  const items = accounts.data?.items ?? []
  const needAttention = items.filter((a) => a.state === 'needs_attention')
  const held = useHeldDeliveries(workspace.id, needAttention.length > 0)
  const heldOf = (accountId: string) =>
    (held.data?.items ?? []).filter((d) => d.accountId === accountId && d.state !== 'published')
      .length

  const open = {
    bluesky: () => setConnecting({ network: 'bluesky' }),
    mastodon: () => setConnecting({ network: 'mastodon' }),
  }
  useAccountsShortcuts(mayManage, open)

  return (
    <>
      <PageHeader
        title="Accounts"
        description={`The network accounts ${workspace.name} posts as, and whether each still works.`}
        actions={
          mayManage && (
            <>
              <Button onClick={open.bluesky}>Connect Bluesky</Button>
              <Button variant="light" onClick={open.mastodon}>
                Connect Mastodon
              </Button>
            </>
          )
        }
      />
      <ReturnFromInstance workspaceId={workspace.id} />
      <Stack gap="md">
        {accounts.isPending && <Loading label="Loading the accounts…" />}
        <ProblemAlert error={accounts.error} title="The accounts could not be loaded" />
        {accounts.isSuccess && items.length === 0 && (
          <Card withBorder padding="lg">
            <Title order={2} size="h4" mb="xs">
              No accounts yet
            </Title>
            <Text>
              {mayManage
                ? 'Connect your first account: Bluesky with an app password, or Mastodon (any instance) by allowing Sous there. Posts can be scheduled once one is connected.'
                : 'No account is connected yet. An admin of this workspace connects Bluesky and Mastodon accounts here.'}
            </Text>
          </Card>
        )}
        {items.map((account) => (
          <AccountCard
            key={account.id}
            account={account}
            held={account.state === 'needs_attention' ? heldOf(account.id) : 0}
            mayManage={mayManage}
            onReconnect={() =>
              setConnecting({ network: account.network as 'bluesky' | 'mastodon', account })
            }
          />
        ))}
      </Stack>

      <Modal
        opened={connecting !== null}
        onClose={() => setConnecting(null)}
        title={
          connecting?.account
            ? `Reconnect ${connecting.account.handle}`
            : connecting?.network === 'mastodon'
              ? 'Connect a Mastodon account'
              : 'Connect a Bluesky account'
        }
      >
        {connecting?.network === 'bluesky' && (
          <ConnectBlueskyForm
            workspaceId={workspace.id}
            initial={
              connecting.account && {
                identifier: connecting.account.handle,
                service: connecting.account.service,
              }
            }
            onDone={() => setConnecting(null)}
          />
        )}
        {connecting?.network === 'mastodon' && (
          <ConnectMastodonForm
            workspaceId={workspace.id}
            initial={connecting.account && { instance: connecting.account.service }}
            onDone={() => setConnecting(null)}
          />
        )}
      </Modal>
    </>
  )
}

/** What the instance's OAuth callback reported when it sent the person back here. */
function ReturnFromInstance({ workspaceId }: { workspaceId: string }) {
  const { search } = useLocation()
  const connected = search.get('connected')
  const connectError = search.get('connectError')
  if (!connected && !connectError) return null
  const dismiss = () => navigate(`/w/${workspaceId}/accounts`, { replace: true })
  return connected ? (
    <Alert
      color="green"
      variant="light"
      title="Account connected"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={dismiss}
      mb="md"
      role="status"
    >
      {connected} is connected. Its posts can be scheduled now.
    </Alert>
  ) : (
    <Alert
      color="red"
      variant="light"
      title="The account was not connected"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={dismiss}
      mb="md"
      role="alert"
    >
      {connectError}
    </Alert>
  )
}

function AccountCard({
  account,
  held,
  mayManage,
  onReconnect,
}: {
  account: Account
  held: number
  mayManage: boolean
  onReconnect: () => void
}) {
  const { workspace } = useWorkspace()
  const verify = useVerifyAccount(workspace.id)
  const disconnect = useDisconnectAccount(workspace.id)
  const [confirming, setConfirming] = useState(false)
  const ok = account.state === 'ok'
  const network = account.network === 'bluesky' ? 'Bluesky' : 'Mastodon'

  return (
    <Card withBorder padding="md" component="section" aria-label={account.handle}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2} style={{ minWidth: 0, flex: '1 1 14rem' }}>
            <Group gap="xs">
              <Title order={2} size="h4" style={{ overflowWrap: 'anywhere' }}>
                {account.displayName || account.handle}
              </Title>
              <Badge variant="light" color={account.network === 'bluesky' ? 'blue' : 'violet'}>
                {network}
              </Badge>
              <Badge color={ok ? 'green' : 'red'} variant={ok ? 'light' : 'filled'}>
                {ok ? 'OK' : 'Needs attention'}
              </Badge>
            </Group>
            <Anchor
              href={account.url}
              target="_blank"
              rel="noreferrer"
              size="sm"
              style={{ overflowWrap: 'anywhere' }}
            >
              {account.handle}
            </Anchor>
            <Text size="xs" c="dimmed">
              Connected {formatDateTime(account.connectedAt, { show: 'date' })}
              {account.lastVerifiedAt && ` · checked ${formatRelative(account.lastVerifiedAt)}`}
            </Text>
          </Stack>
          {mayManage && (
            <Group gap="xs">
              <Button
                variant="default"
                size="xs"
                loading={verify.isPending}
                onClick={() =>
                  verify.mutate(account.id, {
                    onSuccess: (checked) =>
                      notifications.show({
                        title: checked.state === 'ok' ? 'It works' : 'It needs attention',
                        message:
                          checked.state === 'ok'
                            ? `${checked.handle} answered.`
                            : (checked.reason ?? `${checked.handle} needs attention.`),
                      }),
                  })
                }
              >
                Check now
              </Button>
              <Button variant="subtle" color="red" size="xs" onClick={() => setConfirming(true)}>
                Disconnect
              </Button>
            </Group>
          )}
        </Group>

        {!ok && (
          <Alert color="orange" variant="light" title="This account needs attention" role="alert">
            <Stack gap="xs">
              <Text size="sm">{account.reason ?? 'Sous cannot post as this account.'}</Text>
              <Text size="sm" fw={600}>
                {held === 0
                  ? 'No posts are held.'
                  : `${held} ${held === 1 ? 'post is' : 'posts are'} held in Review until it is reconnected.`}
              </Text>
              {mayManage ? (
                <Group>
                  <Button size="xs" onClick={onReconnect}>
                    Reconnect {account.handle}
                  </Button>
                </Group>
              ) : (
                <Text size="sm">An admin of this workspace can reconnect it.</Text>
              )}
            </Stack>
          </Alert>
        )}
        <ProblemAlert error={verify.error} />
        <ProblemAlert error={disconnect.error} title="It was not disconnected" />
      </Stack>

      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={`Disconnect ${account.handle}?`}
      >
        <Stack gap="md">
          <Text size="sm">
            Sous forgets its credentials; its history stays. What it had scheduled waits in Review,
            and is sent once you connect the same account again.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
            <Button
              color="red"
              onClick={() => {
                setConfirming(false)
                disconnect.mutate(account.id, {
                  onSuccess: ({ heldDeliveries }) =>
                    notifications.show({
                      title: `${account.handle} is disconnected`,
                      message:
                        heldDeliveries > 0
                          ? `${heldDeliveries} scheduled ${heldDeliveries === 1 ? 'post waits' : 'posts wait'} in Review.`
                          : 'Nothing was scheduled for it.',
                    }),
                })
              }}
            >
              Disconnect
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  )
}
