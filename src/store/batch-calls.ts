/**
 * Many callers, one statement: calls made while a batch runs wait and go together as the next
 * batch, like a group commit. A call never joins a batch that began before it, so whatever
 * the batch reads, it read after the call was made (the brake checks rely on this). `run`
 * answers each input by position; when it throws, every call of that batch rejects.
 */
export function batchCalls<In, Out>(
  run: (inputs: In[]) => Promise<Out[]>,
  maxBatch = Number.POSITIVE_INFINITY,
): (input: In) => Promise<Out> {
  type Waiting = { input: In; resolve: (out: Out) => void; reject: (error: unknown) => void }
  const waiting: Waiting[] = []
  let busy = false

  const drain = async () => {
    while (waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch)
      try {
        const outs = await run(batch.map((w) => w.input))
        for (const [i, w] of batch.entries()) w.resolve(outs[i] as Out)
      } catch (error) {
        for (const w of batch) w.reject(error)
      }
    }
    busy = false
  }

  return (input) =>
    new Promise<Out>((resolve, reject) => {
      waiting.push({ input, resolve, reject })
      if (busy) return
      busy = true
      // Calls made in the same turn of the event loop (a claimed batch of jobs starting, timers
      // of one publish wave ending) go out as one batch.
      setImmediate(() => void drain())
    })
}
