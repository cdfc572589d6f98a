import {
  Alert,
  type CSSVariablesResolver,
  createTheme,
  Drawer,
  defaultVariantColorsResolver,
  type MantineColorsTuple,
  Modal,
  Notification,
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

// Palettes whose darkest shade still reads at 4.5:1 on their own light background.
const DEEP = ['sous', 'red', 'blue', 'indigo', 'violet', 'grape', 'pink']

/**
 * Mantine colours the text of light, outline and subtle variants with shade 6, below 4.5:1
 * for most palettes (axe flags it): outline and subtle text takes shade 8 (on white), light
 * text shade 9 on its tinted background, or the body text colour for the pale palettes.
 */
const readableVariants: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input)
  const variant = input.variant ?? 'filled'
  const parsed = parseThemeColor({
    color: input.color ?? input.theme.primaryColor,
    theme: input.theme,
  })
  if (!parsed.isThemeColor || parsed.color === 'gray' || parsed.color === 'dark') return colors
  const deep = DEEP.includes(parsed.color)
  // Filled: white text needs shade 9 of the other palettes (red 7 is 3.8:1, red 9 is 5.5:1).
  if (variant === 'filled' && deep && parsed.color !== 'sous' && parsed.shade === undefined)
    return {
      ...colors,
      background: `var(--mantine-color-${parsed.color}-9)`,
      hover: `var(--mantine-color-${parsed.color}-8)`,
      color: 'var(--mantine-color-white)',
    }
  if (!['light', 'outline', 'subtle'].includes(variant)) return colors
  // Both are scheme-aware variables (cssVariablesResolver below): dark shades on white,
  // light shades on the dark body.
  const text =
    variant === 'light'
      ? `var(--sous-${parsed.color}-on-light)`
      : `var(--mantine-color-${parsed.color}-text)`
  return {
    ...colors,
    color: text,
    ...(variant === 'outline' ? { border: `1px solid ${text}` } : {}),
  }
}

export const theme = createTheme({
  components: {
    Alert: Alert.extend({ defaultProps: { closeButtonLabel: 'Dismiss' } }),
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    // A notification's text is gray 6 by default (3.3:1 on white): body text instead.
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Close' } },
      styles: { description: { color: 'var(--mantine-color-text)' } },
    }),
  },
  primaryColor: 'sous',
  primaryShade: 7,
  colors: { sous },
  autoContrast: true,
  respectReducedMotion: true,
  defaultRadius: 'md',
  cursorType: 'pointer',
  variantColorResolver: readableVariants,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Noto Color Emoji"',
})

/**
 * Dimmed text (descriptions, hints) one shade darker than Mantine's: 3.3:1 fails WCAG AA, 7:1
 * passes. A field's error text likewise: red 6 is 3.3:1 on white, red 9 5.4:1. In the dark
 * scheme the same texts one shade lighter than Mantine's (dark 2 on the body is 4.0:1).
 * `c="red"` (a palette's text colour) reads at 4.5:1 or more in both schemes.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': t.colors.gray[7],
    '--mantine-color-error': t.colors.red[9],
  }
  const dark: Record<string, string> = {
    '--mantine-color-dimmed': t.colors.dark[1],
    '--mantine-color-error': t.colors.red[4],
  }
  for (const [name, shades] of Object.entries(t.colors)) {
    if (name === 'gray' || name === 'dark') continue
    const deep = DEEP.includes(name)
    light[`--mantine-color-${name}-text`] = shades[deep ? 8 : 9]
    light[`--sous-${name}-on-light`] = deep ? shades[9] : 'var(--mantine-color-text)'
    dark[`--mantine-color-${name}-text`] = shades[3]
    dark[`--sous-${name}-on-light`] = shades[2]
  }
  return { variables: {}, light, dark }
}
