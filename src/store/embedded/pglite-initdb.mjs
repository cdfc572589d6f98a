// `node pglite-initdb.mjs <folder>`: creates a PGlite database folder, then exits. initdb grows
// the wasm memory to ~600 MB, which no thread gives back while its process lives: run in the
// serving process, it kept Sous at ~890 MB RSS for life; run here, its exit returns it all.
// Plain .mjs, like pglite-thread.mjs: no tsx loader in this process.
import { PGlite } from '@electric-sql/pglite'
import { PGLITE_OPTIONS } from './pglite-options.mjs'

const db = await PGlite.create(process.argv[2], PGLITE_OPTIONS)
await db.close()
