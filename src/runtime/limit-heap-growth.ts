import v8 from 'node:v8'

/**
 * V8 lets the heap grow to a multiple of what survived the last full collection, up to 4×
 * when garbage comes fast; Sous runs beside its database on small machines, so 1.5× it is.
 * One feed polling cycle (`npm run bench -- feeds cycle`, load 6.6-7.7): peak RSS 428 → 373 MB,
 * 28.2 → 25.3 s. The flag is read at each collection, so setting it at start is enough.
 */
export const HEAP_GROWING_PERCENT = 50

export function limitHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
}
