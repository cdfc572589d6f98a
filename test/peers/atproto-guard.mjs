// Runs serve.js and stops it with SIGTERM (so it drops its database schema) when this guard
// is told to stop, or when the process that owns the run (vitest, `watchPid`) is gone: a
// killed test run leaves no network behind, and no run folder (the ready file's).
//   node atproto-guard.mjs <watchPid> <serve.js> <ready file>
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import path from 'node:path'

const [watchPid, ...serveArgs] = process.argv.slice(2)
const child = spawn(process.execPath, serveArgs, { stdio: 'inherit' })
let orphaned = false
const stop = () => child.kill('SIGTERM')
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
const watch = setInterval(() => {
  try {
    process.kill(Number(watchPid), 0)
  } catch {
    orphaned = true
    stop()
  }
}, 1000)
child.on('exit', (code, signal) => {
  clearInterval(watch)
  if (orphaned) rmSync(path.dirname(serveArgs[1]), { recursive: true, force: true })
  process.exit(code ?? (signal ? 1 : 0))
})
