/**
 * The options of a `<select>` whose choices are a fixed list of values with
 * labels in the interface language (templates, lifetimes, licenses, who may
 * restore): filled again when the language changes, keeping the value
 * selected, and read back as one of those values.
 */

/** Fills `select` with one option per `[value, label]`, keeping its selected value. */
export function renderSelectOptions(select: HTMLSelectElement, choices: readonly (readonly [value: string, label: string])[]): void {
  const selected = select.value
  select.replaceChildren(
    ...choices.map(([value, label]) => {
      const option = document.createElement('option')
      option.value = value
      option.textContent = label
      return option
    }),
  )
  if (selected !== '') select.value = selected
}

/** The select's value as one of `values`, or null when it holds none of them. */
export function readSelectChoice<T extends string>(select: HTMLSelectElement, values: readonly T[]): T | null {
  return values.find((value) => value === select.value) ?? null
}
