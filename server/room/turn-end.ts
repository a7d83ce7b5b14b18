/**
 * Work deferred to the end of this turn of the event loop, all of it run in
 * one callback. Rooms drain their inboxes here: what they ask of the store
 * in the same callback is committed as one group in the microtasks that
 * follow, and their relays leave in the same pass, instead of one turn for
 * the batch, one for the commit and one for the sockets.
 */
let tasks: Array<() => void> = []

function runTasks(): void {
  const due = tasks
  tasks = []
  for (const task of due) task()
}

/** Runs `task` once this turn's input is read, together with every other task deferred in it. */
export function atTurnEnd(task: () => void): void {
  if (tasks.length === 0) setImmediate(runTasks)
  tasks.push(task)
}
