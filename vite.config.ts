/**
 * Build of the browser client: three pages (`client/index.html`, the home
 * page; `client/pad.html`, served for `/p/<key>`; `client/accessibility.html`,
 * the accessibility statement, served for `/accessibilite` and
 * `/accessibility`), written to `dist/client` with hashed assets under
 * `/assets/`. Asset URLs are absolute because pages are served from nested
 * paths. Vitest is configured separately.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const clientPage = (name: string): string => fileURLToPath(new URL(`./client/${name}`, import.meta.url))

/**
 * The version of the axe-core that the e2e suite runs, for the accessibility
 * statement to name: @axe-core/playwright loads the axe-core it depends on,
 * which may not be the project's own `axe-core` dependency, so it is looked
 * up from there.
 */
function readAxeCoreVersion(): string {
  const fromProject = createRequire(import.meta.url)
  const fromAxePlaywright = createRequire(fromProject.resolve('@axe-core/playwright'))
  const manifest = JSON.parse(readFileSync(fromAxePlaywright.resolve('axe-core/package.json'), 'utf8')) as { version: string }
  return manifest.version
}

export default defineConfig({
  root: 'client',
  base: '/',
  define: {
    __AXE_CORE_VERSION__: JSON.stringify(readAxeCoreVersion()),
  },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    assetsDir: 'assets',
    rollupOptions: {
      input: {
        index: clientPage('index.html'),
        pad: clientPage('pad.html'),
        accessibility: clientPage('accessibility.html'),
      },
    },
  },
})
