// `npm run check` fails when two top folders of src/ import each other, directly or through
// others: data flows one way (ARCHITECTURE.md), and a cycle is where that stops being true.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

const src = path.resolve(import.meta.dirname, '../src')
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) yield* files(full)
    else if (/\.(ts|tsx|mts|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name)) yield full
  }
}

const topOf = (file: string) => path.relative(src, file).split(path.sep)[0] ?? ''
const edges = new Map<string, Map<string, string>>()
for (const file of files(src)) {
  const from = topOf(file)
  for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const target = path.resolve(path.dirname(file), match[1] ?? match[2] ?? '')
    if (!target.startsWith(src + path.sep)) continue
    const to = topOf(target)
    if (!to || to === from || /\.\w+$/.test(from)) continue
    if (!edges.has(from)) edges.set(from, new Map())
    edges.get(from)?.set(to, path.relative(src, file))
  }
}

const cycles: string[] = []
for (const start of edges.keys()) {
  const seen = new Set<string>()
  const walk = (node: string, trail: string[]) => {
    for (const [next, via] of edges.get(node) ?? []) {
      if (next === start) cycles.push([...trail, `${node} → ${start} (${via})`].join(', '))
      else if (!seen.has(next)) {
        seen.add(next)
        walk(next, [...trail, `${node} → ${next} (${via})`])
      }
    }
  }
  walk(start, [])
}
const unique = [...new Set(cycles.map((c) => c.split(', ').sort().join(', ')))]
if (unique.length) {
  console.error(`Folders of src/ that import each other (${unique.length}):`)
  for (const cycle of unique) console.error(`  ${cycle}`)
  process.exit(1)
}
console.error('No import cycles between the folders of src/')
