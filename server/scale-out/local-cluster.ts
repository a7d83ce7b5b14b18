/**
 * `npm run cluster`: tries the multi-instance set-up on one machine without
 * containers. Starts `postgres` and `redis-server` (Debian packages
 * postgresql and redis-server) in a temporary folder, two pad server
 * instances over them on PORT+1 and PORT+2, and a small load balancer on PORT
 * that hands each connection to the next instance (no sticky sessions).
 * Ctrl-C stops everything and deletes the folder: the data is thrown away.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { serverBundle } from '../bundle'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startBalancer } from './balancer'
import { startPostgres, startRedis, type ServiceProcess } from './local-services'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

function startInstance(name: string, port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--enable-source-maps', serverBundle], {
    cwd: projectRoot,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let output = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8')
      if (output.includes('Atelier Pad is running')) resolve(child)
      // Log lines go on to the terminal, named by instance.
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '' && !line.includes('is running')) process.stderr.write(`[${name}] ${line}\n`)
    })
    child.once('exit', (code) => reject(new Error(`instance ${name} exited with ${code}:\n${output}`)))
  })
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000)
  const services: ServiceProcess[] = []
  const instances: ChildProcess[] = []
  let balancer: Awaited<ReturnType<typeof startBalancer>> | null = null
  const stopAll = async (): Promise<void> => {
    for (const child of instances) child.kill('SIGTERM')
    await Promise.all(instances.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null)))
    await balancer?.close()
    await Promise.all(services.map((service) => service.close()))
  }
  process.on('SIGINT', () => void stopAll().then(() => process.exit(0)))
  process.on('SIGTERM', () => void stopAll().then(() => process.exit(0)))

  try {
    const [postgres, redis] = await Promise.all([startPostgres(), startRedis()])
    services.push(postgres, redis)
    const publicUrl = `http://127.0.0.1:${port}`
    const env = { DATABASE_URL: postgres.url, REDIS_URL: redis.url, PUBLIC_URL: publicUrl, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }
    instances.push(...(await Promise.all([startInstance('a', port + 1, env), startInstance('b', port + 2, env)])))
    balancer = await startBalancer([port + 1, port + 2], port)
    process.stderr.write(
      [
        '',
        `  Atelier Pad, two instances: open ${publicUrl}`,
        `    instance a  http://127.0.0.1:${port + 1}`,
        `    instance b  http://127.0.0.1:${port + 2}`,
        `    PostgreSQL  postgres://127.0.0.1:${postgres.port} (data in ${postgres.dir})`,
        `    Redis       redis://127.0.0.1:${redis.port}`,
        '  Try it: open the pad twice (each connection goes to the next instance), or open one page',
        `  on each instance's own port; kill one instance and watch its pages move to the other.`,
        '  Ctrl-C stops everything and deletes the data.',
        '',
      ].join('\n') + '\n',
    )
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    await stopAll()
    process.exit(1)
  }
}

void main()
