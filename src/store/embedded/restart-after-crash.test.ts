import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_BACKEND } from '../../../test/database.ts'
import {
  createSousHome,
  isZombie,
  type SousHome,
  startUnreapedSous,
  type UnreapedSous,
  waitUntilReady,
} from '../../../test/sous-process.ts'

// A supervisor (systemd, a container runtime) starts Sous again the moment it dies, often
// before the dead process is reaped: a zombie, whose pid in the lock still answers kill(pid, 0).
describe.skipIf(TEST_BACKEND !== 'embedded')(
  'sous start after a crash (embedded only: the lock guards the data folder)',
  () => {
    let home: SousHome
    const started: UnreapedSous[] = []

    beforeAll(async () => {
      home = await createSousHome()
    })
    afterAll(async () => {
      for (const sous of started) {
        if (!isZombie(sous.pid)) process.kill(sous.pid, 'SIGKILL')
        sous.child.kill('SIGKILL')
      }
      await home.cleanup()
    })

    // Killed as soon as it listens (it holds the lock from before then), mostly while PGlite is
    // still opening: a crash loop at its worst; every fifth is killed only once ready.
    it('starts again at once after SIGKILL, its killed self still a zombie, 20 times in a row', async () => {
      started.push(await startUnreapedSous(home.env))
      for (let restart = 1; restart <= 20; restart++) {
        const running = started.at(-1) as UnreapedSous
        if (restart % 5 === 0) await waitUntilReady(running.url)
        process.kill(running.pid, 'SIGKILL')
        while (!isZombie(running.pid)) await new Promise((resolve) => setTimeout(resolve, 10))
        const next = await startUnreapedSous(home.env).catch((error: Error) => {
          throw new Error(`restart ${restart} of 20 failed: ${error.message}`)
        })
        started.push(next)
      }
      const last = started.at(-1) as UnreapedSous
      await waitUntilReady(last.url)
      expect(isZombie(started[0]?.pid ?? 0)).toBe(true)
    }, 120_000)
  },
)
