#!/usr/bin/env node
// `npm test`: the whole suite on embedded PGlite, then again on PostgreSQL, then the plain
// closing line `N passed, N failed, N skipped`. A missing prerequisite fails with the
// command that fixes it — never a silent skip. Extra arguments go to vitest (e.g. a file);
// the browser tests in e2e/ run once after the backend passes.
// SOUS_TEST_BACKENDS lists the passes; `backend@/path/to/node` runs one under another Node
// (CI: `embedded,postgres,embedded@<node 24>`); the others run under the Node running this.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'

const extra = process.argv.slice(2)
const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/test'
const VITEST = path.resolve('node_modules/vitest/vitest.mjs')
const passes = (process.env.SOUS_TEST_BACKENDS ?? 'embedded,postgres').split(',').map((spec) => {
  const [backend, node] = spec.split('@')
  return { backend, node: node || process.execPath }
})
const totals = { passed: 0, failed: 0, skipped: 0 }
let failedRuns = 0

async function assertPostgresReachable() {
  const url = new URL(testDatabaseUrl)
  if (!url.username) url.username = 'postgres'
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
    await client.end()
  } catch (error) {
    console.error(
      `PostgreSQL is not reachable at ${testDatabaseUrl} (${error.message}).\n` +
        'Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n' +
        'or point TEST_DATABASE_URL at a PostgreSQL ≥ 15 where the user may create databases.',
    )
    process.exit(1)
  }
}

// Extra arguments naming only browser tests (`npm test -- e2e/login.test.ts`) run just those.
const e2eFiles = extra.filter((arg) => arg.startsWith('e2e'))
const onlyE2e = extra.length > 0 && e2eFiles.length === extra.length

function addReport(report, status, label) {
  if (status !== 0) failedRuns++
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'))
    totals.passed += json.numPassedTests
    totals.failed += json.numFailedTests
    totals.skipped += json.numPendingTests + json.numTodoTests
    rmSync(report, { force: true })
  } catch {
    console.error(`vitest ${label} wrote no report (exit ${status})`)
    totals.failed += 1
  }
}

mkdirSync('.tmp', { recursive: true })
for (const [index, { backend, node }] of passes.entries()) {
  if (onlyE2e) break
  if (backend === 'postgres') await assertPostgresReachable()
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' })
  if (version.status !== 0) {
    console.error(`${node} does not run (${version.error?.message ?? version.stderr})`)
    process.exit(1)
  }
  console.log(`\n=== vitest on ${backend}, Node ${version.stdout.trim()} ===`)
  // Per run and pass: several runs may share a checkout.
  const report = `.tmp/vitest-${process.pid}-${index}-${backend}.json`
  rmSync(report, { force: true })
  // Network adapters and pure domain code never touch the database: one pass covers them
  // (saves ~1 min and a second AT Protocol network start).
  const databaseOnly =
    backend === 'postgres'
      ? ['--exclude', 'src/networks/**', '--exclude', 'src/core/**', '--exclude', 'src/web/**']
      : []
  const run = spawnSync(
    node,
    [
      VITEST,
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...databaseOnly,
      ...extra,
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, SOUS_TEST_BACKEND: backend, TEST_DATABASE_URL: testDatabaseUrl },
    },
  )
  addReport(report, run.status, `on ${backend} (${node})`)
}

// The browser tests (e2e/, one Chromium for the run) once, on embedded PGlite and the Node
// running this: they test the web UI, which is the same on every backend.
if ((extra.length === 0 || e2eFiles.length > 0) && passes.some((p) => p.backend === 'embedded')) {
  console.log('\n=== browser tests (e2e/) on embedded ===')
  const report = `.tmp/vitest-${process.pid}-e2e.json`
  rmSync(report, { force: true })
  const run = spawnSync(
    process.execPath,
    [
      VITEST,
      'run',
      '--config',
      'e2e/vitest.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...e2eFiles,
    ],
    { stdio: 'inherit', env: { ...process.env, SOUS_TEST_BACKEND: 'embedded' } },
  )
  addReport(report, run.status, 'for the browser tests')
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(failedRuns > 0 || totals.failed > 0 ? 1 : 0)
