import type { Command } from 'commander'
import type { CheckResult } from '../doctor-checks.ts'

const MARK = { ok: '✓', failed: '✗', skipped: '–' }

export function registerDoctorCommand(program: Command) {
  program
    .command('doctor')
    .description(
      'Check the configuration, data folder, secret and database; say how to fix what fails',
    )
    .action(async () => {
      const results = await runChecks()
      for (const result of results) {
        process.stdout.write(`${MARK[result.status]} ${result.text}\n`)
        if (result.status === 'failed') process.stdout.write(`    fix: ${result.fix}\n`)
      }
      const failures = results.filter((result) => result.status === 'failed').length
      process.stdout.write(failures ? `\n${failures} check(s) failed.\n` : '\nAll checks passed.\n')
      process.exitCode = failures ? 1 : 0
    })
}

async function runChecks(): Promise<CheckResult[]> {
  const { ConfigError, loadConfig } = await import('../../config.ts')
  const { checkDatabase, checkDataDir, checkLock, checkSecret } = await import(
    '../doctor-checks.ts'
  )
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    return [
      {
        status: 'failed',
        text: `The configuration is invalid:\n${error.problems.map((p) => `      ${p}`).join('\n')}`,
        fix: 'correct these environment variables; the rest is checked once they are valid',
      },
    ]
  }
  const mode = config.databaseUrl
    ? 'PostgreSQL from DATABASE_URL'
    : `embedded, in ${config.dataDir}`
  const results: CheckResult[] = [{ status: 'ok', text: `The configuration is valid (${mode})` }]
  if (!config.databaseUrl) {
    const dataDir = await checkDataDir(config.dataDir)
    results.push(...dataDir)
    if (dataDir.some((result) => result.status === 'failed')) return results
    results.push(checkLock(config.dataDir))
  }
  results.push(checkSecret(config))
  results.push(...(await checkDatabase(config)))
  return results
}
