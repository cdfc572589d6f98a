import { Button, Text } from '@mantine/core'
import { CenteredCard } from '../components/CenteredCard.tsx'
import { navigate } from '../components/router.tsx'
import { type Me, useLogOut } from '../session/session-queries.ts'

/** Logged in, but in no workspace (every membership was removed): say what to do. */
export function NoWorkspacePage({ me }: { me: Me }) {
  const logOut = useLogOut()
  return (
    <CenteredCard title="You are not in any workspace">
      <Text>
        You are logged in as {me.user.email}, but no workspace has you as a member any more. Ask an
        admin of a workspace to invite you again; their link brings you back here.
      </Text>
      <Button
        variant="default"
        loading={logOut.isPending}
        onClick={() =>
          logOut.mutate({ everywhere: false }, { onSuccess: () => navigate('/login') })
        }
      >
        Log out
      </Button>
    </CenteredCard>
  )
}
