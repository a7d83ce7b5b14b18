/**
 * How the tests and the benchmark start Debian's Chromium (playwright-core
 * never downloads a browser): its path (`CHROMIUM_PATH` to use another) and
 * the flags, written once. Without the background-networking ones Chromium
 * keeps trying hosts this machine cannot reach.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const chromiumFlags: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
