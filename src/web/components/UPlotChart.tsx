import 'uplot/dist/uPlot.min.css'
import { Box } from '@mantine/core'
import { useEffect, useRef } from 'react'
import uPlot from 'uplot'

/**
 * A uPlot chart (~23 KB gzip, see ARCHITECTURE.md) that fills its container's width and
 * follows it when it resizes. The chart is a picture to a screen reader (`role="img"` with
 * `label`): every page shows the same numbers as text or a table next to it.
 */
export function UPlotChart({
  options,
  data,
  label,
  height = 240,
}: {
  /** Everything but width and height. Build it once (useMemo): a new object redraws. */
  options: Omit<uPlot.Options, 'width' | 'height'>
  data: uPlot.AlignedData
  label: string
  height?: number
}) {
  const box = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  // The chart is built once per options; new data is pushed into it without a rebuild.
  const latest = useRef(data)
  latest.current = data

  useEffect(() => {
    const element = box.current
    if (!element) return
    const chart = new uPlot(
      { ...options, width: element.clientWidth, height },
      latest.current,
      element,
    )
    plot.current = chart
    const observer = new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height }))
    observer.observe(element)
    return () => {
      observer.disconnect()
      chart.destroy()
      plot.current = null
    }
  }, [options, height])

  useEffect(() => {
    plot.current?.setData(data)
  }, [data])

  return <Box ref={box} role="img" aria-label={label} w="100%" style={{ overflow: 'hidden' }} />
}

/** uPlot's bar path builder, for series drawn as bars; `align` -1/1 puts two series side by side. */
export function barPaths(options: { size?: [number, number]; align?: -1 | 0 | 1 } = {}) {
  return uPlot.paths.bars?.({ size: options.size ?? [0.35, 48], align: options.align ?? 0 })
}
