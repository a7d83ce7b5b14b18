/**
 * The elements of the pad page (`pad.html`) that its code drives, looked up
 * once by id with their types checked (`requireElement`), grouped by the
 * part of the page that uses them: a renamed id fails at start, with its
 * name. It does not create elements nor attach behaviour.
 */
import type { AuthorLegendElements } from '../people/authors/author-legend'
import type { NameDialogElements } from '../people/display-name'
import type { ExportMenuElements } from '../share/export-menu'
import type { FacilitatorPanelElements } from '../settings/facilitator-panel'
import type { DeletionNoticeElements } from '../history/big-deletion-notice'
import type { PadDetailsElements } from '../settings/pad-details'
import type { ProjectionElements } from '../share/projection-mode'
import type { SharePanelElements } from '../share/share-panel'
import type { PadMenuElements } from './menu'
import { requireElement } from '../required-element'
import { readRoundElements } from '../facilitation/round/round-elements'

/** Every element the pad page needs, found or failed for. */
export function readPageElements() {
  return {
    skipLink: requireElement('skip-to-editor', HTMLAnchorElement),
    title: requireElement('pad-title', HTMLElement),
    readOnlyBadge: requireElement('read-only-badge', HTMLElement),
    lockedBadge: requireElement('locked-badge', HTMLElement),
    status: requireElement('connection-status', HTMLElement),
    statusAnnouncer: requireElement('status-announcer', HTMLElement),
    changeNameButton: requireElement('change-name-button', HTMLButtonElement),
    languageSelect: requireElement('language-select', HTMLSelectElement),
    padMenu: {
      toggle: requireElement('pad-menu-toggle', HTMLButtonElement),
      menu: requireElement('pad-menu', HTMLElement),
    } satisfies PadMenuElements,
    details: readPadDetailsElements(),
    loading: requireElement('pad-loading', HTMLElement),
    error: requireElement('pad-error', HTMLElement),
    errorMessage: requireElement('pad-error-message', HTMLElement),
    main: requireElement('pad-main', HTMLElement),
    closedNotice: requireElement('closed-notice', HTMLElement),
    lockNotice: requireElement('lock-notice', HTMLElement),
    deletionNotice: {
      notice: requireElement('deletion-notice', HTMLElement),
      text: requireElement('deletion-notice-text', HTMLElement),
      restore: requireElement('deletion-restore', HTMLButtonElement),
      dismiss: requireElement('deletion-dismiss', HTMLButtonElement),
      announcer: requireElement('deletion-announcer', HTMLElement),
    } satisfies DeletionNoticeElements,
    toolbar: requireElement('toolbar', HTMLElement),
    editor: requireElement('editor', HTMLElement),
    exportMenu: {
      menu: requireElement('export-menu', HTMLDetailsElement),
      links: requireElement('export-links', HTMLElement),
    } satisfies ExportMenuElements,
    authorLegend: {
      toggle: requireElement('author-colors-toggle', HTMLButtonElement),
      legend: requireElement('author-legend', HTMLElement),
      atCaret: requireElement('author-at-caret', HTMLElement),
    } satisfies AuthorLegendElements,
    deleteExportLink: requireElement('delete-export-link', HTMLAnchorElement),
    historyButton: requireElement('history-button', HTMLButtonElement),
    presence: requireElement('presence', HTMLElement),
    presenceCount: requireElement('presence-count', HTMLElement),
    presenceAnnouncer: requireElement('presence-announcer', HTMLElement),
    share: readSharePanelElements(),
    projection: readProjectionElements(),
    facilitator: readFacilitatorPanelElements(),
    round: readRoundElements(),
    nameDialog: readNameDialogElements(),
  }
}

export type PageElements = ReturnType<typeof readPageElements>

function readPadDetailsElements(): PadDetailsElements {
  return {
    container: requireElement('pad-details', HTMLElement),
    event: requireElement('pad-event', HTMLElement),
    license: requireElement('pad-license', HTMLElement),
    expiry: requireElement('pad-expiry', HTMLElement),
  }
}

function readSharePanelElements(): SharePanelElements {
  return {
    panel: requireElement('share-panel', HTMLElement),
    qr: requireElement('share-qr', HTMLCanvasElement),
    qrCaption: requireElement('share-qr-caption', HTMLElement),
    qrLink: requireElement('share-qr-link', HTMLElement),
    links: requireElement('share-links', HTMLElement),
  }
}

function readProjectionElements(): ProjectionElements {
  return {
    button: requireElement('projection-button', HTMLButtonElement),
    dialog: requireElement('projection', HTMLDialogElement),
    title: requireElement('projection-title', HTMLElement),
    event: requireElement('projection-event', HTMLElement),
    document: requireElement('projection-document', HTMLElement),
    qr: requireElement('projection-qr', HTMLCanvasElement),
    qrCaption: requireElement('projection-qr-caption', HTMLElement),
    link: requireElement('projection-link', HTMLElement),
    count: requireElement('projection-count', HTMLElement),
    exit: requireElement('projection-exit', HTMLButtonElement),
  }
}

function readFacilitatorPanelElements(): FacilitatorPanelElements {
  return {
    panel: requireElement('facilitator-panel', HTMLElement),
    form: requireElement('settings-form', HTMLFormElement),
    fields: {
      title: requireElement('settings-title', HTMLInputElement),
      eventName: requireElement('settings-event-name', HTMLInputElement),
      eventDate: requireElement('settings-event-date', HTMLInputElement),
      eventPlace: requireElement('settings-event-place', HTMLInputElement),
      license: requireElement('settings-license', HTMLSelectElement),
      dataLicense: requireElement('settings-data-license', HTMLSelectElement),
      lifetime: requireElement('settings-lifetime', HTMLSelectElement),
      restoreRole: requireElement('settings-restore-role', HTMLSelectElement),
      extraContributors: requireElement('settings-extra-contributors', HTMLTextAreaElement),
    },
    licenseWarning: requireElement('license-warning', HTMLElement),
    save: requireElement('settings-save', HTMLButtonElement),
    settingsFeedback: requireElement('settings-feedback', HTMLElement),
    lockToggle: requireElement('lock-toggle', HTMLButtonElement),
    lockHelp: requireElement('lock-help', HTMLElement),
    rotate: requireElement('rotate-edit-link', HTMLButtonElement),
    rotateDialog: requireElement('rotate-dialog', HTMLDialogElement),
    delete: requireElement('delete-pad', HTMLButtonElement),
    deleteDialog: requireElement('delete-dialog', HTMLDialogElement),
    actionFeedback: requireElement('facilitator-feedback', HTMLElement),
  }
}

function readNameDialogElements(): NameDialogElements {
  return {
    dialog: requireElement('name-dialog', HTMLDialogElement),
    form: requireElement('name-form', HTMLFormElement),
    input: requireElement('name-input', HTMLInputElement),
    error: requireElement('name-error', HTMLElement),
    organisation: requireElement('organisation-input', HTMLInputElement),
    isUnnamed: requireElement('credit-unnamed', HTMLInputElement),
  }
}
