import { Alert, Button, Group, Stack, Text } from '@mantine/core'
import { refuseBrake } from '../../core/brake/brake-rules.ts'
import { useAccounts } from '../accounts/account-queries.ts'
import { formatDateTime, formatRelative } from '../components/format-date.ts'
import { BrakeIcon } from '../components/icons.tsx'
import { linkProps } from '../components/router.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { useMembers } from '../settings/member-queries.ts'
import { sectionPath } from '../shell/navigation.ts'
import { brakesOf, useEngagedBrakes } from './brake-queries.ts'
import { describeBrakePuller, describeBrakeScope } from './brake-scope.ts'

/**
 * While a brake holds this workspace, every page says so: what it stops, why, who pulled it
 * and since when; those who may release it are led to Review, to look before resuming.
 */
export function BrakeBanner() {
  const { me, workspace, role } = useWorkspace()
  const engaged = useEngagedBrakes()
  const accounts = useAccounts(workspace.id)
  const members = useMembers(workspace.id)
  const brakes = brakesOf(engaged.data?.items ?? [], workspace.id)
  if (brakes.length === 0) return null
  return (
    <Stack gap="xs" mb="md">
      {brakes.map((brake) => {
        const mayRelease =
          refuseBrake('release', brake.scope, { role, instanceAdmin: me.instanceAdmin }) === null
        return (
          <Alert
            key={brake.id}
            color="red"
            variant="filled"
            icon={<BrakeIcon />}
            title={`The brake is on: deliveries of ${describeBrakeScope(brake, workspace.name, accounts.data?.items)} are paused`}
          >
            <Stack gap="xs">
              <Text size="sm" c="inherit">
                “{brake.reason}” — {describeBrakePuller(brake, me.user.id, members.data?.items)},{' '}
                {formatDateTime(brake.engagedAt)} ({formatRelative(brake.engagedAt)}).
              </Text>
              <Group gap="sm">
                {mayRelease ? (
                  <Button
                    component="a"
                    size="xs"
                    variant="white"
                    // red.9 on white: 4.5:1 or more, as text must be (red.6 is 3.8:1).
                    color="red.9"
                    {...linkProps(`${sectionPath(workspace.id, 'review')}?brake=${brake.id}`)}
                  >
                    Review what is queued and release
                  </Button>
                ) : (
                  <Text size="sm" c="inherit">
                    {brake.scope === 'instance'
                      ? 'An instance administrator resumes deliveries.'
                      : 'An admin of this workspace resumes deliveries after reviewing what is queued.'}
                  </Text>
                )}
              </Group>
            </Stack>
          </Alert>
        )
      })}
    </Stack>
  )
}
