import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

const root = fileURLToPath(new URL('./src/web', import.meta.url))

/** The placeholder Sous replaces in index.html with a fresh nonce per response (serve-web.ts). */
const CSP_NONCE_PLACEHOLDER = 'SOUS_CSP_NONCE'

/**
 * Writes `.br` and `.gz` beside every compressible asset once, at build time, so the server
 * sends them as they are instead of compressing each response.
 */
function precompress(): Plugin {
  let outDir = ''
  return {
    name: 'sous-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir)
    },
    closeBundle() {
      for (const name of readdirSync(outDir, { recursive: true }) as string[]) {
        const file = path.join(outDir, name)
        if (!/\.(js|css|svg|json|webmanifest)$/.test(name) || name.startsWith('.vite')) continue
        if (statSync(file).size < 1024) continue
        const content = readFileSync(file)
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }))
        writeFileSync(`${file}.br`, brotliCompressSync(content))
      }
    },
  }
}

// `npm run web:dev` serves the UI with hot reload and sends the API to a running Sous.
const devApi = process.env.SOUS_DEV_API ?? 'http://127.0.0.1:8080'

export default defineConfig({
  root,
  plugins: [react(), precompress()],
  html: { cspNonce: CSP_NONCE_PLACEHOLDER },
  build: {
    outDir: path.resolve(root, '../../dist/web'),
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    reportCompressedSize: false,
  },
  server: {
    proxy: { '/api': devApi, '/healthz': devApi, '/readyz': devApi },
  },
})
