// `npm run bench -- <name> [args…]` runs bench/<name>.ts, which exports `run(args)`.
import { readdirSync, readFileSync } from 'node:fs'

const here = new URL('.', import.meta.url)
const exportsRun = (file: string) =>
  /export async function run\(/.test(readFileSync(new URL(file, here), 'utf8'))
const available = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts' && exportsRun(file))
  .map((file) => file.replace(/\.ts$/, ''))

const [name, ...args] = process.argv.slice(2)
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name> [args…]\navailable: ${available.join(', ')}`)
  process.exit(2)
}
const bench = (await import(new URL(`${name}.ts`, here).href)) as {
  run: (args: string[]) => Promise<void>
}
await bench.run(args)
