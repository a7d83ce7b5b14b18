import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { useTestResources } from '../testing/resources'
import { waitUntil } from '../testing/harness'

const resources = useTestResources()

describe('startRedis', () => {
  it('answers on its port, dies on kill, comes back on the same port, and leaves nothing behind', async () => {
    const redis = await resources.startRedis()
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`)
    expect(await ping(redis.port)).toBe('+PONG')

    await redis.kill()
    expect(redis.isRunning()).toBe(false)
    await expect(ping(redis.port)).rejects.toThrow(/ECONNREFUSED/)
    await redis.start()
    expect(await ping(redis.port)).toBe('+PONG')

    await redis.stop()
    await expect(ping(redis.port)).rejects.toThrow(/ECONNREFUSED/)
    await redis.close()
    expect(fs.existsSync(redis.dir)).toBe(false)
    expect(processesMentioning(redis.dir)).toEqual([])
  })
})

describe('startPostgres', () => {
  it('keeps committed data through a SIGKILL and a restart, kills every backend with it, and checks the password', async () => {
    const postgres = await resources.startPostgres()
    const url = await postgres.createSchema()
    await withClient(url, (client) => client.query("CREATE TABLE kept AS SELECT 'gardé' AS word"))
    const wrong = url.replace(postgres.password, 'not-the-password')
    await expect(withClient(wrong, (client) => client.query('SELECT 1'))).rejects.toThrow(/password authentication failed/)

    await postgres.kill()
    // The postmaster and its backends are one process group, killed together.
    expect(processesMentioning(postgres.dir)).toEqual([])
    await postgres.start()
    const { rows } = await withClient(url, (client) => client.query<{ word: string }>('SELECT word FROM kept'))
    expect(rows).toEqual([{ word: 'gardé' }])

    await postgres.close()
    expect(fs.existsSync(postgres.dir)).toBe(false)
    expect(processesMentioning(postgres.dir)).toEqual([])
  })
})

it('kills the servers of a test process that dies without cleaning up', async () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
  const script = `
    const { startPostgres, startRedis } = await import(${JSON.stringify(path.join(root, 'server/scale-out/local-services.ts'))})
    const [postgres, redis] = await Promise.all([startPostgres(), startRedis()])
    console.log(JSON.stringify([postgres.dir, redis.dir]))
    setInterval(() => {}, 1000)`
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  try {
    await waitUntil('the child has started both servers', () => output.includes('\n'), 30_000)
    const dirs = JSON.parse(output) as string[]
    for (const dir of dirs) expect(processesMentioning(dir)).not.toEqual([])
    child.kill('SIGKILL')
    await waitUntil('their servers have died', () => dirs.every((dir) => processesMentioning(dir).length === 0), 10_000)
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  } finally {
    child.kill('SIGKILL')
  }
})

/** Live processes working in `dir` (postgres's backends chdir to its data) or naming it on their command line. */
function processesMentioning(dir: string): number[] {
  const found: number[] = []
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const status = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      // A zombie has already released everything; only its exit status waits for a reaper.
      if (/^\d+ \(.*\) Z/.test(status)) continue
      const cwd = fs.readlinkSync(`/proc/${entry}/cwd`)
      if (cwd.startsWith(dir) || fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(dir)) found.push(Number(entry))
    } catch {
      // The process ended while we looked.
    }
  }
  return found
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** Sends PING over a raw socket and resolves with redis's reply line. */
function ping(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write('PING\r\n'))
    socket.once('data', (chunk) => {
      resolve(chunk.toString('utf8').trim())
      socket.destroy()
    })
    socket.once('error', reject)
  })
}
