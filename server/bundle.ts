/**
 * Builds what `npm start` runs: server/main.ts and everything of ours it
 * imports, in one ES module (dist/server/main.mjs, with its source map),
 * packages left as imports. Running the server from this bundle rather than
 * through tsx matters for memory: tsx compiles with esbuild's `keepNames`,
 * which redefines the `name` of nearly every function it creates, and V8
 * then gives each of those functions a 256-byte dictionary of properties —
 * about 25 KB for every loaded pad and more for every connection (measured
 * with heap snapshots, README « Memory »). Without `keepNames`, functions keep
 * the names JavaScript infers.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Where the bundle is written, from the project's root. */
export const serverBundle = path.join(projectRoot, 'dist/server/main.mjs')

export async function bundleServer(outfile = serverBundle): Promise<void> {
  await build({
    entryPoints: [path.join(projectRoot, 'server/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    keepNames: false,
    logLevel: 'warning',
  })
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await bundleServer()
