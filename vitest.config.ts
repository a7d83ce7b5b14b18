import { defineConfig } from 'vitest/config'

// Separate from vite.config.ts, whose root is client/: tests live beside the
// code in every folder and run in Node (e2e drives a real Chromium itself).
// Three layers, each runnable alone (npm run test:unit, test:integration,
// test:e2e): unit tests are pure and take seconds; integration tests open
// real sockets, SQLite files, postgres or redis-server processes and are
// named *.integration.test.ts; end-to-end tests drive Chromium.
const everyTest = ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts', 'bench/**/*.test.ts']

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: everyTest, exclude: ['**/*.integration.test.ts', '**/node_modules/**'] } },
      // Some start the server as a process: from the bundle `npm start` runs, built once per run.
      {
        extends: true,
        test: { name: 'integration', include: ['**/*.integration.test.ts'], exclude: ['**/node_modules/**'], globalSetup: ['server/testing/bundle-setup.ts'] },
      },
      // A browser test drives several pages on a machine whose two cores other work shares.
      { extends: true, test: { name: 'e2e', include: ['e2e/**/*.spec.ts'], testTimeout: 60_000 } },
    ],
  },
})
