import {
  ActionIcon,
  Anchor,
  AppShell,
  Badge,
  Burger,
  Group,
  NavLink,
  Stack,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import type { ReactNode } from 'react'
import { refuseBrake } from '../../core/brake/brake-rules.ts'
import { BrakeBanner } from '../brake/BrakeBanner.tsx'
import { BrakeControl } from '../brake/BrakeControl.tsx'
import { KeyboardIcon } from '../components/icons.tsx'
import { linkProps } from '../components/router.tsx'
import { useOpenShortcutHelp } from '../components/shortcuts.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { mayUse, type SectionId, sectionPath, sectionsFor } from './navigation.ts'
import classes from './Shell.module.css'
import { useNavCounts } from './shell-queries.ts'
import { UserMenu } from './UserMenu.tsx'
import { useShellShortcuts } from './use-shell-shortcuts.ts'
import { WorkspaceSwitcher } from './WorkspaceSwitcher.tsx'

/**
 * Every workspace page: the header with the brake, the shortcuts and the person's menu; the
 * menu of the pages their role may open; the brake banner; then the page.
 */
export function Shell({ section, children }: { section: SectionId | null; children: ReactNode }) {
  const { me, workspace, role } = useWorkspace()
  const [navOpen, nav] = useDisclosure(false)
  const [brakeOpen, brake] = useDisclosure(false)
  const openHelp = useOpenShortcutHelp()
  const mayPull = (['workspace', 'account', 'instance'] as const).some(
    (scope) => refuseBrake('engage', scope, { role, instanceAdmin: me.instanceAdmin }) === null,
  )
  useShellShortcuts({ openBrake: mayPull ? brake.open : null })
  const counts = useNavCounts(workspace.id, mayUse(role, 'inbox.read')).data

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <AppShell.Header>
        <Anchor href="#main" className={classes.skipLink}>
          Skip to the page
        </Anchor>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" miw={0}>
            <Burger
              opened={navOpen}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpen ? 'Close the menu' : 'Open the menu'}
            />
            <Text fw={800} c="sous" size="lg">
              Sous
            </Text>
            <Text size="sm" c="dimmed" truncate visibleFrom="xs">
              {workspace.name}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <BrakeControl opened={brakeOpen} onOpen={brake.open} onClose={brake.close} />
            <Tooltip label="Keyboard shortcuts (?)">
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                onClick={openHelp}
                aria-label="Keyboard shortcuts"
              >
                <KeyboardIcon />
              </ActionIcon>
            </Tooltip>
            <UserMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm">
        <Stack gap="md">
          <WorkspaceSwitcher section={section} />
          <nav aria-label="Pages">
            {sectionsFor(role).map((item) => (
              <NavLink
                key={item.id}
                component="a"
                label={item.label}
                rightSection={item.id === 'inbox' && counts ? <InboxCount {...counts} /> : null}
                active={item.id === section}
                aria-current={item.id === section ? 'page' : undefined}
                {...linkProps(sectionPath(workspace.id, item.id), nav.close)}
              />
            ))}
          </nav>
        </Stack>
      </AppShell.Navbar>

      <AppShell.Main id="main">
        <BrakeBanner />
        {children}
      </AppShell.Main>
    </AppShell>
  )
}

const number = new Intl.NumberFormat()

/** Open items beside "Inbox" in the menu; read out with how many of them are the person's. */
function InboxCount({ open, mine }: { open: number; mine: number }) {
  if (open === 0) return null
  return (
    <Badge size="sm" variant={mine ? 'filled' : 'light'}>
      <span aria-hidden>{number.format(open)}</span>
      <VisuallyHidden>
        {number.format(open)} open{mine ? `, ${number.format(mine)} yours` : ''}
      </VisuallyHidden>
    </Badge>
  )
}
