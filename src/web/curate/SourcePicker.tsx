import { Select } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useState } from 'react'
import { useSourceOptions } from './curate-queries.ts'

/**
 * Chooses one source by typing part of its title, address or folder: the choices come from
 * the server 20 at a time, so a workspace following thousands of feeds is never loaded whole.
 */
export function SourcePicker({
  workspaceId,
  value,
  onChange,
}: {
  workspaceId: string
  value: string | null
  onChange: (sourceId: string | null) => void
}) {
  const [search, setSearch] = useState('')
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null)
  const [q] = useDebouncedValue(search.trim(), 250)
  // While the chosen one's title is what the box shows, every source is a choice.
  const options = useSourceOptions(workspaceId, chosen && q === chosen.label ? '' : q)
  const data = (options.data ?? []).map((s) => ({ value: s.id, label: s.title }))
  if (chosen && value === chosen.value && !data.some((d) => d.value === chosen.value))
    data.unshift(chosen)
  return (
    <Select
      label="Source"
      placeholder="Every source"
      data={data}
      value={value}
      onChange={(id, option) => {
        setChosen(id && option ? { value: id, label: option.label } : null)
        onChange(id)
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already found them: the box shows what it sent.
      filter={({ options }) => options}
      nothingFoundMessage={options.isFetching ? 'Looking…' : 'No source by that name'}
      clearable
      w={{ base: '100%', xs: 260 }}
    />
  )
}
