import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { runFiles, stopNetwork } from './atproto-launch.ts'
import './atproto-network.ts'

/**
 * One local AT Protocol network per vitest run, started by the first test file that asks
 * for it (`atprotoNetwork()`), so a run without Bluesky tests pays nothing; stopped here.
 * With `SOUS_ATPROTO_READY_FILE` set, a network someone else started is used instead.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.SOUS_ATPROTO_READY_FILE
  if (given) {
    project.provide('atproto', {
      runDir: path.dirname(given),
      readyFile: given,
      external: true,
      ownerPid: process.pid,
    })
    return async () => {}
  }
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'sous-atproto-'))
  project.provide('atproto', {
    runDir,
    readyFile: runFiles(runDir).readyFile,
    external: false,
    ownerPid: process.pid,
  })
  return () => stopNetwork(runDir)
}
