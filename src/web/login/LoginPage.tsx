import { Button, PasswordInput, Stack, TextInput } from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { CenteredCard } from '../components/CenteredCard.tsx'
import { safeNextPath } from '../components/match-route.ts'
import { fieldError, ProblemAlert } from '../components/ProblemAlert.tsx'
import { navigate, useLocation } from '../components/router.tsx'
import { useLogIn } from '../session/session-queries.ts'

export function LoginPage() {
  const { search } = useLocation()
  const logIn = useLogIn()
  const [email, setEmail] = useState(search.get('email') ?? '')
  const [password, setPassword] = useState('')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    logIn.mutate(
      { email: email.trim(), password },
      { onSuccess: () => navigate(safeNextPath(search.get('next')), { replace: true }) },
    )
  }

  return (
    <CenteredCard title="Log in">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={fieldError(logIn.error, 'email')}
            required
            data-autofocus
            autoFocus
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={fieldError(logIn.error, 'password')}
            required
          />
          <ProblemAlert
            error={logIn.error}
            title="You are not logged in"
            fields={['email', 'password']}
          />
          <Button type="submit" loading={logIn.isPending} disabled={!email.trim() || !password}>
            Log in
          </Button>
        </Stack>
      </form>
    </CenteredCard>
  )
}
