import { Button, PasswordInput, Stack, TextInput } from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { MIN_PASSWORD_LENGTH } from '../../core/access/password-rules.ts'
import { CenteredCard } from '../components/CenteredCard.tsx'
import { fieldError, ProblemAlert } from '../components/ProblemAlert.tsx'
import { navigate } from '../components/router.tsx'
import { useSetUp } from '../session/session-queries.ts'
import { workspaceHome } from '../shell/navigation.ts'

/** First run: nobody exists yet. The person who fills this in owns the first workspace and administers Sous. */
export function SetupPage() {
  const setUp = useSetUp()
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [workspace, setWorkspace] = useState('')
  const tooShort = password.length > 0 && password.length < MIN_PASSWORD_LENGTH

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setUp
      .mutateAsync({
        email: email.trim(),
        password,
        workspace: workspace.trim(),
        name: name.trim() || undefined,
      })
      .then(
        (done) => navigate(workspaceHome(done.workspace.id, 'owner'), { replace: true }),
        () => {}, // setUp.error holds the refusal, shown below
      )
  }

  return (
    <CenteredCard
      title="Set up Sous"
      intro="Nobody uses this Sous yet. You become its owner and administrator; you invite the others later."
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Your name"
            description="Optional; shown to your team."
            autoComplete="name"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={fieldError(setUp.error, 'name')}
            data-autofocus
            autoFocus
          />
          <TextInput
            label="Email"
            description="You log in with it."
            type="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={fieldError(setUp.error, 'email')}
            required
          />
          <PasswordInput
            label="Password"
            description={`At least ${MIN_PASSWORD_LENGTH} characters. A few words you will remember make a good one.`}
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={
              fieldError(setUp.error, 'password') ??
              (tooShort ? `${MIN_PASSWORD_LENGTH - password.length} more characters` : undefined)
            }
            required
          />
          <TextInput
            label="Workspace name"
            description="A brand, a client, or just you. You can add more workspaces later."
            value={workspace}
            onChange={(event) => setWorkspace(event.currentTarget.value)}
            error={fieldError(setUp.error, 'workspace')}
            required
          />
          <ProblemAlert
            error={setUp.error}
            title="Sous is not set up yet"
            fields={['name', 'email', 'password', 'workspace']}
          />
          <Button
            type="submit"
            loading={setUp.isPending}
            disabled={!email.trim() || password.length < MIN_PASSWORD_LENGTH || !workspace.trim()}
          >
            Set up Sous
          </Button>
        </Stack>
      </form>
    </CenteredCard>
  )
}
