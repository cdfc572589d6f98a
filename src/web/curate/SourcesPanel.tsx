import {
  Alert,
  Button,
  FileButton,
  Group,
  List,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { type FormEvent, useState } from 'react'
import { fieldError, ProblemAlert } from '../components/ProblemAlert.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { EXPORT_PATH, useAddSource, useImportOpml } from './curate-queries.ts'
import { FollowedSources } from './FollowedSources.tsx'

/** The feeds the workspace follows: add one by address, import or export OPML, see each one's health. */
export function SourcesPanel() {
  const { workspace, may } = useWorkspace()
  const mayManage = may('sources.manage')
  const add = useAddSource(workspace.id)
  const importOpml = useImportOpml(workspace.id)
  const [url, setUrl] = useState('')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!url.trim()) return
    add.mutate(
      { url: url.trim() },
      {
        onSuccess: (source) => {
          setUrl('')
          notifications.show({
            color: 'green',
            message: `Following ${source.title}: ${source.items} ${source.items === 1 ? 'item' : 'items'} read.`,
          })
        },
      },
    )
  }
  const upload = async (file: File | null) => {
    if (!file) return
    importOpml.mutate(await file.text())
  }

  return (
    <Stack gap="lg">
      {mayManage && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <form onSubmit={submit} noValidate>
            <Stack gap="xs">
              <Title order={2} size="h4">
                Follow a feed
              </Title>
              <TextInput
                label="Feed or site address"
                description="A feed (RSS, Atom, JSON Feed) or a site's page that names its feed"
                placeholder="https://example.com/"
                type="url"
                value={url}
                onChange={(e) => setUrl(e.currentTarget.value)}
                error={fieldError(add.error, 'url')}
              />
              <ProblemAlert error={add.error} title="Not followed" fields={['url']} />
              <Group>
                <Button type="submit" loading={add.isPending} disabled={!url.trim()}>
                  Follow
                </Button>
              </Group>
            </Stack>
          </form>
          <Stack gap="xs">
            <Title order={2} size="h4">
              OPML
            </Title>
            <Text size="sm" c="dimmed">
              Bring your subscriptions from a feed reader (its “Export OPML”), or take them
              elsewhere. Folders become folders here.
            </Text>
            <Group gap="xs">
              <FileButton
                onChange={upload}
                accept=".opml,.xml,text/x-opml,application/xml,text/xml"
              >
                {(props) => (
                  <Button {...props} variant="default" loading={importOpml.isPending}>
                    Import an OPML file…
                  </Button>
                )}
              </FileButton>
              <Button
                component="a"
                variant="subtle"
                href={EXPORT_PATH.replace('{ws}', encodeURIComponent(workspace.id))}
                download="sous-sources.opml"
              >
                Export as OPML
              </Button>
            </Group>
            <ProblemAlert error={importOpml.error} title="Not imported" />
            {importOpml.data && (
              <Alert color="green" variant="light" title="Imported" role="status">
                {importOpml.data.imported} new, {importOpml.data.alreadyFollowed} already followed.
                They are read over the next minutes; their health shows below.
                {importOpml.data.skipped.length > 0 && (
                  <List size="sm" mt="xs">
                    {importOpml.data.skipped.slice(0, 10).map((s) => (
                      <List.Item key={`${s.text}:${s.reason}`}>
                        Skipped “{s.text}”: {s.reason}
                      </List.Item>
                    ))}
                  </List>
                )}
              </Alert>
            )}
          </Stack>
        </SimpleGrid>
      )}

      <FollowedSources mayManage={mayManage} />
    </Stack>
  )
}
