import { MultiSelect, Select } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useState } from 'react'
import type { InboxPerson } from './inbox-queries.ts'
import { identityLabel, useInboxIdentities } from './people-queries.ts'

type Option = { value: string; label: string }

/** The server's matches for what is typed, 20 at a time: a workspace's people are never loaded whole. */
function useIdentitySearch(workspaceId: string, personIds: string[] = []) {
  const [search, setSearch] = useState('')
  const [q] = useDebouncedValue(search.trim(), 250)
  const found = useInboxIdentities(workspaceId, q, personIds)
  return { search, setSearch, found }
}

/**
 * One identity of someone who wrote to the workspace, chosen by typing part of a handle or
 * name; identities of `excludePersonId` are not offered.
 */
export function IdentitySelect({
  workspaceId,
  excludePersonId,
  value,
  onChange,
}: {
  workspaceId: string
  excludePersonId: string
  value: InboxPerson | null
  onChange: (identity: InboxPerson | null) => void
}) {
  const { search, setSearch, found } = useIdentitySearch(workspaceId)
  const identities = (found.data ?? []).filter((i) => i.personId !== excludePersonId)
  if (value && !identities.some((i) => i.id === value.id)) identities.unshift(value)
  return (
    <Select
      label="The other identity"
      description="Type part of their handle or name"
      placeholder="@handle or name"
      data={identities.map((i) => ({ value: i.id, label: identityLabel(i) }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(identities.find((i) => i.id === id) ?? null)}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={
        found.isFetching ? 'Looking…' : search.trim() ? 'Nobody by that name' : 'Type to find them'
      }
      clearable
      data-autofocus
    />
  )
}

/** People (each with every identity merged into them), for a routing rule's condition. */
export function PeopleMultiSelect({
  workspaceId,
  value,
  onChange,
}: {
  workspaceId: string
  value: string[]
  onChange: (personIds: string[]) => void
}) {
  const { search, setSearch, found } = useIdentitySearch(workspaceId, value)
  // One choice per person, named by their first identity; the chosen stay listed.
  const byPerson = new Map<string, Option>()
  for (const identity of found.data ?? [])
    if (!byPerson.has(identity.personId))
      byPerson.set(identity.personId, { value: identity.personId, label: identityLabel(identity) })
  for (const personId of value)
    if (!byPerson.has(personId)) byPerson.set(personId, { value: personId, label: 'Someone' })
  return (
    <MultiSelect
      label="From these people"
      placeholder={value.length ? undefined : 'Anyone; type a handle or name'}
      data={[...byPerson.values()]}
      value={value}
      onChange={onChange}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={
        found.isFetching ? 'Looking…' : search.trim() ? 'Nobody by that name' : undefined
      }
      clearable
    />
  )
}
