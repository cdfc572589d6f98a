// PGlite's options, the same for the initdb child (pglite-initdb.mjs) and the serving thread.
// Measured on an existing folder, the PGlite thread's share of the process RSS: defaults
// 283 MB; 128 MB initial memory (the smallest the wasm module accepts) 150 MB; with
// shared_buffers=16MB instead of 32MB and no wasm tier-up (start-embedded.ts) 96 MB.
export const PGLITE_OPTIONS = {
  initialMemory: 128 * 1024 * 1024,
  postgresqlconf: 'shared_buffers=16MB',
}
