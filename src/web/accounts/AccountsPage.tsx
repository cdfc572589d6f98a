import { Code } from '@mantine/core'
import { ComingSoon } from '../components/ComingSoon.tsx'

// @TODO placeholder: connect Bluesky and Mastodon accounts, see which need attention
export function AccountsPage() {
  return (
    <ComingSoon
      title="Accounts"
      description="The network accounts of this workspace and their state."
      meanwhile={
        <>
          an admin connects one with <Code>POST /api/v1/workspaces/{'{ws}'}/accounts/bluesky</Code>{' '}
          or <Code>…/mastodon</Code>.
        </>
      }
    />
  )
}
