import { describe, expect, it } from 'vitest'
import {
  connectClient,
  createTestPad,
  makeTempDir,
  startServerProcess,
  waitUntil,
  whenSynced,
  type ServerProcess,
  type TestClient,
} from './testing/harness'
import { useTestResources } from './testing/resources'

const resources = useTestResources()
const startProcess = (dataDir: string): Promise<ServerProcess> => resources.startProcess(dataDir)
const client = (server: ServerProcess, key: string): TestClient => resources.client(server, key)

describe('durability', () => {
  it('serves the same content from a new process on the same data dir after SIGTERM', async () => {
    const dataDir = makeTempDir()
    const first = await startProcess(dataDir)
    const pad = await createTestPad(first.url, 'Redémarrage')
    const writer = client(first, pad.keys.edit)
    await whenSynced(writer)
    writer.text.insert(0, 'avant le redémarrage')
    const observer = client(first, pad.keys.view)
    await waitUntil('observer sees it', () => observer.text.toString() === 'avant le redémarrage')
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)

    const second = await startProcess(dataDir)
    const settings = (await (await fetch(`${second.url}/api/pads/${pad.keys.admin}`)).json()) as { title: string }
    expect(settings.title).toBe('Redémarrage')
    const reader = client(second, pad.keys.view)
    await whenSynced(reader)
    expect(reader.text.toString()).toBe('avant le redémarrage')
  })

  it('loses none of N relayed updates when the server is killed with SIGKILL right after relaying them', async () => {
    const updateCount = 300
    const dataDir = makeTempDir()
    const first = await startProcess(dataDir)
    const pad = await createTestPad(first.url)
    const writer = client(first, pad.keys.edit)
    const observer = client(first, pad.keys.view)
    await Promise.all([whenSynced(writer), whenSynced(observer)])

    const marker = (i: number): string => `<${i}>`
    let killedAfter = -1
    observer.text.observe(() => {
      // Kill the moment the last update has been relayed to someone else.
      if (killedAfter < 0 && observer.text.toString().includes(marker(updateCount - 1))) {
        killedAfter = observer.text.toString().length
        first.child.kill('SIGKILL')
      }
    })
    for (let i = 0; i < updateCount; i++) writer.text.insert(writer.text.length, marker(i))
    expect(await first.exited).toBe('SIGKILL')
    const relayed = observer.text.toString()
    expect(killedAfter).toBeGreaterThan(0)

    const second = await startProcess(dataDir)
    const reader = client(second, pad.keys.view)
    await whenSynced(reader)
    const recovered = reader.text.toString()
    for (let i = 0; i < updateCount; i++) expect(recovered).toContain(marker(i))
    expect(recovered.startsWith(relayed)).toBe(true)
  })
})
