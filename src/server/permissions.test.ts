import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/app.ts'
import { PERMISSIONS } from '../core/access/permissions.ts'
import { ROLES, type Role, roleAtLeast } from '../core/access/roles.ts'

let t: TestApp
let workspaceId: string
const cookies = new Map<Role, string>()

beforeAll(async () => {
  t = await createTestApp()
  const owner = await t.setupOwner()
  workspaceId = owner.workspace.id
  cookies.set('owner', owner.cookie)
  for (const role of ROLES.filter((r) => r !== 'owner')) {
    cookies.set(role, (await t.member(workspaceId, role)).cookie)
  }
})
afterAll(async () => {
  await t.close()
})

async function fillPath(path: string): Promise<string> {
  let filled = path.replace('{ws}', workspaceId)
  if (filled.includes('{userId}'))
    filled = filled.replace('{userId}', (await t.member(workspaceId, 'analyst')).user.id)
  return filled.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000')
}

describe('route permissions', () => {
  it('every registered API route declares its access', () => {
    const registered = t.app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
    const declared = new Set(t.accessTable.keys())
    const undeclared = [...new Set(registered)].filter((key) => !declared.has(key))
    expect(undeclared).toEqual([])
    expect(declared.size).toBeGreaterThan(10)
  })

  it('every workspace route allows exactly the roles its permission names, and 403s the rest', async () => {
    const outcomes: string[] = []
    for (const [key, access] of t.accessTable) {
      if (access.kind !== 'workspace') continue
      const [method, path] = key.split(' ') as [string, string]
      for (const role of ROLES) {
        const res = await t.request(method, await fillPath(path), {
          cookie: cookies.get(role),
          body: method === 'GET' ? undefined : {},
        })
        const allowed = roleAtLeast(role, PERMISSIONS[access.permission])
        outcomes.push(`${key} as ${role}: ${allowed ? 'allowed' : 'denied'}`)
        if (allowed) {
          expect([401, 403], `${key} as ${role} should pass authorization`).not.toContain(
            res.status,
          )
          // A 404 for the thing the route names is fine; one for the workspace means refused.
          expect(res.json?.detail, `${key} as ${role}`).not.toBe('That workspace was not found')
        } else {
          expect(res.status, `${key} as ${role} should be 403`).toBe(403)
          expect(res.headers.get('content-type')).toContain('application/problem+json')
          expect(res.json.detail).toMatch(/needs the \w+ role/)
        }
      }
    }
    expect(outcomes.length).toBeGreaterThanOrEqual(ROLES.length * 5)
  })

  it('every non-public route refuses anonymous callers with 401', async () => {
    for (const [key, access] of t.accessTable) {
      if (access.kind === 'public') continue
      const [method, path] = key.split(' ') as [string, string]
      const res = await t.request(method, await fillPath(path), {
        body: method === 'GET' ? undefined : {},
      })
      expect(res.status, key).toBe(401)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
    }
  })

  it('a workspace someone does not belong to reads as not found', async () => {
    const stranger = await t.otherWorkspace(
      (await t.member(workspaceId, 'analyst')).user.id,
      'Elsewhere',
    )
    const res = await t.request('GET', `/api/v1/workspaces/${stranger.id}`, {
      cookie: cookies.get('owner'),
    })
    expect(res.status).toBe(404)
  })
})
