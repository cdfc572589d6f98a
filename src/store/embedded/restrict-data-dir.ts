import { chmodSync, lstatSync, readdirSync, type Stats } from 'node:fs'
import path from 'node:path'

// PGlite's initdb leaves its ~970 files 0666 whatever the process umask (it sets modes
// explicitly), so a umask alone does not do: the folder is walked once the database is open.

/**
 * Takes group and other permissions off the data folder and everything in it: the database,
 * the secret key and the pid file are its owner's alone. Costs one lstat a file (~1,100).
 */
export function restrictDataDir(dataDir: string): void {
  walk(dataDir, (entry, stats) => {
    if ((stats.mode & 0o077) === 0) return
    try {
      chmodSync(entry, stats.mode & 0o700)
    } catch {
      // Not ours (EPERM) or gone meanwhile: `sous doctor` reports what others can still write.
    }
  })
}

/** The data folder and what in it other users can write: each entry whose path they can reach. */
export function listWritableByOthers(dataDir: string): string[] {
  const found: string[] = []
  const reachable = new Set([path.dirname(dataDir)])
  walk(dataDir, (entry, stats) => {
    if (!reachable.has(path.dirname(entry))) return
    if (stats.isDirectory() && stats.mode & 0o011) reachable.add(entry)
    if (stats.mode & 0o022) found.push(entry)
  })
  return found
}

/** Folders before their contents; symbolic links are neither followed nor reported. */
function walk(dir: string, visit: (entry: string, stats: Stats) => void): void {
  let stats: Stats
  try {
    stats = lstatSync(dir)
  } catch {
    return
  }
  if (stats.isSymbolicLink()) return
  visit(dir, stats)
  if (!stats.isDirectory()) return
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) walk(path.join(dir, name), visit)
}
