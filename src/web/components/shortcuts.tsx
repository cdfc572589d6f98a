import { Group, Kbd, Modal, Stack, Table, Text } from '@mantine/core'
import {
  createContext,
  Fragment,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react'
import { createKeyMatcher, displayKeys } from './key-sequence.ts'

/** One shortcut as a page declares it; every one also has a visible control on the page. */
export type Shortcut = { keys: string; description: string; run: () => void }

type Registry = {
  register: (id: string, title: string, shortcuts: Shortcut[]) => () => void
  openHelp: () => void
}

const ShortcutContext = createContext<Registry | null>(null)

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

function inField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/**
 * Holds the shortcuts of what is on screen (the shell's and the current page's), runs them,
 * and lists them when a person presses `?`.
 */
export function ShortcutProvider({ children }: { children: ReactNode }) {
  const groups = useRef(new Map<string, { title: string; shortcuts: Shortcut[] }>())
  const [helpOpen, setHelpOpen] = useState(false)
  const openHelp = useCallback(() => setHelpOpen(true), [])

  const register = useCallback((id: string, title: string, shortcuts: Shortcut[]) => {
    groups.current.set(id, { title, shortcuts })
    return () => {
      groups.current.delete(id)
    }
  }, [])

  useEffect(() => {
    const feed = createKeyMatcher<Shortcut>(isMac)
    const help: Shortcut = { keys: '?', description: 'Show keyboard shortcuts', run: openHelp }
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return
      // An open dialog owns the keyboard (it traps focus); its own buttons are the controls.
      if (event.target instanceof Element && event.target.closest('[role="dialog"]')) return
      const all = [help, ...[...groups.current.values()].reverse().flatMap((g) => g.shortcuts)]
      const hit = feed(
        all,
        {
          key: event.key,
          ctrlKey: event.ctrlKey,
          metaKey: event.metaKey,
          altKey: event.altKey,
          inField: inField(event.target),
        },
        performance.now(),
      )
      if (!hit) return
      event.preventDefault()
      hit.run()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [openHelp])

  const registry = useMemo(() => ({ register, openHelp }), [register, openHelp])
  return (
    <ShortcutContext.Provider value={registry}>
      {children}
      <Modal opened={helpOpen} onClose={() => setHelpOpen(false)} title="Keyboard shortcuts">
        <ShortcutList
          groups={[
            {
              title: 'Everywhere',
              shortcuts: [{ keys: '?', description: 'Show this list', run: openHelp }],
            },
            ...groups.current.values(),
          ]}
        />
      </Modal>
    </ShortcutContext.Provider>
  )
}

function ShortcutList({ groups }: { groups: Array<{ title: string; shortcuts: Shortcut[] }> }) {
  const merged = new Map<string, Shortcut[]>()
  for (const group of groups)
    merged.set(group.title, [...(merged.get(group.title) ?? []), ...group.shortcuts])
  return (
    <Stack gap="md">
      {[...merged].map(([title, shortcuts]) => (
        <Table key={title} captionSide="top" verticalSpacing={4}>
          <Table.Caption ta="left" fw={600} c="var(--mantine-color-text)">
            {title}
          </Table.Caption>
          <Table.Tbody>
            {shortcuts.map((shortcut) => (
              <Table.Tr key={shortcut.keys}>
                <Table.Td w="40%">
                  <KeyCombo keys={shortcut.keys} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{shortcut.description}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ))}
    </Stack>
  )
}

/** The keys of a shortcut as a person presses them: `g` then `c`, `Ctrl` + `Enter`. */
export function KeyCombo({ keys }: { keys: string }) {
  return (
    <Group gap={4} wrap="nowrap">
      {displayKeys(keys, isMac).map((step, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the steps of one shortcut never move
        <Fragment key={index}>
          {index > 0 && (
            <Text span size="xs" c="dimmed">
              then
            </Text>
          )}
          {step.map((key) => (
            <Kbd key={key} size="xs">
              {key}
            </Kbd>
          ))}
        </Fragment>
      ))}
    </Group>
  )
}

/**
 * Declares the shortcuts of a page (or the shell) while it is on screen, under a heading for
 * the `?` list. Declare them in one place per page: a `use…Shortcuts` hook in its folder.
 */
export function useShortcuts(title: string, shortcuts: Shortcut[]) {
  const registry = useContext(ShortcutContext)
  const id = useId()
  const latest = useRef(shortcuts)
  latest.current = shortcuts
  const keys = shortcuts.map((s) => `${s.keys}\u0000${s.description}`).join('\u0001')
  useEffect(() => {
    if (!registry) return
    const stable = keys
      .split('\u0001')
      .filter(Boolean)
      .map((entry, index) => {
        const [k = '', description = ''] = entry.split('\u0000')
        return { keys: k, description, run: () => latest.current[index]?.run() }
      })
    return registry.register(id, title, stable)
  }, [registry, id, title, keys])
}

/** Opens the `?` list, for the visible button that offers the same. */
export function useOpenShortcutHelp(): () => void {
  return useContext(ShortcutContext)?.openHelp ?? (() => {})
}
