/**
 * Build of the browser client: two pages (`client/index.html`, the home page,
 * and `client/pad.html`, served for `/p/<key>`), written to `dist/client` with
 * hashed assets under `/assets/`. Asset URLs are absolute because the pad page
 * is served from a nested path. Vitest is configured separately.
 */
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'

const clientPage = (name: string): string => fileURLToPath(new URL(`./client/${name}`, import.meta.url))

/**
 * Lists a page's dynamically imported chunks as `modulepreload` links, so that
 * the browser downloads and parses them while the entry script runs: the pad
 * page's entry (pad-boot.ts) starts the pad's requests, then imports the page's
 * code, which must not wait for that entry to run before it starts to load.
 */
function preloadDynamicImports(): Plugin {
  let base = '/'
  return {
    name: 'atelier-preload-dynamic-imports',
    configResolved(config) {
      base = config.base
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const { chunk, bundle } = context
        if (chunk === undefined || bundle === undefined) return []
        // The dynamic chunks and what they import, less what the entry already brings.
        const files = new Set<string>()
        const add = (file: string): void => {
          if (files.has(file) || file === chunk.fileName || chunk.imports.includes(file)) return
          files.add(file)
          const imported = bundle[file]
          if (imported?.type === 'chunk') imported.imports.forEach(add)
        }
        chunk.dynamicImports.forEach(add)
        return [...files].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${file}` },
          injectTo: 'head' as const,
        }))
      },
    },
  }
}

export default defineConfig({
  root: 'client',
  base: '/',
  plugins: [preloadDynamicImports()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    assetsDir: 'assets',
    rollupOptions: {
      input: {
        index: clientPage('index.html'),
        pad: clientPage('pad.html'),
      },
    },
  },
})
