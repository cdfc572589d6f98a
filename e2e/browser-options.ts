/** Debian's Chromium (`apt-get install -y chromium`), not a browser downloaded by Playwright. */
export const CHROMIUM = process.env.SOUS_CHROMIUM ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
