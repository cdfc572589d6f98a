export const SENSITIVITIES = ['low', 'medium', 'high'] as const
export type Sensitivity = (typeof SENSITIVITIES)[number]

/** Per search: how far above its baseline a minute must be, the least volume that counts, the quiet time after an alert. */
export type SpikeSettings = { sensitivity: Sensitivity; minVolume: number; cooldownMinutes: number }

/** Standard deviations above the baseline a minute must reach. */
const DEVIATIONS: Record<Sensitivity, number> = { low: 8, medium: 5, high: 3 }

/** Minutes of history the baseline is taken over, and the fewest it needs to be trusted. */
export const BASELINE_MINUTES = 30
export const MIN_BASELINE_MINUTES = 5

export type Spike = { spike: boolean; volume: number; baseline: number; threshold: number }

/**
 * Is this minute's volume a spike against the minutes before it? `history` holds one count per
 * observed minute (zeros included). Counts are bursty, so the spread is the larger of the
 * observed deviation and the Poisson one (√mean); with too little history there is no spike.
 */
export function detectSpike(
  volume: number,
  history: readonly number[],
  settings: Pick<SpikeSettings, 'sensitivity' | 'minVolume'>,
): Spike {
  const minutes = history.length
  const baseline = minutes ? history.reduce((sum, n) => sum + n, 0) / minutes : 0
  const variance = minutes ? history.reduce((sum, n) => sum + (n - baseline) ** 2, 0) / minutes : 0
  const spread = Math.max(Math.sqrt(variance), Math.sqrt(baseline), 1)
  const threshold = Math.max(
    settings.minVolume,
    Math.ceil(baseline + DEVIATIONS[settings.sensitivity] * spread),
  )
  const spike = minutes >= MIN_BASELINE_MINUTES && volume >= threshold
  return { spike, volume, baseline: Math.round(baseline * 100) / 100, threshold }
}

/** Whether an alert may fire again: none yet, or the cooldown has passed. */
export function cooledDown(lastAlertAt: Date | null, cooldownMinutes: number, now: Date): boolean {
  return !lastAlertAt || now.getTime() - lastAlertAt.getTime() >= cooldownMinutes * 60_000
}
