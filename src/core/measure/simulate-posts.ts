/**
 * Simulated per-post counts for checking the comparison: negative binomial (a Poisson whose
 * mean varies post to post by a gamma), the overdispersion real engagement shows.
 */
export function createSimulator(seed: number) {
  let a = seed >>> 0
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const normal = () => {
    const u = uniform() || Number.MIN_VALUE
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform())
  }
  // Marsaglia–Tsang; shape < 1 by the boost u^(1/shape).
  const gamma = (shape: number): number => {
    if (shape < 1) return gamma(shape + 1) * uniform() ** (1 / shape)
    const d = shape - 1 / 3
    const c = 1 / Math.sqrt(9 * d)
    for (;;) {
      let x = normal()
      let v = 1 + c * x
      if (v <= 0) continue
      v = v ** 3
      x = x * x
      const u = uniform()
      if (u < 1 - 0.0331 * x * x || Math.log(u) < 0.5 * x + d * (1 - v + Math.log(v))) return d * v
    }
  }
  const poisson = (lambda: number): number => {
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()))
    const limit = Math.exp(-lambda)
    let k = 0
    let p = uniform()
    while (p > limit) {
      k++
      p *= uniform()
    }
    return k
  }
  return {
    /** `n` posts with mean `mean` and dispersion `shape` (smaller: more uneven). */
    posts(n: number, mean: number, shape: number): number[] {
      return Array.from({ length: n }, () => poisson((gamma(shape) * mean) / shape))
    },
  }
}
