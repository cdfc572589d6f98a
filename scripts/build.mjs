#!/usr/bin/env node
import { spawnSync } from 'node:child_process'
// Builds what Sous runs from its sources: the web UI (Vite → dist/web) and the server compiled
// to JavaScript (tsc → dist/server; `sous` one-shot commands start ~2.5× faster than through
// tsx). Each output carries a stamp, the hash of its inputs, so a checkout never runs an output
// older than its sources. Plain JavaScript: bin/sous.js reads the stamps before any loader.
//
//   node scripts/build.mjs [web] [server] [--if-stale]     (default: both; progress on stderr)
import { createHash } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
const STAMP = '.stamp'

/** What each output is built from: every file under `dirs` (tests left out) and `files`. */
const TARGETS = {
  web: {
    dirs: ['src/web', 'src/core', 'src/client'],
    files: ['vite.config.ts', 'package-lock.json'],
    out: 'dist/web',
  },
  server: {
    dirs: ['src'],
    skip: ['src/web'],
    files: ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    out: 'dist/server',
  },
}

const isTest = (file) => /\.test\.tsx?$/.test(file)

function inputsOf(target) {
  const { dirs, files, skip = [] } = TARGETS[target]
  const found = [...files]
  for (const dir of dirs) {
    const absolute = path.join(ROOT, dir)
    if (!existsSync(absolute)) continue
    for (const entry of readdirSync(absolute, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue
      const file = path.relative(ROOT, path.join(entry.parentPath ?? entry.path, entry.name))
      if (isTest(file) || skip.some((s) => file.startsWith(`${s}/`))) continue
      found.push(file)
    }
  }
  return found.sort()
}

/** The hash of an output's inputs: their paths and contents (~10 ms for the server's). */
export function stampOf(target) {
  const hash = createHash('sha256')
  for (const file of inputsOf(target)) {
    hash.update(file).update('\0')
    const absolute = path.join(ROOT, file)
    if (existsSync(absolute)) hash.update(readFileSync(absolute))
    hash.update('\0')
  }
  return hash.digest('hex')
}

export function outDir(target) {
  return path.join(ROOT, TARGETS[target].out)
}

/** Built from exactly the sources in the checkout now. */
export function isFresh(target) {
  try {
    return readFileSync(path.join(outDir(target), STAMP), 'utf8') === stampOf(target)
  } catch {
    return false
  }
}

const say = (text) => process.stderr.write(`${text}\n`)

/**
 * Builds into a fresh folder and then swaps it in, so a running Sous never serves half a
 * build; the stamp is written last, so an interrupted build stays stale.
 */
function buildInto(target, produce) {
  const final = outDir(target)
  const temporary = `${final}.${process.pid}.tmp`
  rmSync(temporary, { recursive: true, force: true })
  mkdirSync(path.dirname(final), { recursive: true })
  const stamp = stampOf(target)
  produce(temporary)
  writeFileSync(path.join(temporary, STAMP), stamp)
  const old = `${final}.${process.pid}.old`
  if (existsSync(final)) renameSync(final, old)
  renameSync(temporary, final)
  rmSync(old, { recursive: true, force: true })
}

function run(command, args) {
  const result = spawnSync(process.execPath, [command, ...args], {
    cwd: ROOT,
    // A test runner's NODE_ENV=test would make Vite bundle React's development build (+65 KB gzip).
    env: { ...process.env, NODE_ENV: 'production' },
    // The tools print progress on stdout; ours goes to stderr, so stdout stays for answers.
    stdio: ['ignore', 2, 2],
  })
  if (result.status !== 0)
    throw new Error(`${path.basename(command)} failed (exit ${result.status})`)
}

function buildWeb() {
  buildInto('web', (into) => {
    run(path.join(ROOT, 'node_modules/vite/bin/vite.js'), [
      'build',
      '--outDir',
      into,
      '--emptyOutDir',
    ])
  })
  say(describeWebSize(outDir('web')))
}

function buildServer() {
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc')
  if (!existsSync(tsc)) {
    say(
      'TypeScript is not installed (npm ci --omit=dev?): sous runs its sources through tsx instead.',
    )
    return
  }
  buildInto('server', (into) => {
    run(tsc, ['-p', 'tsconfig.build.json', '--outDir', into])
    // What the compiled code loads next to itself at run time: worker-thread scripts, migrations.
    const src = path.join(ROOT, 'src')
    for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue
      const from = path.join(entry.parentPath ?? entry.path, entry.name)
      const relative = path.relative(src, from)
      if (relative.startsWith('web/')) continue
      if (!/\.mjs$/.test(entry.name) && !relative.startsWith('store/migrations/')) continue
      mkdirSync(path.dirname(path.join(into, relative)), { recursive: true })
      cpSync(from, path.join(into, relative))
    }
  })
}

/**
 * What a browser downloads before the first page (login) is usable: the entry chunk and
 * everything it imports statically, gzipped, from Vite's manifest.
 */
export function describeWebSize(webDir) {
  const manifest = JSON.parse(readFileSync(path.join(webDir, '.vite/manifest.json'), 'utf8'))
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry)
  const seen = new Set()
  const css = new Set()
  const visit = (key) => {
    const chunk = manifest[key]
    if (!chunk || seen.has(chunk.file)) return
    seen.add(chunk.file)
    for (const file of chunk.css ?? []) css.add(file)
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  visit(Object.keys(manifest).find((key) => manifest[key] === entry))
  const gzip = (file) => gzipSync(readFileSync(path.join(webDir, file))).length
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
  const js = [...seen].reduce((sum, file) => sum + gzip(file), 0)
  const styles = [...css].reduce((sum, file) => sum + gzip(file), 0)
  const lazy = Object.values(manifest).filter(
    (chunk) => chunk.file.endsWith('.js') && !seen.has(chunk.file),
  )
  return `Web UI: initial JS ${kb(js)} gzip in ${seen.size} file(s), CSS ${kb(styles)} gzip; ${lazy.length} chunk(s) load later`
}

const BUILDERS = { web: buildWeb, server: buildServer }

/** Builds the targets whose stamp does not match their sources (all of them with `force`). */
export function build(targets, { force = false } = {}) {
  for (const target of targets) {
    if (!force && isFresh(target)) continue
    const started = performance.now()
    say(`Building the ${target === 'web' ? 'web UI' : 'server'} into ${TARGETS[target].out} …`)
    BUILDERS[target]()
    say(
      `Built the ${target === 'web' ? 'web UI' : 'server'} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2)
  const unknown = args.filter((arg) => !['web', 'server', '--if-stale'].includes(arg))
  if (unknown.length) {
    say(
      `Unknown argument(s): ${unknown.join(' ')}\nUsage: node scripts/build.mjs [web] [server] [--if-stale]`,
    )
    process.exit(2)
  }
  const targets = args.filter((arg) => arg in BUILDERS)
  try {
    build(targets.length ? targets : ['web', 'server'], { force: !args.includes('--if-stale') })
  } catch (error) {
    say(error.message)
    process.exit(1)
  }
}
