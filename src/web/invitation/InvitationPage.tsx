import { Alert, Button, Group, List, PasswordInput, Stack, Text, TextInput } from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { MIN_PASSWORD_LENGTH } from '../../core/access/password-rules.ts'
import { asProblem } from '../api/api-problem.ts'
import { CenteredCard } from '../components/CenteredCard.tsx'
import { formatDateTime } from '../components/format-date.ts'
import { fieldError, ProblemAlert } from '../components/ProblemAlert.tsx'
import { Link, linkProps, navigate } from '../components/router.tsx'
import { type Me, useLogOut } from '../session/session-queries.ts'
import { sectionsFor, workspaceHome } from '../shell/navigation.ts'
import { useAcceptInvitation, useInvitation } from './invitation-queries.ts'

/** Where an invitation link lands: what it is for, then a password and name for someone new. */
export function InvitationPage({ token, me }: { token: string; me: Me | null }) {
  const invitation = useInvitation(token)
  const accept = useAcceptInvitation(token)
  const logOut = useLogOut()
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')

  if (invitation.isPending) return <CenteredCard title="Invitation">{null}</CenteredCard>
  if (invitation.isError) {
    const gone = asProblem(invitation.error)?.status === 404
    return (
      <CenteredCard title={gone ? 'This invitation no longer works' : 'Invitation'}>
        {gone ? (
          <Text>
            It may have been used already, or it expired (invitations last 7 days). Ask whoever
            invited you for a new link. Already joined? <Link to="/login">Log in</Link>.
          </Text>
        ) : (
          <ProblemAlert error={invitation.error} title="The invitation could not be read" />
        )}
      </CenteredCard>
    )
  }

  const { workspaceName, email, role, expiresAt } = invitation.data
  // Awaited rather than an onSuccess callback: the page may re-render away meanwhile.
  const join = async (input: Parameters<typeof accept.mutateAsync>[0]) => {
    try {
      const joined = await accept.mutateAsync(input)
      navigate(workspaceHome(joined.workspaceId, joined.role), { replace: true })
    } catch {
      // accept.error holds the refusal, shown below
    }
  }
  const what = (
    <Text>
      You are invited to <b>{workspaceName}</b> as <b>{role}</b>, with the email <b>{email}</b>. As{' '}
      {role} you can open{' '}
      {sectionsFor(role)
        .map((s) => s.label)
        .join(', ')}
      .
    </Text>
  )

  if (me && me.user.email !== email) {
    return (
      <CenteredCard title={`Join ${workspaceName}`}>
        {what}
        <Alert color="yellow" title="You are logged in as someone else">
          This invitation is for {email}; you are logged in as {me.user.email}. Log out, then open
          the link again.
        </Alert>
        <Button
          variant="default"
          loading={logOut.isPending}
          onClick={() => logOut.mutate({ everywhere: false })}
        >
          Log out
        </Button>
      </CenteredCard>
    )
  }

  if (me) {
    return (
      <CenteredCard title={`Join ${workspaceName}`}>
        {what}
        <ProblemAlert error={accept.error} title="You have not joined" />
        <Button loading={accept.isPending} onClick={() => join({ email })}>
          Join {workspaceName}
        </Button>
      </CenteredCard>
    )
  }

  const hasAccount = asProblem(accept.error)?.status === 409
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void join({ email, password, name: name.trim() || undefined })
  }
  return (
    <CenteredCard title={`Join ${workspaceName}`}>
      {what}
      <List size="sm" spacing={4}>
        <List.Item>The link works once, until {formatDateTime(expiresAt)}.</List.Item>
      </List>
      {hasAccount ? (
        <Stack gap="sm">
          <ProblemAlert error={accept.error} title="You already have an account" />
          <Group>
            <Button
              component="a"
              {...linkProps(
                `/login?email=${encodeURIComponent(email)}&next=${encodeURIComponent(`/invite/${token}`)}`,
              )}
            >
              Log in to join
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput label="Email" value={email} readOnly autoComplete="username" />
            <TextInput
              label="Your name"
              description="Optional; shown to your team."
              autoComplete="name"
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={fieldError(accept.error, 'name')}
              data-autofocus
              autoFocus
            />
            <PasswordInput
              label="Choose a password"
              description={`At least ${MIN_PASSWORD_LENGTH} characters.`}
              autoComplete="new-password"
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={fieldError(accept.error, 'password')}
              required
            />
            <ProblemAlert
              error={accept.error}
              title="You have not joined yet"
              fields={['name', 'password']}
            />
            <Button
              type="submit"
              loading={accept.isPending}
              disabled={password.length < MIN_PASSWORD_LENGTH}
            >
              Join {workspaceName}
            </Button>
          </Stack>
        </form>
      )}
    </CenteredCard>
  )
}
