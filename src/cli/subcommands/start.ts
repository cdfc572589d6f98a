import { type Command, Option } from 'commander'
import type { ProcessRole } from '../../main.ts'

const PROCESS_ROLES = ['all', 'web', 'worker'] as const satisfies readonly ProcessRole[]

const STOP_SLACK_MS = 5_000

export function registerStartCommand(program: Command) {
  program
    .command('start')
    .description('Run Sous: the web server and the worker, or one of them with --role')
    .addOption(
      new Option('--role <role>', 'which part this process runs (web and worker need DATABASE_URL)')
        .choices(PROCESS_ROLES)
        .default('all'),
    )
    .action(async (options: { role: ProcessRole }) => {
      process.exitCode = await runStart(options.role)
    })
}

async function runStart(role: ProcessRole): Promise<number> {
  const { loadConfig } = await import('../../config.ts')
  const { createLogger } = await import('../../logger.ts')
  const { startSous } = await import('../../main.ts')
  const config = loadConfig()
  const logger = createLogger(config)
  // Listening before the start, so a signal during it still ends in a clean stop.
  const signalled = new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM')).once('SIGINT', () => resolve('SIGINT'))
  })
  const sous = await startSous({ config, role, logger })
  let stopping = false
  const failed = new Promise<Error>((resolve) => sous.ready.catch(resolve))
  const outcome = await Promise.race([
    signalled.then((signal) => ({ code: 0, reason: `${signal} received` })),
    failed.then((error) => {
      if (stopping) return { code: 0, reason: '' }
      logger.fatal({ err: error }, `Sous could not start: ${error.message}`)
      return { code: 1, reason: 'Start failed' }
    }),
  ])
  stopping = true

  logger.info(`${outcome.reason}, stopping (grace ${config.shutdownGraceMs} ms)`)
  // A second signal, or a stop stuck past the grace (e.g. a job ignoring its abort): exit anyway.
  const forced = new Promise<false>((resolve) => {
    process.once('SIGTERM', () => resolve(false)).once('SIGINT', () => resolve(false))
    setTimeout(() => resolve(false), config.shutdownGraceMs + STOP_SLACK_MS).unref()
  })
  if (!(await Promise.race([sous.stop().then(() => true), forced]))) {
    logger.error('Sous did not stop in time; exiting anyway')
    return 1
  }
  return outcome.code
}
