/**
 * Looks up the elements a page's markup must provide, by id and with their
 * element type checked, so that a renamed id fails at start with its name
 * instead of as a null dereference later.
 */

export function requireElement<T extends Element>(
  id: string,
  type: abstract new (...args: never[]) => T,
  root: Document = document,
): T {
  const element = root.getElementById(id)
  if (!(element instanceof type)) {
    throw new RangeError(`#${id} is missing or is not a ${type.name}`)
  }
  return element
}
