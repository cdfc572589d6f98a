import type { Metric, Unit } from './group-results.ts'

export const TOP_POSTS = 10

/**
 * The period's best published variants by `metric`, most first; a tie goes to the one with
 * more people engaged, then the newer. Variants with none of it are left out.
 */
export function topPosts<U extends Unit>(
  variants: readonly U[],
  metric: Metric,
  limit = TOP_POSTS,
): U[] {
  return variants
    .filter((v) => v[metric] > 0)
    .sort(
      (a, b) =>
        b[metric] - a[metric] ||
        b.people - a.people ||
        b.publishedAt.getTime() - a.publishedAt.getTime(),
    )
    .slice(0, limit)
}
