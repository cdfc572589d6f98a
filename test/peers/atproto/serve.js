// Starts a local AT Protocol network (PLC + PDS + AppView) on loopback and writes its URLs
// to the ready file given as argv[2]. Stops cleanly on SIGTERM/SIGINT.
//   DB_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test REDIS_HOST=unused \
//   LOG_ENABLED=false node serve.js ready.json
// Measured recipe: ../../../../shared/notes/local-peers.md.
const fs = require('node:fs')
const { TestNetwork, TestNetworkNoAppView } = require('@atproto/dev-env')

const readyFile = process.argv[2]
const pdsOnly = process.env.ATPROTO_PDS_ONLY === '1'
const basePort = Number(process.env.ATPROTO_BASE_PORT || 2582)

async function main() {
  const started = Date.now()
  // dev-env only checks that REDIS_HOST is set; nothing connects to it.
  process.env.REDIS_HOST ||= 'unused'
  const schema = `sous_${Date.now()
    .toString(36)
    .replace(/[0-9]/g, (d) => 'abcdefghij'[d])}`
  const network = pdsOnly
    ? await TestNetworkNoAppView.create({
        plc: { port: basePort },
        pds: { port: basePort + 1, hostname: 'localhost' },
      })
    : await TestNetwork.create({
        // Letters only: dev-env rejects digits in the schema name.
        dbPostgresSchema: schema,
        plc: { port: basePort },
        pds: { port: basePort + 1, hostname: 'localhost' },
        bsky: { port: basePort + 2, publicUrl: `http://localhost:${basePort + 2}` },
        ozone: { port: basePort + 5 },
      })
  const info = {
    plc: network.plc.url,
    pds: network.pds.url,
    appview: network.bsky ? network.bsky.url : null,
    startMs: Date.now() - started,
  }
  fs.writeFileSync(readyFile, JSON.stringify(info))
  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    // dev-env's close races its own servers ("Server is not running"): harmless at shutdown.
    process.on('uncaughtException', () => {})
    await network.close().catch(() => {})
    if (!pdsOnly) await dropSchema(schema).catch(() => {})
    process.exit(0)
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

async function dropSchema(schema) {
  const { Client } = require('pg')
  const client = new Client({ connectionString: process.env.DB_POSTGRES_URL })
  await client.connect()
  for (const prefix of ['appview', 'ozone']) {
    await client.query(`drop schema if exists ${prefix}_${schema} cascade`)
  }
  await client.end()
}

main().catch((error) => {
  console.error('atproto network failed to start:', error)
  process.exit(1)
})
