/**
 * Real `postgres` and `redis-server` processes on this machine, for
 * `npm run cluster`, the tests and the benchmark: each in a fresh
 * temporary folder, on a free loopback port, ready to accept connections
 * when the promise resolves, and able to stop, crash (SIGKILL) and start
 * again on the same port and data. For tests (through `useTestResources()`,
 * which closes them), the benchmark and `npm run cluster`; the pad server
 * itself never imports this.
 *
 * No process outlives the test run: each server is started through
 * `setpriv --pdeathsig KILL`, so the kernel kills it if the test worker dies
 * without cleaning up (postgres's backends then exit by themselves), and
 * `kill()` signals the backends along with the server. As root, `setpriv` also drops to the
 * `postgres` user, which postgres insists on (unlike `runuser`, it execs
 * rather than forks, so the process we signal is the server itself).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'

const run = promisify(execFile)
const installHint = 'install the Debian packages postgresql and redis-server (.ci/run does)'
const readyTimeoutMs = 30_000

/** A server process the test controls. */
export interface ServiceProcess {
  /** Where clients connect: `postgres://…` or `redis://…`. */
  readonly url: string
  readonly port: number
  /** The temporary folder holding the server's data (and postgres's socket). */
  readonly dir: string
  isRunning(): boolean
  /** What the process wrote, for failure messages. */
  output(): string
  /** Stops it gracefully and resolves once it has exited. */
  stop(): Promise<void>
  /** Kills it with SIGKILL, as a crash would, and resolves once it has exited. */
  kill(): Promise<void>
  /** Freezes it (SIGSTOP): connections stay open but nothing answers, as with a hung host. */
  pause(): void
  /** Lets a paused server go on (SIGCONT). */
  resume(): void
  /** Starts it again on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>
  /** Kills it if it runs and deletes its folder. Idempotent. */
  close(): Promise<void>
}

export interface PostgresProcess extends ServiceProcess {
  /** The superuser's password (password authentication over TCP), also in `url`. */
  readonly password: string
  /**
   * Creates an empty schema and resolves with a URL whose connections work in
   * it (`search_path`): a fresh place per test in a millisecond, where a
   * CREATE DATABASE takes a few hundred (it copies and syncs a template).
   */
  createSchema(): Promise<string>
}

export type RedisProcess = ServiceProcess

/** Starts a PostgreSQL server with a new cluster: superuser `postgres`, database `postgres`. */
export async function startPostgres(): Promise<PostgresProcess> {
  const bin = findPostgresBin()
  const dir = makeServiceDir('atelier-pg-')
  const dataDir = path.join(dir, 'data')
  const password = randomBytes(12).toString('hex')
  const owner = process.getuid?.() === 0 ? await lookUpUser('postgres') : null
  // postgres refuses to run as root; as root its folder goes to the postgres user.
  if (owner !== null) fs.chownSync(dir, owner.uid, owner.gid)
  const passwordFile = path.join(dir, 'password')
  fs.writeFileSync(passwordFile, password, { mode: 0o600 })
  if (owner !== null) fs.chownSync(passwordFile, owner.uid, owner.gid)
  try {
    await run(
      ...wrap(owner, path.join(bin, 'initdb'), [
        '-D', dataDir, '-U', 'postgres', '--pwfile', passwordFile, '--auth-local=trust', '--auth-host=scram-sha-256',
        '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions',
      ]),
    )
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true })
    throw new Error(`initdb failed: ${(error as { stderr?: string }).stderr ?? String(error)}`, { cause: error })
  } finally {
    fs.rmSync(passwordFile, { force: true })
  }
  const port = await findFreePort()
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`
  const service = await startService({
    name: 'postgres',
    dir,
    port,
    url,
    command: wrap(owner, path.join(bin, 'postgres'), [
      '-D', dataDir, '-p', String(port), '-k', dir,
      '-c', 'listen_addresses=127.0.0.1',
      // Tests open a pool per store and several stores at once.
      '-c', 'max_connections=200',
      '-c', 'shared_buffers=32MB',
    ]),
    isReady: (output) => output.includes('database system is ready to accept connections'),
    // Fast shutdown: SIGTERM (smart) would wait for every pooled connection to leave.
    stopSignal: 'SIGINT',
  })
  let schemas = 0
  return {
    ...service,
    password,
    async createSchema() {
      schemas += 1
      const name = `test_${schemas}`
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        await client.query(`CREATE SCHEMA ${name}`)
      } finally {
        await client.end()
      }
      return `${url}?options=${encodeURIComponent(`-c search_path=${name}`)}`
    },
  }
}

/** Starts a redis-server that keeps nothing on disk. */
export async function startRedis(): Promise<RedisProcess> {
  const binary = findOnPath('redis-server')
  if (binary === null) throw new Error(`redis-server not found on PATH: ${installHint}`)
  const dir = makeServiceDir('atelier-redis-')
  const port = await findFreePort()
  return startService({
    name: 'redis-server',
    dir,
    port,
    url: `redis://127.0.0.1:${port}`,
    command: wrap(null, binary, [
      '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no',
    ]),
    isReady: (output) => output.includes('Ready to accept connections'),
    stopSignal: 'SIGTERM',
  })
}

interface ServiceSpec {
  name: string
  dir: string
  port: number
  url: string
  command: [string, string[]]
  isReady(output: string): boolean
  stopSignal: NodeJS.Signals
}

async function startService(spec: ServiceSpec): Promise<ServiceProcess> {
  let child: ChildProcess | null = null
  let exited: Promise<void> = Promise.resolve()
  let output = ''
  let isClosed = false

  const start = async (): Promise<void> => {
    if (isClosed) throw new Error(`${spec.name} was closed`)
    if (child !== null) throw new Error(`${spec.name} is already running`)
    const [command, args] = spec.command
    // Its own session: a terminal's Ctrl-C goes to the test runner, which then cleans up.
    const started = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    child = started
    output = ''
    exited = new Promise((resolve) =>
      started.once('exit', () => {
        if (child === started) child = null
        resolve()
      }),
    )
    let isReady = false
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        signal('SIGKILL')
        reject(new Error(`${spec.name} did not accept connections within ${readyTimeoutMs} ms:\n${output}`))
      }, readyTimeoutMs)
      const collect = (chunk: Buffer): void => {
        // The tail is enough to explain a failure; a chatty server must not fill the memory.
        output = (output + chunk.toString('utf8')).slice(-64 * 1024)
        if (!isReady && spec.isReady(output)) {
          isReady = true
          clearTimeout(timer)
          resolve()
        }
      }
      started.stdout?.on('data', collect)
      started.stderr?.on('data', collect)
      void exited.then(() => {
        clearTimeout(timer)
        reject(new Error(`${spec.name} exited before accepting connections:\n${output}`))
      })
    })
    await ready
  }

  /** Signals the server and resolves with the pids it signalled. */
  const signal = (name: NodeJS.Signals): number[] => {
    const pid = child?.pid
    if (pid === undefined) return []
    // A graceful stop is the server's own business; a crash or a freeze must
    // reach postgres's backends too, which each start a session of their own.
    const targets = name === spec.stopSignal ? [pid] : [pid, ...childrenOf(pid)]
    for (const target of targets) {
      try {
        process.kill(target, name)
      } catch {
        // It has just exited by itself: the exit event settles `exited`.
      }
    }
    return targets
  }
  /** SIGKILL, then wait until the server and its backends are gone (a restart needs their shared memory released). */
  const killAll = async (): Promise<void> => {
    const killed = signal('SIGKILL')
    await exited
    await waitForExit(killed)
  }

  try {
    await start()
  } catch (error) {
    fs.rmSync(spec.dir, { recursive: true, force: true })
    throw error
  }
  return {
    url: spec.url,
    port: spec.port,
    dir: spec.dir,
    isRunning: () => child !== null,
    output: () => output,
    async stop() {
      signal(spec.stopSignal)
      await exited
    },
    kill: killAll,
    pause: () => void signal('SIGSTOP'),
    resume: () => void signal('SIGCONT'),
    start,
    async close() {
      isClosed = true
      await killAll()
      fs.rmSync(spec.dir, { recursive: true, force: true })
    },
  }
}

/** Resolves once none of `pids` is alive (a zombie counts as gone: it holds nothing but its exit status). */
async function waitForExit(pids: number[]): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs
  const isAlive = (pid: number): boolean => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
      return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2))
    } catch {
      return false
    }
  }
  while (pids.some(isAlive)) {
    if (Date.now() > deadline) throw new Error(`processes ${pids.join(', ')} outlived SIGKILL for ${readyTimeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** The processes whose parent is `pid`, read from /proc (empty where there is none). */
function childrenOf(pid: number): number[] {
  let entries: string[]
  try {
    entries = fs.readdirSync('/proc')
  } catch {
    return []
  }
  const children: number[] = []
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    try {
      // The parent pid is the 4th field, after the command name in parentheses (which may hold spaces).
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (parent === pid) children.push(Number(entry))
    } catch {
      // It ended while we looked.
    }
  }
  return children
}

/** The command line that runs `binary` as `owner` (when set) and dies with this process. */
function wrap(owner: { uid: number; gid: number } | null, binary: string, args: string[]): [string, string[]] {
  const setpriv = findOnPath('setpriv')
  if (setpriv === null) {
    if (owner !== null) throw new Error('setpriv (Debian package util-linux) is needed to run postgres as its own user')
    return [binary, args]
  }
  const user = owner === null ? [] : [`--reuid=${owner.uid}`, `--regid=${owner.gid}`, '--init-groups']
  return [setpriv, [...user, '--pdeathsig', 'KILL', '--', binary, ...args]]
}

/** The bin folder of the newest PostgreSQL under /usr/lib/postgresql (Debian's layout), or the one on PATH. */
function findPostgresBin(): string {
  const root = '/usr/lib/postgresql'
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((version) => /^\d+(\.\d+)?$/.test(version))
        .sort((a, b) => Number(b) - Number(a))
    : []
  for (const version of versions) {
    const bin = path.join(root, version, 'bin')
    if (fs.existsSync(path.join(bin, 'postgres')) && fs.existsSync(path.join(bin, 'initdb'))) return bin
  }
  const onPath = findOnPath('postgres')
  if (onPath !== null && fs.existsSync(path.join(path.dirname(onPath), 'initdb'))) return path.dirname(onPath)
  throw new Error(`postgres and initdb not found in ${root}/*/bin nor on PATH: ${installHint}`)
}

function findOnPath(name: string): string | null {
  for (const folder of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const candidate = path.join(folder, name)
    try {
      fs.accessSync(candidate, fs.constants.X_OK)
      return candidate
    } catch {
      // Not in this folder.
    }
  }
  return null
}

async function lookUpUser(name: string): Promise<{ uid: number; gid: number }> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])])
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
  } catch (error) {
    throw new Error(`no user ${name} to run postgres as root: ${installHint}`, { cause: error })
  }
}

function makeServiceDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

/** A port that was free a moment ago (the server binds it next; a clash fails loudly at start). */
async function findFreePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (address === null || typeof address === 'string') throw new Error('could not find a free port')
  return address.port
}
