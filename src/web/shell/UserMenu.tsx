import {
  Avatar,
  Button,
  type MantineColorScheme,
  Menu,
  Text,
  useMantineColorScheme,
  VisuallyHidden,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { ChevronIcon } from '../components/icons.tsx'
import { linkProps, navigate } from '../components/router.tsx'
import type { Me } from '../session/session-queries.ts'
import { useLogOut } from '../session/session-queries.ts'

export function initials(name: string, email: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return email.slice(0, 2).toUpperCase()
  return words
    .slice(0, 2)
    .map((word) => word.charAt(0))
    .join('')
    .toUpperCase()
}

const SCHEMES: Array<{ value: MantineColorScheme; label: string }> = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'auto', label: 'Same as this device' },
]

/** The person's menu: their profile and password, light or dark, logging out here or everywhere. */
export function UserMenu({ me }: { me: Me }) {
  const logOut = useLogOut()
  const { colorScheme, setColorScheme } = useMantineColorScheme()
  const out = (everywhere: boolean) =>
    logOut.mutate(
      { everywhere },
      {
        onSuccess: () => navigate('/login', { replace: true }),
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: 'You are still logged in',
            message: error.message,
          }),
      },
    )
  return (
    <Menu position="bottom-end" width={240}>
      <Menu.Target>
        <Button variant="subtle" color="gray" px={4} rightSection={<ChevronIcon />}>
          <Avatar size={28} radius="xl" color="sous" aria-hidden>
            {initials(me.user.name, me.user.email)}
          </Avatar>
          <VisuallyHidden>Your account</VisuallyHidden>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>
            {me.user.name || me.user.email}
          </Text>
          {me.user.name && (
            <Text size="xs" truncate>
              {me.user.email}
            </Text>
          )}
        </Menu.Label>
        <Menu.Item component="a" {...linkProps('/profile')}>
          Profile and password
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>Appearance</Menu.Label>
        {SCHEMES.map((scheme) => (
          <Menu.Item
            key={scheme.value}
            closeMenuOnClick={false}
            onClick={() => setColorScheme(scheme.value)}
            rightSection={colorScheme === scheme.value && <span aria-hidden>✓</span>}
          >
            {scheme.label}
            {/* Mantine's items are menuitems (no menuitemradio): the choice is said in words. */}
            {colorScheme === scheme.value && <VisuallyHidden>, chosen</VisuallyHidden>}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item onClick={() => out(false)}>Log out</Menu.Item>
        <Menu.Item onClick={() => out(true)}>Log out everywhere</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}
