import {
  type CSSVariablesResolver,
  createTheme,
  defaultVariantColorsResolver,
  type MantineColorsTuple,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core'

// Terracotta, the kitchen's colour. Shade 7 carries white text at 5.2:1 (WCAG AA).
const sous: MantineColorsTuple = [
  '#fff7ed',
  '#ffedd5',
  '#fed7aa',
  '#fdba74',
  '#fb923c',
  '#f97316',
  '#ea580c',
  '#c2410c',
  '#9a3412',
  '#7c2d12',
]

/**
 * Mantine's light and outline variants colour their text with shade 6, below 4.5:1 on a
 * light background for most palettes (axe flags it): those texts take shade 8 instead.
 */
const readableVariants: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input)
  if (!['light', 'outline', 'subtle'].includes(input.variant ?? '')) return colors
  const parsed = parseThemeColor({
    color: input.color ?? input.theme.primaryColor,
    theme: input.theme,
  })
  if (!parsed.isThemeColor || parsed.color === 'gray' || parsed.color === 'dark') return colors
  const text = `var(--mantine-color-${parsed.color}-8)`
  return {
    ...colors,
    color: text,
    ...(input.variant === 'outline' ? { border: `1px solid ${text}` } : {}),
  }
}

export const theme = createTheme({
  primaryColor: 'sous',
  primaryShade: 7,
  colors: { sous },
  autoContrast: true,
  defaultRadius: 'md',
  cursorType: 'pointer',
  variantColorResolver: readableVariants,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Noto Color Emoji"',
})

/** Dimmed text (descriptions, hints) one shade darker than Mantine's: 3.3:1 fails WCAG AA, 7:1 passes. */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[7] },
  dark: {},
})
