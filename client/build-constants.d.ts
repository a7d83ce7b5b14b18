/** Values vite.config.ts writes into the client at build time (`define`). */

/** The version of the axe-core the e2e suite runs, named by the accessibility statement. */
declare const __AXE_CORE_VERSION__: string
