import { defineConfig } from 'vitest/config'

// Separate from vite.config.ts, whose root is client/: tests live beside the
// code in every folder and run in Node (e2e drives a real Chromium itself).
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts', 'e2e/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
})
