import type { Context } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { SESSION_COOKIE } from './authenticate.ts'

/** The session cookie: HttpOnly, SameSite=Lax, Secure when Sous is served over https. */
export function setSessionCookie(
  c: Context,
  publicUrl: string,
  session: { token: string; expiresAt: Date },
) {
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: publicUrl.startsWith('https:'),
    path: '/',
    expires: session.expiresAt,
  })
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: '/' })
}
