import { Anchor, Button, Group, List, PasswordInput, Stack, Text, TextInput } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { type FormEvent, useState } from 'react'
import { fieldError, ProblemAlert } from '../components/ProblemAlert.tsx'
import { useConnectBluesky, useStartMastodon } from './account-queries.ts'

/** Bluesky: a handle and an app password (never the account's own password). */
export function ConnectBlueskyForm({
  workspaceId,
  initial,
  onDone,
}: {
  workspaceId: string
  initial?: { identifier: string; service: string }
  onDone: () => void
}) {
  const connect = useConnectBluesky(workspaceId)
  const [identifier, setIdentifier] = useState(initial?.identifier ?? '')
  const [appPassword, setAppPassword] = useState('')
  const [service, setService] = useState(
    initial?.service && !initial.service.includes('bsky.social') ? initial.service : '',
  )

  const submit = (event: FormEvent) => {
    event.preventDefault()
    connect.mutate(
      {
        identifier: identifier.trim(),
        appPassword: appPassword.trim(),
        ...(service.trim() ? { service: service.trim() } : {}),
      },
      {
        onSuccess: (account) => {
          notifications.show({ title: 'Connected', message: `${account.handle} is connected.` })
          onDone()
        },
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          Sous uses an <strong>app password</strong>, never your account’s own password. Make one in
          Bluesky under{' '}
          <Anchor href="https://bsky.app/settings/app-passwords" target="_blank" rel="noreferrer">
            Settings → Privacy and security → App passwords
          </Anchor>
          , name it “Sous”, and paste it here. You can revoke it there at any time.
        </Text>
        <TextInput
          label="Handle"
          description="Your handle or the email you sign in with, e.g. you.bsky.social"
          value={identifier}
          onChange={(e) => setIdentifier(e.currentTarget.value)}
          error={fieldError(connect.error, 'identifier')}
          required
          autoComplete="username"
          data-autofocus
        />
        <PasswordInput
          label="App password"
          description="Four groups of four letters: xxxx-xxxx-xxxx-xxxx"
          value={appPassword}
          onChange={(e) => setAppPassword(e.currentTarget.value)}
          error={fieldError(connect.error, 'appPassword')}
          required
          autoComplete="off"
        />
        <TextInput
          label="Your own PDS (optional)"
          description="Only if your account is not hosted by Bluesky, e.g. https://pds.example.org"
          value={service}
          onChange={(e) => setService(e.currentTarget.value)}
          error={fieldError(connect.error, 'service')}
        />
        <ProblemAlert error={connect.error} fields={['identifier', 'appPassword', 'service']} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={connect.isPending}>
            Connect Bluesky
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** Mastodon (or GoToSocial, Akkoma …): the instance's own page asks the person to allow Sous. */
export function ConnectMastodonForm({
  workspaceId,
  initial,
  onDone,
}: {
  workspaceId: string
  initial?: { instance: string }
  onDone: () => void
}) {
  const start = useStartMastodon(workspaceId)
  const [instance, setInstance] = useState(initial?.instance ?? '')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    start.mutate(instance.trim(), {
      onSuccess: ({ authorizeUrl }) => window.location.assign(authorizeUrl),
    })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <List size="sm" type="ordered" spacing={4}>
          <List.Item>Name the instance your account lives on.</List.Item>
          <List.Item>Its own page opens: sign in there if asked, and allow Sous.</List.Item>
          <List.Item>It sends you back here, with the account connected.</List.Item>
        </List>
        <TextInput
          label="Instance"
          description="e.g. mastodon.social or https://social.example.org"
          value={instance}
          onChange={(e) => setInstance(e.currentTarget.value)}
          error={fieldError(start.error, 'instance')}
          required
          data-autofocus
        />
        <ProblemAlert error={start.error} fields={['instance']} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={start.isPending || start.isSuccess}>
            Continue to the instance
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
