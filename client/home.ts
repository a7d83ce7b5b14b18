/**
 * Composition root of the home page (`index.html`): says what Atelier Pad is,
 * and creates a pad from the form (`#create-pad-form`: a title, what it
 * starts from, `#template-select`, and how long the pad is kept,
 * `#lifetime-select`) through `POST /api/pads`, in the interface language, then opens
 * it with the facilitator's (admin) link, where the pad shows its links.
 * Errors are said in `#create-error`.
 */
import { defaultPadLifetime, maxTitleLength } from '../shared/protocol/api'
import type { CreatePadRequest, PadLifetime } from '../shared/protocol/api'
import { defaultTemplateId } from '../shared/pad/templates'
import type { TemplateId } from '../shared/pad/templates'
import { ApiError, createPad, NetworkError } from './settings/api-client'
import type { Localization, MessageKey, MessageParams } from './i18n/i18n'
import { createLocalization, localizeTree, pickLanguage } from './i18n/i18n'
import { mountLanguageSelect } from './i18n/language-select'
import { readLifetime, renderLifetimeOptions } from './settings/lifetime-select'
import { createPreferences, openLocalStorage, PreferenceKey } from './people/preferences'
import { requireElement } from './required-element'
import { readTemplate, renderTemplateOptions } from './settings/template-select'

interface PageMessage {
  key: MessageKey
  params?: MessageParams
}

function startHomePage(): void {
  const preferences = createPreferences(openLocalStorage())
  const localization = createLocalization(
    pickLanguage(preferences.read(PreferenceKey.language), navigator.languages ?? [navigator.language]),
  )
  const form = requireElement('create-pad-form', HTMLFormElement)
  const titleInput = requireElement('title-input', HTMLInputElement)
  const submitButton = requireElement('create-pad-button', HTMLButtonElement)
  const errorElement = requireElement('create-error', HTMLElement)
  const lifetimeSelect = requireElement('lifetime-select', HTMLSelectElement)
  const templateSelect = requireElement('template-select', HTMLSelectElement)
  titleInput.maxLength = maxTitleLength
  renderTemplateOptions(templateSelect, localization)
  templateSelect.value = defaultTemplateId
  renderLifetimeOptions(lifetimeSelect, localization)
  lifetimeSelect.value = defaultPadLifetime

  let error: PageMessage | null = null
  let isSubmitting = false
  const render = (): void => {
    localizeTree(document, localization)
    document.title = localization.t('home.documentTitle')
    submitButton.textContent = localization.t(isSubmitting ? 'home.create.submitting' : 'home.create.submit')
    submitButton.disabled = isSubmitting
    submitButton.setAttribute('aria-busy', String(isSubmitting))
    errorElement.hidden = error === null
    errorElement.textContent = error === null ? '' : localization.t(error.key, error.params)
    titleInput.setAttribute('aria-invalid', String(error !== null))
  }
  localization.onChange(() => {
    renderLifetimeOptions(lifetimeSelect, localization)
    renderTemplateOptions(templateSelect, localization)
    render()
  })
  mountLanguageSelect(requireElement('language-select', HTMLSelectElement), localization, preferences)
  render()

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    if (isSubmitting) return
    const title = titleInput.value.trim()
    if (title.length > maxTitleLength) {
      error = { key: 'home.error.titleTooLong', params: { max: maxTitleLength } }
      render()
      titleInput.focus()
      return
    }
    isSubmitting = true
    error = null
    render()
    const lifetime = readLifetime(lifetimeSelect) ?? defaultPadLifetime
    const template = readTemplate(templateSelect) ?? defaultTemplateId
    void submitPad({ title, lifetime, template }, localization).then((outcome) => {
      if (outcome.kind === 'created') {
        location.assign(outcome.adminUrl)
        return
      }
      isSubmitting = false
      error = outcome.message
      render()
      titleInput.focus()
    })
  })
}

type SubmitOutcome = { kind: 'created'; adminUrl: string } | { kind: 'failed'; message: PageMessage }

interface PadChoices {
  title: string
  lifetime: PadLifetime
  template: TemplateId
}

async function submitPad(choices: PadChoices, localization: Localization): Promise<SubmitOutcome> {
  const { title, lifetime, template } = choices
  // The pad speaks the language its creator reads: its template and export follow it.
  const request: CreatePadRequest = { language: localization.language, lifetime, template }
  if (title !== '') request.title = title
  try {
    const response = await createPad(request)
    return { kind: 'created', adminUrl: new URL(response.links.admin, location.href).href }
  } catch (error) {
    return { kind: 'failed', message: describeCreateError(error) }
  }
}

function describeCreateError(error: unknown): PageMessage {
  if (error instanceof NetworkError) return { key: 'home.error.network' }
  if (!(error instanceof ApiError)) return { key: 'home.error.server' }
  if (error.status === 429) return { key: 'home.error.rateLimited' }
  if (error.status >= 500) return { key: 'home.error.server' }
  return { key: 'home.error.invalid', params: { message: error.message } }
}

startHomePage()
