import { Code } from '@mantine/core'
import { ComingSoon } from '../components/ComingSoon.tsx'

// @TODO placeholder: members and roles, invitations, workspace settings, API tokens, audit log
export function SettingsPage() {
  return (
    <ComingSoon
      title="Team & settings"
      description="Who works in this workspace, with which role, and how it is set up."
      meanwhile={
        <>
          invite someone with <Code>POST /api/v1/workspaces/{'{ws}'}/invitations</Code>{' '}
          <Code>{'{"email", "role"}'}</Code>: the link it answers opens the invitation page.
        </>
      }
    />
  )
}
