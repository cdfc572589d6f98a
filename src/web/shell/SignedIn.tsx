import { lazy, type ReactNode, Suspense, useEffect } from 'react'
import { Loading } from '../components/Loading.tsx'
import { matchRoute } from '../components/match-route.ts'
import { Redirect, useLocation } from '../components/router.tsx'
import { WorkspaceProvider } from '../components/workspace-context.tsx'
import type { Me, MyWorkspace } from '../session/session-queries.ts'
import { NotFoundPage } from './NotFoundPage.tsx'
import { NoWorkspacePage } from './NoWorkspacePage.tsx'
import { mayUse, SECTIONS, type SectionId, sectionPath, workspaceHome } from './navigation.ts'
import { Shell } from './Shell.tsx'

// Each page loads when first opened; the shell and the login page stay small.
const PAGES: Record<SectionId | 'profile', ReturnType<typeof lazy>> = {
  compose: lazy(() =>
    import('../compose/ComposePage.tsx').then((m) => ({ default: m.ComposePage })),
  ),
  calendar: lazy(() =>
    import('../calendar/CalendarPage.tsx').then((m) => ({ default: m.CalendarPage })),
  ),
  queues: lazy(() => import('../queues/QueuesPage.tsx').then((m) => ({ default: m.QueuesPage }))),
  review: lazy(() => import('../review/ReviewPage.tsx').then((m) => ({ default: m.ReviewPage }))),
  inbox: lazy(() => import('../inbox/InboxPage.tsx').then((m) => ({ default: m.InboxPage }))),
  curate: lazy(() =>
    import('../curate/SuggestionsPage.tsx').then((m) => ({ default: m.SuggestionsPage })),
  ),
  listen: lazy(() => import('../listen/ListenPage.tsx').then((m) => ({ default: m.ListenPage }))),
  people: lazy(() => import('../people/PeoplePage.tsx').then((m) => ({ default: m.PeoplePage }))),
  measure: lazy(() =>
    import('../measure/MeasurePage.tsx').then((m) => ({ default: m.MeasurePage })),
  ),
  accounts: lazy(() =>
    import('../accounts/AccountsPage.tsx').then((m) => ({ default: m.AccountsPage })),
  ),
  settings: lazy(() =>
    import('../settings/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage })),
  ),
  profile: lazy(() =>
    import('../profile/ProfilePage.tsx').then((m) => ({ default: m.ProfilePage })),
  ),
}

const PostPage = lazy(() => import('../post/PostPage.tsx').then((m) => ({ default: m.PostPage })))

const LAST_WORKSPACE = 'sous.lastWorkspace'

function lastWorkspace(me: Me): MyWorkspace | undefined {
  const id = window.localStorage.getItem(LAST_WORKSPACE)
  return me.workspaces.find((w) => w.id === id) ?? me.workspaces[0]
}

/** The pages of someone logged in: which workspace and page an address means, and whether their role may open it. */
export function SignedIn({ me }: { me: Me }) {
  const { pathname, search } = useLocation()
  const fallback = lastWorkspace(me)
  const post = matchRoute('/w/:ws/posts/:id', pathname)
  const route =
    (post && { ws: post.ws, section: 'posts' }) ??
    matchRoute('/w/:ws/:section', pathname) ??
    matchRoute('/w/:ws', pathname)
  const workspace = route ? me.workspaces.find((w) => w.id === route.ws) : fallback

  useEffect(() => {
    if (route && workspace) window.localStorage.setItem(LAST_WORKSPACE, workspace.id)
  }, [route, workspace])

  if (!fallback) return <NoWorkspacePage me={me} />
  // Where a Mastodon instance's OAuth callback sends a person back when it could not tell the workspace.
  if (pathname === '/accounts')
    return <Redirect to={`${sectionPath(fallback.id, 'accounts')}?${search}`} />
  if (pathname === '/' || (route && workspace && !route.section))
    return <Redirect to={workspaceHome((workspace ?? fallback).id, (workspace ?? fallback).role)} />

  const inShell = (ws: MyWorkspace, section: SectionId | null, page: ReactNode) => (
    <WorkspaceProvider me={me} workspace={ws}>
      <Shell section={section}>
        <Suspense fallback={<Loading label="Loading the page…" />}>{page}</Suspense>
      </Shell>
    </WorkspaceProvider>
  )

  if (pathname === '/profile') {
    const Profile = PAGES.profile
    return inShell(fallback, null, <Profile />)
  }
  if (!route || !workspace) {
    const reason = route ? 'That workspace is not one of yours, or it does not exist.' : undefined
    return inShell(fallback, null, <NotFoundPage reason={reason} />)
  }
  if (post?.id) return inShell(workspace, null, <PostPage id={post.id} />)
  const section = SECTIONS.find((s) => s.id === route.section)
  if (!section) return inShell(workspace, null, <NotFoundPage />)
  if (!mayUse(workspace.role, section.permission)) {
    return inShell(
      workspace,
      null,
      <NotFoundPage
        reason={`${section.label} is not open to the ${workspace.role} role in ${workspace.name}.`}
      />,
    )
  }
  const Page = PAGES[section.id]
  return inShell(workspace, section.id, <Page />)
}
