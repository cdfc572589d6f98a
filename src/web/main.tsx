import '@mantine/core/styles.css'
import '@mantine/notifications/styles.css'
import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core'
import { Notifications } from '@mantine/notifications'
import { QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { createQueryClient } from './api/query-client.ts'
import { ShortcutProvider } from './components/shortcuts.tsx'
import { cssVariablesResolver, theme } from './theme.ts'

// The server puts a fresh nonce into this meta element for each page (serve-web.ts); Mantine's
// <style> elements carry it, so the Content-Security-Policy needs no 'unsafe-inline'.
const nonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce ?? ''
// Modals lock scrolling with a <style> element (react-remove-scroll), which takes its nonce
// from this global (the `get-nonce` package); without it the CSP refuses that style.
Object.assign(globalThis, { __webpack_nonce__: nonce })

// Light, dark or the device's, as the person chose in their menu; kept in this browser.
const colorSchemeManager = localStorageColorSchemeManager({ key: 'sous-color-scheme' })

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root')

createRoot(root).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      colorSchemeManager={colorSchemeManager}
      defaultColorScheme="auto"
      getStyleNonce={() => nonce}
    >
      <Notifications position="bottom-right" />
      <QueryClientProvider client={createQueryClient()}>
        <ShortcutProvider>
          <App />
        </ShortcutProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
)
