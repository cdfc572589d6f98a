/**
 * An adapter whose module — and the protocol library behind it — loads on its first call.
 * Most processes never speak most networks, and a library such as @atproto/api is ~40 MB of
 * heap (issue 11: a 1 GB server). What callers read without calling (id, name,
 * capabilities) is given up front; every other member must be a function returning a promise.
 */
export function lazyAdapter<Adapter extends object>(
  known: Immediate<Adapter> & Partial<Adapter>,
  load: () => Promise<Adapter>,
): Adapter {
  let loading: Promise<Adapter> | undefined
  const adapter = () => {
    loading ??= load()
    return loading
  }
  return new Proxy(known, {
    get(target, member) {
      if (member in target) return target[member as keyof typeof target]
      // Not a thenable: `await lazyAdapter(…)` must not wait on a function named then.
      if (member === 'then' || typeof member === 'symbol') return undefined
      return async (...args: unknown[]) => {
        const loaded = (await adapter()) as Record<string, (...a: unknown[]) => unknown>
        const method = loaded[member]
        if (typeof method !== 'function') throw new TypeError(`the adapter has no ${member}()`)
        return method(...args)
      }
    },
  }) as Adapter
}

/** The members a caller may use without awaiting: all of them must be given up front (the type checker says which). */
type Immediate<Adapter> = {
  // biome-ignore lint/suspicious/noExplicitAny: any function that answers with a promise can wait for the module
  [Member in keyof Adapter as Adapter[Member] extends (...args: any[]) => Promise<unknown>
    ? never
    : Member]: Adapter[Member]
}
