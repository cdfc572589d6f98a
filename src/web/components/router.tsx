import { Anchor, type AnchorProps } from '@mantine/core'
import { type MouseEvent, type ReactNode, useEffect, useSyncExternalStore } from 'react'

// A router of ~50 lines: the pages are few and flat (see App.tsx), so no router library.
const listeners = new Set<() => void>()

function subscribe(listener: () => void) {
  listeners.add(listener)
  window.addEventListener('popstate', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
  }
}

/** The current path and query; re-renders on every navigation. */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const href = useSyncExternalStore(
    subscribe,
    () => window.location.pathname + window.location.search,
  )
  const url = new URL(href, window.location.origin)
  return { pathname: url.pathname, search: url.searchParams }
}

export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (to === window.location.pathname + window.location.search) return
  window.history[options.replace ? 'replaceState' : 'pushState'](null, '', to)
  window.scrollTo(0, 0)
  for (const listener of listeners) listener()
}

/** Props that make an `<a href>` navigate inside the app; a modified click still opens a tab. */
export function linkProps(to: string, onNavigate?: () => void) {
  return {
    href: to,
    onClick: (event: MouseEvent<HTMLElement>) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
        return
      event.preventDefault()
      navigate(to)
      onNavigate?.()
    },
  }
}

export function Link({
  to,
  children,
  ...props
}: AnchorProps & { to: string; children: ReactNode }) {
  return (
    <Anchor {...props} {...linkProps(to)}>
      {children}
    </Anchor>
  )
}

/** Replaces the current address; for pages that only decide where a person belongs. */
export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to])
  return null
}
