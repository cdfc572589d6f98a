import { Text } from '@mantine/core'
import { PageHeader } from '../components/PageHeader.tsx'
import { Link } from '../components/router.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { workspaceHome } from './navigation.ts'

/** An address that is no page, or a page this person's role may not open. */
export function NotFoundPage({ reason }: { reason?: string }) {
  const { workspace, role } = useWorkspace()
  return (
    <>
      <PageHeader title={reason ? 'Not open to you' : 'No such page'} />
      <Text>
        {reason ?? 'Nothing lives at this address.'}{' '}
        <Link to={workspaceHome(workspace.id, role)}>Back to {workspace.name}</Link>.
      </Text>
    </>
  )
}
