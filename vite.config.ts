/**
 * Build of the browser client: two pages (`client/index.html`, the home page,
 * and `client/pad.html`, served for `/p/<key>`), written to `dist/client` with
 * hashed assets under `/assets/`. Asset URLs are absolute because the pad page
 * is served from a nested path. Vitest is configured separately.
 */
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const clientPage = (name: string): string => fileURLToPath(new URL(`./client/${name}`, import.meta.url))

export default defineConfig({
  root: 'client',
  base: '/',
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
