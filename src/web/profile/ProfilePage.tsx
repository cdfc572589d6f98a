import { Button, Card, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { type FormEvent, useState } from 'react'
import { MIN_PASSWORD_LENGTH } from '../../core/access/password-rules.ts'
import { PageHeader } from '../components/PageHeader.tsx'
import { fieldError, ProblemAlert } from '../components/ProblemAlert.tsx'
import { navigate } from '../components/router.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { useLogOut } from '../session/session-queries.ts'
import { useChangeProfile } from './profile-queries.ts'

/** The person's own settings: their name, their password, and their sessions. */
export function ProfilePage() {
  const { me } = useWorkspace()
  return (
    <>
      <PageHeader title="Your profile" description={`You log in as ${me.user.email}.`} />
      <Stack gap="lg" maw={560}>
        <NameForm name={me.user.name} />
        <PasswordForm />
        <Sessions />
      </Stack>
    </>
  )
}

function NameForm({ name: current }: { name: string }) {
  const change = useChangeProfile()
  const [name, setName] = useState(current)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    change.mutate(
      { name: name.trim() },
      { onSuccess: () => notifications.show({ title: 'Saved', message: 'Your name is changed.' }) },
    )
  }
  return (
    <Card withBorder component="section" aria-labelledby="profile-name">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="profile-name">
            Name
          </Title>
          <TextInput
            label="Your name"
            description="Your team sees it next to what you do."
            autoComplete="name"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={fieldError(change.error, 'name')}
          />
          <ProblemAlert error={change.error} title="Your name is unchanged" fields={['name']} />
          <Group>
            <Button type="submit" loading={change.isPending} disabled={name.trim() === current}>
              Save name
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  )
}

function PasswordForm() {
  const change = useChangeProfile()
  const [currentPassword, setCurrentPassword] = useState('')
  const [password, setPassword] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    change.mutate(
      { password, currentPassword },
      {
        onSuccess: () => {
          setCurrentPassword('')
          setPassword('')
          notifications.show({
            title: 'Password changed',
            message: 'Your other sessions are logged out; this one stays.',
          })
        },
      },
    )
  }
  return (
    <Card withBorder component="section" aria-labelledby="profile-password">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="profile-password">
            Password
          </Title>
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.currentTarget.value)}
            error={fieldError(change.error, 'currentPassword')}
            required
          />
          <PasswordInput
            label="New password"
            description={`At least ${MIN_PASSWORD_LENGTH} characters. Your other sessions end when it changes.`}
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={fieldError(change.error, 'password')}
            required
          />
          <ProblemAlert
            error={change.error}
            title="Your password is unchanged"
            fields={['currentPassword', 'password']}
          />
          <Group>
            <Button
              type="submit"
              loading={change.isPending}
              disabled={!currentPassword || password.length < MIN_PASSWORD_LENGTH}
            >
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  )
}

function Sessions() {
  const logOut = useLogOut()
  return (
    <Card withBorder component="section" aria-labelledby="profile-sessions">
      <Stack gap="sm">
        <Title order={2} size="h4" id="profile-sessions">
          Sessions
        </Title>
        <Text size="sm">
          Lost a laptop, or logged in somewhere you should not have? Log out everywhere ends every
          session of yours, this one included. API tokens keep working; revoke them separately.
        </Text>
        <ProblemAlert error={logOut.error} title="You are still logged in" />
        <Group>
          <Button
            color="red"
            variant="light"
            loading={logOut.isPending}
            onClick={() =>
              logOut.mutate(
                { everywhere: true },
                { onSuccess: () => navigate('/login', { replace: true }) },
              )
            }
          >
            Log out everywhere
          </Button>
        </Group>
      </Stack>
    </Card>
  )
}
