/**
 * Build of the browser client: three pages (`client/index.html`, the home
 * page; `client/pad.html`, served for `/p/<key>`; `client/accessibility.html`,
 * the accessibility statement, served for `/accessibilite` and
 * `/accessibility`), written to `dist/client` with hashed assets under
 * `/assets/`. Asset URLs are absolute because pages are served from nested
 * paths. Vitest is configured separately.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite'

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

/**
 * The pad page's entry script (client/pad/boot.ts) loads the page's code with
 * a dynamic `import()`, which Vite does not preload: the browser would only
 * start downloading and compiling that code once the entry script has
 * arrived and run — one more round trip, 0.56 s on a phone's slow 4G. This
 * lists the code the entry imports dynamically, and what that code imports,
 * as `<link rel="modulepreload">` in the page's head, so that it is fetched
 * and compiled alongside the entry script.
 */
function preloadDynamicImports(page: string): Plugin {
  return {
    name: 'atelier:preload-dynamic-imports',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context): HtmlTagDescriptor[] {
        const { bundle, chunk } = context
        if (bundle === undefined || chunk === undefined || !context.filename.endsWith(`/${page}`)) return []
        const files = new Set<string>()
        const add = (file: string): void => {
          const output = bundle[file]
          if (files.has(file) || output?.type !== 'chunk') return
          files.add(file)
          for (const imported of output.imports) add(imported)
        }
        for (const file of chunk.dynamicImports) add(file)
        // The entry and what it imports statically are loaded by the page already.
        files.delete(chunk.fileName)
        for (const file of chunk.imports) files.delete(file)
        return [...files].map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' }))
      },
    },
  }
}

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside each script and
 * stylesheet, which the server's static files send to browsers that accept
 * them (server/api/http.ts, sirv's `brotli` and `gzip`): the pad page's
 * code is 600 kB as it is and under 200 kB gzipped, which on a venue's weak
 * Wi-Fi or a phone's slow 4G is seconds. Compressed once, at build time, at
 * the strongest settings, rather than on every request.
 */
function precompressAssets(): Plugin {
  return {
    name: 'atelier:precompress-assets',
    apply: 'build',
    writeBundle(options, bundle) {
      if (options.dir === undefined) return
      for (const [fileName, output] of Object.entries(bundle)) {
        if (!/\.(js|css)$/.test(fileName)) continue
        const content = output.type === 'chunk' ? Buffer.from(output.code) : Buffer.from(output.source)
        const file = path.join(options.dir, fileName)
        writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY } }))
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }))
      }
    },
  }
}

export default defineConfig({
  plugins: [preloadDynamicImports('pad.html'), precompressAssets()],
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
