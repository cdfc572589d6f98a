import type { SVGProps } from 'react'

// A handful of line icons drawn here, so no icon library enters the bundle.
const base = (size: number): SVGProps<SVGSVGElement> => ({
  width: size,
  height: size,
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
  focusable: false,
})

/** An octagon with a bar: the brake. */
export function BrakeIcon({ size = 18 }: { size?: number }) {
  return (
    <svg {...base(size)} aria-hidden="true">
      <path d="M8 2h8l6 6v8l-6 6H8l-6-6V8z" />
      <path d="M8 12h8" />
    </svg>
  )
}

export function KeyboardIcon({ size = 18 }: { size?: number }) {
  return (
    <svg {...base(size)} aria-hidden="true">
      <rect x="2" y="6" width="20" height="12" rx="2" />
      <path d="M6 10h.01M10 10h.01M14 10h.01M18 10h.01M7 14h10" />
    </svg>
  )
}

export function ChevronIcon({ size = 14 }: { size?: number }) {
  return (
    <svg {...base(size)} aria-hidden="true">
      <path d="m6 9 6 6 6-6" />
    </svg>
  )
}
