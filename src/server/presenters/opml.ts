import { generateOpml } from 'feedsmith'
import type { listSourcesForExport } from '../../store/queries/list-sources.ts'

type Row = Awaited<ReturnType<typeof listSourcesForExport>>[number]
type Outline = {
  text: string
  title?: string
  type?: string
  xmlUrl?: string
  htmlUrl?: string
  outlines?: Outline[]
}

/** The sources as OPML 2.0: each category path ("Tech/Rust") becomes nested folders. */
export function presentOpml(rows: readonly Row[], workspaceName: string, now: Date): string {
  const root: Outline[] = []
  const folders = new Map<string, Outline>()
  const folderFor = (path: string): Outline[] => {
    let children = root
    let key = ''
    for (const name of path.split('/').filter(Boolean)) {
      key = `${key}/${name}`
      let folder = folders.get(key)
      if (!folder) {
        folder = { text: name, title: name, outlines: [] }
        folders.set(key, folder)
        children.push(folder)
      }
      children = folder.outlines as Outline[]
    }
    return children
  }
  for (const row of rows) {
    folderFor(row.category ?? '').push({
      text: row.title,
      title: row.title,
      type: 'rss',
      xmlUrl: row.url,
      ...(row.siteUrl ? { htmlUrl: row.siteUrl } : {}),
    })
  }
  return generateOpml({
    head: { title: `Sous sources of ${workspaceName}`, dateCreated: now },
    body: { outlines: root },
  }) as string
}
