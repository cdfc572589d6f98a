/**
 * Whether some occurrence of the left operand and one of the right lie within `distance`
 * words of each other (words between them, punctuation not counted); `ordered`: left first.
 * Spans come flat, [start0, end0, start1, end1, …], in token positions, ends inclusive.
 * Overlapping occurrences do not count: `bread NEAR/2 bread` needs two breads.
 */
export function nearHolds(
  left: readonly number[],
  right: readonly number[],
  distance: number,
  ordered: boolean,
): boolean {
  for (let l = 0; l < left.length; l += 2) {
    const leftStart = left[l] as number
    const leftEnd = left[l + 1] as number
    for (let r = 0; r < right.length; r += 2) {
      const rightStart = right[r] as number
      const rightEnd = right[r + 1] as number
      if (leftEnd < rightStart && rightStart - leftEnd - 1 <= distance) return true
      if (!ordered && rightEnd < leftStart && leftStart - rightEnd - 1 <= distance) return true
    }
  }
  return false
}
