import { describe, expect, it } from 'vitest'
import { sectionsFor, workspaceHome } from './navigation.ts'

const labels = (role: Parameters<typeof sectionsFor>[0]) => sectionsFor(role).map((s) => s.label)

describe('menus by role', () => {
  it('shows each role only the pages it may open', () => {
    expect(labels('owner')).toEqual([
      'Compose',
      'Calendar',
      'Queues',
      'Review',
      'Inbox',
      'Suggestions',
      'Listen',
      'People',
      'Measure',
      'Accounts',
      'Team & settings',
    ])
    expect(labels('admin')).toContain('Team & settings')
    const everyDay = ['Review', 'Inbox', 'Suggestions', 'Listen', 'People', 'Measure', 'Accounts']
    expect(labels('editor')).toEqual(['Compose', 'Calendar', 'Queues', ...everyDay])
    expect(labels('contributor')).toEqual(['Compose', 'Calendar', 'Queues', ...everyDay])
    expect(labels('analyst')).toEqual(['Calendar', 'Queues', ...everyDay])
  })

  it('lands a person on the first page their role may open', () => {
    expect(workspaceHome('w1', 'editor')).toBe('/w/w1/compose')
    expect(workspaceHome('w1', 'analyst')).toBe('/w/w1/calendar')
  })
})
