import { Button } from '@mantine/core'
import { lazy, type ReactElement, Suspense } from 'react'
import { CenteredCard } from './components/CenteredCard.tsx'
import { Loading } from './components/Loading.tsx'
import { matchRoute, safeNextPath } from './components/match-route.ts'
import { ProblemAlert } from './components/ProblemAlert.tsx'
import { Redirect, useLocation } from './components/router.tsx'
import { LoginPage } from './login/LoginPage.tsx'
import { useMe, useSetupState } from './session/session-queries.ts'

const SetupPage = lazy(() =>
  import('./setup/SetupPage.tsx').then((m) => ({ default: m.SetupPage })),
)
const InvitationPage = lazy(() =>
  import('./invitation/InvitationPage.tsx').then((m) => ({ default: m.InvitationPage })),
)
const SignedIn = lazy(() => import('./shell/SignedIn.tsx').then((m) => ({ default: m.SignedIn })))

/**
 * Which page an address shows, before anything else: the setup page while nobody exists, the
 * invitation page for its link, the login page for anyone logged out, else the workspace.
 */
export function App() {
  const { pathname, search } = useLocation()
  const setup = useSetupState()
  const me = useMe()

  if (setup.isPending || me.isPending) return <Waiting />
  if (setup.isError || me.isError) {
    return (
      <CenteredCard title="Sous is not answering">
        <ProblemAlert error={setup.error ?? me.error} title="Nothing could be loaded" />
        <Button onClick={() => Promise.all([setup.refetch(), me.refetch()])}>Try again</Button>
      </CenteredCard>
    )
  }

  let page: ReactElement
  const invitation = matchRoute('/invite/:token', pathname)
  if (setup.data.needed) {
    page = pathname === '/setup' ? <SetupPage /> : <Redirect to="/setup" />
  } else if (invitation?.token) {
    page = <InvitationPage token={invitation.token} me={me.data} />
  } else if (pathname === '/login') {
    page = me.data ? <Redirect to={safeNextPath(search.get('next'))} /> : <LoginPage />
  } else if (!me.data) {
    const here = pathname + (search.size ? `?${search}` : '')
    page = <Redirect to={pathname === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`} />
  } else if (pathname === '/setup') {
    page = <Redirect to="/" />
  } else {
    page = <SignedIn me={me.data} />
  }
  return <Suspense fallback={<Waiting />}>{page}</Suspense>
}

function Waiting() {
  return <Loading label="Loading Sous…" fullPage />
}
