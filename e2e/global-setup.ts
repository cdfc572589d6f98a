import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'
import type { TestProject } from 'vitest/node'
// @ts-expect-error plain JavaScript without types: the build script bin/sous.js shares
import { build } from '../scripts/build.mjs'
import { CHROMIUM, CHROMIUM_ARGS } from './browser-options.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    browserWsEndpoint: string
  }
}

const INSTALL = 'apt-get install -y chromium fonts-noto-color-emoji'

/** Debian's Chromium, installed when missing if we may (root), else the command that does it. */
function ensureChromium() {
  if (existsSync(CHROMIUM)) return
  if (process.getuid?.() !== 0)
    throw new Error(`The browser tests need Chromium at ${CHROMIUM}. Install it: sudo ${INSTALL}`)
  process.stderr.write(`Installing Chromium for the browser tests: ${INSTALL}\n`)
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' })
  const installed = spawnSync('apt-get', INSTALL.split(' ').slice(1), {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  if (installed.status !== 0 || !existsSync(CHROMIUM))
    throw new Error(`Installing Chromium failed; run: ${INSTALL}`)
}

/** One browser for the whole run, and the web UI built from the sources being tested. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureChromium()
  build(['web'])
  const server = await chromium.launchServer({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
  })
  project.provide('browserWsEndpoint', server.wsEndpoint())
  return () => server.close()
}
