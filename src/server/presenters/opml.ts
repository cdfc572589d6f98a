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

/**
 * The sources as OPML 2.0: each category path ("Tech/Rust") becomes nested folders. feedsmith
 * loads on the first export: a server that never exports does not keep it in memory.
 */
export async function presentOpml(
  rows: readonly Row[],
  workspaceName: string,
  now: Date,
): Promise<string> {
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
  const title = `Sous sources of ${workspaceName}`
  // feedsmith refuses a body without outlines (OPML 2.0 asks for one); readers take it empty.
  if (root.length === 0) {
    return `<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0">\n  <head>\n    <title>${escapeXml(title)}</title>\n  </head>\n  <body/>\n</opml>\n`
  }
  const { generateOpml } = await import('feedsmith')
  return generateOpml({ head: { title, dateCreated: now }, body: { outlines: root } }) as string
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
