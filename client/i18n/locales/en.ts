/**
 * Every string the pages show, in English. Typed against the French
 * dictionary so that a missing or extra key is a compile error.
 */
import type { fr } from './fr'

export const en: Record<keyof typeof fr, string> = {
  'app.name': 'Atelier Pad',

  'language.label': 'Language',
  'language.fr': 'Français',
  'language.en': 'English',

  'home.documentTitle': 'Atelier Pad — take notes together',
  'home.tagline': 'Take notes together, during the workshop.',
  'home.intro':
    'Atelier Pad is a pad for taking notes together during a workshop, a meetup or a project café. Share it with a plain link — some people write, others read — and when you are done, export it as a free recipe (recette libre): what it took, how to do it and what it produced, under a free license, crediting everyone who wrote it.',
  'home.create.heading': 'Create a pad',
  'home.create.titleLabel': 'Pad title (optional)',
  'home.create.titlePlaceholder': 'Social innovation round-up — March project café',
  'home.create.hint': 'You will get three links: one to write, one to read and one to facilitate.',
  'home.create.templateLabel': 'Start from',
  'home.create.templateHint':
    'A template fills the pad with its sections (and, for a round-up, a first initiative card); everything stays editable.',
  'home.create.lifetimeLabel': 'Keep the pad',
  'home.create.lifetimeHint':
    'Counted from the last edit: when nobody edits the pad for that long, it is deleted. You can change it later.',
  'home.create.submit': 'Create the pad',
  'home.create.submitting': 'Creating the pad…',
  'home.error.network': 'The server cannot be reached. Check the connection and try again.',
  'home.error.rateLimited':
    'Too many pads were created from this address. Try again in a few minutes.',
  'home.error.invalid': 'The pad could not be created: {message}',
  'home.error.server': 'The server ran into a problem. Try again in a moment.',
  'home.error.titleTooLong': 'The title is too long ({max} characters at most).',

  'pad.documentTitle': '{title} — Atelier Pad',
  'pad.untitled': 'Untitled pad',
  'pad.skipToEditor': 'Skip to the editor',
  'pad.menu': 'Menu',
  'pad.loading': 'Opening the pad…',
  'pad.retrying': 'The server does not answer. Trying again in a few seconds…',
  'pad.readOnlyBadge': 'Read-only',
  'pad.lockedBadge': 'Pad locked',
  'pad.error.badLink': 'This pad link is not valid. Check that it was copied in full.',
  'pad.error.unknownPad': 'This pad does not exist, or it was deleted.',
  'pad.error.linkReplaced': 'The facilitator replaced this link; ask them for the new one.',
  'pad.error.generic': 'The pad could not be opened: {message}',
  'pad.error.homeLink': 'Create a new pad',

  'details.label': 'About this pad',
  'details.license': 'License:',
  'details.expiry.on': 'This pad will be deleted on {date} unless it is edited again.',
  'details.expiry.never': 'This pad is kept until the facilitator deletes it.',

  'lock.notice.edit': 'Pad locked: the facilitator has paused writing. You can keep reading.',
  'lock.notice.admin': 'Pad locked: participants can no longer write. With the facilitator link, you can still edit it.',

  'editor.label': 'Pad content',
  'editor.placeholder': 'Start writing here…',

  'toolbar.label': 'Formatting',
  'toolbar.paragraph': 'Paragraph',
  'toolbar.paragraph.glyph': '¶',
  'toolbar.heading1': 'Heading level 1',
  'toolbar.heading1.glyph': 'H1',
  'toolbar.heading2': 'Heading level 2',
  'toolbar.heading2.glyph': 'H2',
  'toolbar.heading3': 'Heading level 3',
  'toolbar.heading3.glyph': 'H3',
  'toolbar.bold': 'Bold',
  'toolbar.bold.glyph': 'B',
  'toolbar.italic': 'Italic',
  'toolbar.italic.glyph': 'I',
  'toolbar.link': 'Link',
  'toolbar.link.glyph': 'Link',
  'toolbar.bulletList': 'Bullet list',
  'toolbar.bulletList.glyph': '•',
  'toolbar.orderedList': 'Numbered list',
  'toolbar.orderedList.glyph': '1.',
  'toolbar.blockquote': 'Quote',
  'toolbar.blockquote.glyph': '“”',
  'toolbar.sinkListItem': 'Indent list item',
  'toolbar.sinkListItem.glyph': '⇥',
  'toolbar.liftListItem': 'Outdent list item',
  'toolbar.liftListItem.glyph': '⇤',
  'toolbar.initiative': 'Initiative: add a card',
  'toolbar.initiative.glyph': 'Initiative',
  'toolbar.undo': 'Undo',
  'toolbar.undo.glyph': '↶',
  'toolbar.redo': 'Redo',
  'toolbar.redo.glyph': '↷',
  'toolbar.shortcut': '{label} ({shortcut})',
  'shortcut.mod': 'Ctrl',
  'shortcut.alt': 'Alt',
  'shortcut.shift': 'Shift',

  'link.prompt': 'Link address (http, https or mailto):',
  'link.invalid': 'This address is not accepted. Use a web address (http:// or https://) or an e-mail address.',

  'name.dialogTitle': 'What is your name?',
  'name.dialogHelp':
    'Your name is shown next to your cursor and in the list of people present, and the recipe credits you by it. It is remembered on this device.',
  'name.label': 'Your name',
  'name.submit': 'OK',
  'name.invalid': 'Enter a name of 1 to {max} characters.',
  'name.guest': 'Guest {number}',
  'name.change': 'Change your name (now: {name})',
  'name.organisation': 'Your organisation (optional)',
  'name.organisationHelp': 'The recipe writes it after your name, in brackets.',
  'name.unnamed': 'Do not name me in the recipe',
  'name.unnamedHelp': 'You will be counted among “the other people” who wrote, without your name. For a pseudonym, type it as your name.',

  'export.menu': 'Export',
  'export.intro': 'The pad as a free recipe, with its license and authors:',
  'export.html': 'Web page (HTML)',
  'export.html.help': 'to read in the browser or print to PDF',
  'export.odt': 'LibreOffice document (ODT)',
  'export.odt.help': 'to rework in a word processor',
  'export.md': 'Markdown',
  'export.md.help': 'plain text, for a wiki or a website',
  'export.csv': 'Initiatives (CSV)',
  'export.csv.help': 'the list of initiatives, as open data, for a spreadsheet',
  'export.csvMetadata': 'Initiatives license (CSVW)',
  'export.csvMetadata.help': 'the CSV’s description and license, for an open-data portal',
  'export.json': 'Data (JSON)',
  'export.json.help': 'the structured recipe, for other tools',
  'export.pdfHint':
    'For a PDF: open the web page and print it from the browser (Ctrl+P, “Save as PDF”); it is laid out for printing.',

  'authors.toggle': 'Colours by author',
  'authors.legend': 'Legend: who wrote what',
  'authors.none': 'No signed text yet (template text has no author).',
  'authors.atCaret': 'Text at the cursor: written by {name}',
  'authors.atCaretNone': 'Text at the cursor: no named author',

  'presence.heading': 'People here',
  'presence.you': '(you)',
  'presence.count.one': '{count} person',
  'presence.count.other': '{count} people',
  'presence.joined.name': '{name} joined the pad.',
  'presence.joined.names': '{names} joined the pad.',
  'presence.joined.count': '{count} people joined the pad.',
  'presence.left.name': '{name} left the pad.',
  'presence.left.names': '{names} left the pad.',
  'presence.left.count': '{count} people left the pad.',

  'status.connecting': 'Connecting to the server…',
  'status.connected': 'Connected',
  'status.unsynced': 'Changes not yet saved on the server',
  'status.offline': 'Offline — your changes stay on this device',
  'status.offlineReadOnly': 'Offline — reconnecting as soon as the network is back',
  'status.closed.unknownPad': 'This link does not match any pad.',
  'status.closed.deleted': 'This pad was deleted.',
  'status.closed.participantRequired': 'This page is from an earlier version of the pad: reload it to go on writing.',
  'status.closed.locked': 'The pad was locked while you were writing. Reconnecting…',
  'status.closed.forbidden': 'This link does not allow that.',
  'status.closed.rateLimited': 'Too many messages sent at once. Trying again in a few seconds.',
  'status.closed.storeUnavailable':
    'The server cannot save right now (database unreachable). Your changes stay on this device; reconnecting…',
  'status.closed.tooBig':
    'A change was too large for the server. Try pasting a shorter text.',

  'links.intro': 'Each link grants different rights: share the right one.',
  'links.edit.label': 'Link to write',
  'links.edit.help': 'For participants: it lets them write in the pad.',
  'links.view.label': 'Link to read',
  'links.view.help': 'Read-only: for people who follow without writing, or to publish the pad.',
  'links.admin.label': 'Facilitator link',
  'links.admin.help':
    'Keep it for yourself: it grants every right on the pad (lock it, delete it, change the edit link).',
  'links.copy': 'Copy',
  'links.copyLabel': 'Copy: {label}',
  'links.copied': 'Link copied.',
  'links.copyFailed': 'Automatic copy is not possible: the link is selected, copy it with Ctrl+C.',

  'share.heading': 'Share the pad',
  'share.qr.caption.edit': 'Scan to write in the pad:',
  'share.qr.caption.view': 'Scan to read the pad:',
  'share.qr.label.edit': 'QR code of the link to write: {link}',
  'share.qr.label.view': 'QR code of the link to read: {link}',
  'share.qr.caption.locked': 'Pad locked, read-only. Scan to read it:',
  'share.qr.label.locked': 'QR code of the link, pad locked and read-only: {link}',

  'projection.open': 'Project the pad',
  'projection.openHelp': 'Full screen for the projector, with large text, the QR code and the people connected.',
  'projection.label': 'Pad projection',
  'projection.document': 'Pad content, read-only',
  'projection.scan.edit': 'Scan to write with us',
  'projection.scan.view': 'Scan to read the pad',
  'projection.scan.locked': 'Pad locked: scan to read it',
  'projection.count.one': '{count} person connected',
  'projection.count.other': '{count} people connected',
  'projection.exit': 'Leave projection (Esc)',

  'facilitator.heading': 'Facilitation',
  'facilitator.intro': 'These settings only show with the facilitator link.',
  'facilitator.error.network': 'the server cannot be reached, try again.',
  'facilitator.error.forbidden': 'this link does not allow it.',
  'facilitator.error.gone': 'this pad no longer exists.',
  'facilitator.error.rateLimited': 'too many requests at once, try again in a moment.',
  'facilitator.error.server': 'the server ran into a problem, try again in a moment.',

  'settings.title': 'Pad title',
  'settings.event': 'Event',
  'settings.eventName': 'Event name',
  'settings.eventName.placeholder': 'March project café',
  'settings.eventDate': 'Date',
  'settings.eventPlace': 'Place',
  'settings.eventPlace.placeholder': 'La Miete third place, Villeurbanne',
  'settings.license': 'License of the recipe',
  'settings.license.help': 'The license the pad will be exported under, for others to reuse it.',
  'settings.dataLicense': 'License of the initiatives (open data)',
  'settings.dataLicense.help': 'The license of the list of initiatives exported as CSV and JSON. Licence Ouverte 2.0 and ODbL are the ones French public bodies may use for their data.',
  'settings.license.notLibre':
    'Warning: CC BY-NC-SA forbids commercial reuse, so it is not a free (libre) license. Not everyone will be able to reuse the recipe (a cooperative, a non-profit that charges for its workshops…).',
  'settings.lifetime': 'Keep the pad',
  'settings.lifetime.help': 'Counted from the last edit: when nobody edits the pad for that long, it is deleted.',
  'settings.extraContributors': 'Other people to credit',
  'settings.extraContributors.placeholder': 'Camille Roux, Yanis',
  'settings.extraContributors.help':
    'People who took part without writing in the pad: one name per line, or separated by commas. The export credits them with the authors.',
  'settings.save': 'Save settings',
  'settings.saving': 'Saving…',
  'settings.saved': 'Settings saved: everyone sees them.',
  'settings.unchanged': 'Nothing changed.',
  'settings.failed': 'The settings were not saved: {reason}',
  'settings.problem': '{field}: {problem}',
  'settings.error.tooLong': 'too long ({max} characters at most).',
  'settings.error.date': 'enter a valid date.',
  'settings.error.license': 'choose a license from the list.',
  'settings.error.tooManyNames': 'at most {max} names.',
  'settings.error.nameTooLong': 'a name has at most {max} characters.',
  'settings.error.lifetime': 'choose a duration from the list.',

  'lifetime.day': 'one day',
  'lifetime.week': 'one week',
  'lifetime.month': 'one month',
  'lifetime.year': 'one year',
  'lifetime.forever': 'until deleted',

  'lock.toggle': 'Lock the pad',
  'lock.help.unlocked': 'The pad is open: participants can write.',
  'lock.help.locked': 'The pad is locked: participants can no longer write. Press again to unlock it.',
  'lock.done.locked': 'Pad locked.',
  'lock.done.unlocked': 'Pad unlocked: participants can write again.',
  'lock.failed': 'The lock could not be changed: {reason}',

  'rotate.button': 'Change the edit link',
  'rotate.help': 'If the edit link went too far: the old one stops working.',
  'rotate.dialog.title': 'Change the edit link?',
  'rotate.dialog.text':
    'The old edit link will stop working at once: people connected with it will be disconnected and will need the new link (for instance from the QR code). The read link and your facilitator link do not change.',
  'rotate.confirm': 'Change the link',
  'rotate.done': 'New edit link created: share it (it is under “Share the pad”).',
  'rotate.failed': 'The link could not be changed: {reason}',

  'delete.button': 'Delete the pad',
  'delete.help': 'Deletes the pad and all its content from the server, for everyone.',
  'delete.dialog.title': 'Delete this pad?',
  'delete.dialog.text':
    'The pad and all its content will be deleted from the server for good, for everyone: its three links will stop working and this cannot be undone.',
  'delete.dialog.export':
    'Export it first if you want to keep a copy (the “Export” menu: web page, LibreOffice, Markdown, CSV or JSON).',
  'delete.dialog.exportLink': 'Export first (HTML web page)',
  'delete.confirm': 'Delete for good',
  'delete.failed': 'The pad was not deleted: {reason}',

  'dialog.cancel': 'Cancel',

  // The accessibility statement (accessibility.html): see fr.ts.
  'footer.accessibility': 'Accessibility: not compliant',

  'statement.documentTitle': 'Accessibility statement — Atelier Pad',
  'statement.skipToContent': 'Skip to the content',
  'statement.title': 'Accessibility statement',
  'statement.commitment':
    'The Atelier Pad team is committed to making this service accessible, in line with article 47 of French law no. 2005-102 of 11 February 2005.',
  'statement.scope':
    'This accessibility statement applies to Atelier Pad: its home page, the pad opened by its edit, read and facilitator links, with its dialogs and projection, and this page.',

  'statement.status.heading': 'Compliance status',
  'statement.status.text':
    'Atelier Pad is not compliant with the RGAA, version 4.1 (the French accessibility standard, aligned with WCAG 2.1): no full audit of its 106 criteria has been carried out yet. Without a measured compliance rate, the RGAA requires the service to be declared not compliant, even though some of the criteria are already checked (see below).',

  'statement.results.heading': 'Test results',
  'statement.results.noAudit': 'There is no compliance rate yet, for want of a full audit. Here is what is checked today.',
  'statement.results.automated':
    'On every change to the code, the test suite runs axe-core on each of the pages and states listed below, with the WCAG 2.2 level A and AA rules and the “label-content-name-mismatch” rule (which axe only runs when asked); a single violation, whatever its impact, fails the tests. These rules check part of the tests of the following RGAA criteria, not all of them:',
  'statement.criterion.images': '1.1 Text alternatives for images, QR codes included (rules image-alt, role-img-alt, svg-img-alt)',
  'statement.criterion.contrast': '3.2 Text contrast (color-contrast)',
  'statement.criterion.links': '6.2 Every link has a name (link-name)',
  'statement.criterion.aria':
    '7.1 Valid ARIA roles, states and properties (aria-allowed-attr, aria-required-attr, aria-valid-attr-value, aria-roles, aria-hidden-focus, nested-interactive)',
  'statement.criterion.language': '8.3, 8.4 and 8.8 Language of the page and of passages in another language, present and valid (html-has-lang, html-lang-valid, valid-lang)',
  'statement.criterion.title': '8.5 Page title (document-title)',
  'statement.criterion.lists': '9.3 List structure (list, listitem, definition-list, dlitem)',
  'statement.criterion.zoom': '10.4 Zoom not blocked (meta-viewport)',
  'statement.criterion.labels': '11.1 Every form field has a label (label, select-name)',
  'statement.criterion.buttons': '11.9 Every button has a name (button-name) that contains its visible text (label-content-name-mismatch)',
  'statement.criterion.autocomplete': '11.13 Input purpose for autofill (autocomplete-valid)',
  'statement.criterion.bypass': '12.7 Quick access to the main content (bypass)',
  'statement.results.targetSize':
    'Beyond RGAA 4.1 (which follows WCAG 2.1), the WCAG 2.2 minimum target size of 24 px is checked too (success criterion 2.5.8, rule target-size).',
  'statement.results.keyboard':
    'By keyboard, the end-to-end tests check single actions (Esc closes the confirmation dialogs and leaves projection, Enter confirms the name, Ctrl+Z and Ctrl+Y undo and redo); no test goes through the whole workshop by keyboard alone yet.',
  'statement.results.reflow':
    'Checked by script on {date}, outside the test suite: at 320 px wide, neither the home page, nor the pad opened by its facilitator link, nor this page scrolls horizontally (RGAA criterion 10.11, in part).',

  'statement.nonCompliant.heading': 'Non-accessible content',
  'statement.nonCompliant.intro': 'Known non-compliance on the date of this statement:',
  'statement.nonCompliant.status':
    '7.5 Status messages: the connection status is announced to assistive technologies only when the connection changes (connecting, disconnecting, closing); after a reconnection, the last announcement may stay “Changes not yet saved on the server” although they have been saved since.',
  'statement.otherIssues.intro': 'Other known problems, being fixed:',
  'statement.otherIssues.keyboard':
    'Keyboard: in the editor, Shift+Tab on a top-level list item removes its bullet instead of leaving the text as it is, and Tab in an initiative card leaves the editor instead of moving to the next field.',
  'statement.otherIssues.phone':
    'Phone: on a 360 × 740 px screen, the pad’s text starts about 555 px from the top of the screen, below the header, the pad’s details and the menus, and the toolbar takes three rows (142 px).',
  'statement.exempt.heading': 'Content not subject to the accessibility obligation',
  'statement.exempt.text':
    'The text written in pads is third-party content, written by the participants: Atelier Pad provides the means to structure it (headings, lists, links, the pad’s language), not the text itself.',
  'statement.derogation.heading': 'Exemptions for disproportionate burden',
  'statement.derogation.text': 'None.',

  'statement.established.heading': 'Preparation of this statement',
  'statement.established.date': 'This statement was prepared on {date}.',
  'statement.technologies.heading': 'Technologies the service relies on',
  'statement.technologies.text': 'HTML, CSS, JavaScript (written in TypeScript) and WAI-ARIA; the text editor is built with ProseMirror.',
  'statement.environment.heading': 'Test environment',
  'statement.environment.text': '{browser} browser, headless, driven by Playwright; axe-core {axe} rules engine.',
  'statement.environment.assistive':
    'No assistive technology (screen reader, magnifier, voice control) was used for these checks as of the date of this statement.',
  'statement.tools.heading': 'Tools used to evaluate accessibility',
  'statement.tools.text': 'axe-core, through @axe-core/playwright, in the end-to-end test suite (Vitest and Playwright).',
  'statement.pages.heading': 'Pages of the service that were checked',
  'statement.pages.home': 'The home page, in French and in English.',
  'statement.pages.pad':
    'A pad opened by its edit, read and facilitator links on a 1280 px wide screen, by its edit and facilitator links on a phone screen (360 × 740 px), and by its edit link in English.',
  'statement.pages.dialogs':
    'The first-visit name dialog, the colours by author shown, and the “Change the edit link” and “Delete the pad” confirmation dialogs.',
  'statement.pages.locked': 'A locked pad, and projection.',
  'statement.pages.statement': 'This page, in French and in English.',

  'statement.contact.heading': 'Feedback and contact',
  'statement.contact.text':
    'If you cannot reach some content or feature, report it to be directed to an accessible alternative or to get the content in another form.',
  'statement.contact.facilitator':
    'During a workshop, ask the person facilitating it: they can export the pad (web page, LibreOffice document, Markdown) and send it to you.',
  'statement.contact.operator': 'To reach the organisation that provides this service, use the contact details on its website.',

  'statement.remedy.heading': 'Remedies',
  'statement.remedy.text':
    'If you have reported an accessibility problem that keeps you from some content or feature of the service, and did not get a satisfactory answer, you can:',
  'statement.remedy.form': 'write to the Défenseur des droits, the French rights ombudsman (site in French)',
  'statement.remedy.delegate': 'contact the Défenseur des droits’ delegate in your region (site in French)',
  'statement.remedy.post': 'send a letter by post (free of charge, no stamp needed):',
  'statement.remedy.address': 'Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07',
}
