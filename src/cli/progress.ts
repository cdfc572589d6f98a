/** Runs one long step, printing `Label… done in 120 ms` (or `failed`) on stderr. */
export async function step<T>(label: string, work: () => Promise<T>): Promise<T> {
  process.stderr.write(`${label}… `)
  const started = performance.now()
  try {
    const result = await work()
    process.stderr.write(`done in ${Math.round(performance.now() - started)} ms\n`)
    return result
  } catch (error) {
    process.stderr.write('failed\n')
    throw error
  }
}
