/**
 * The accessibility statement's strings in English (accessibility.html),
 * kept apart from en.ts, which spreads them into the one English
 * dictionary: the same rules hold (every key of statement-fr.ts, no other).
 * What the statement says must stay true: change it with the checks it reports.
 */
export const statementEn = {
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
    'By keyboard alone, an end-to-end test goes through the whole workshop without a mouse: giving one’s name, typing, making a list, indenting and outdenting it, filling an initiative card field by field with Tab, opening the keyboard shortcuts help, reaching the export, switching the interface to English, and leaving the editor with Esc then Tab; it checks that Shift+Tab on a top-level list item leaves the document unchanged (RGAA criteria 12.8 and 12.9, in part).',
  'statement.results.phone':
    'On a phone screen (360 × 740 px, touch, emulated by Chromium), a test checks that the pad’s text is visible on arrival, that the toolbar fits in one row of buttons at least 44 px tall, that the caret is never hidden by the toolbar while moving up a 40-line list, and that none of the states tried scrolls horizontally.',
  'statement.results.facilitation':
    'By keyboard alone, an end-to-end test runs a round table: changing the order, adding a person by name, starting the round and passing the floor; the person moved and their new place are announced. Another one votes with dots from the facilitation panel’s list by keyboard, the focus staying on the button pressed, and checks that removing a dot, a refusal and the vote’s closing are announced. In the history, the versions slider moves by keyboard and Esc closes the panel.',
  'statement.results.screenReader':
    'Tests also check what assistive technologies receive: the name shown on another person’s cursor is not read in the editor’s text, each initiative card field has a name, the status region ends on the connection’s real state after a drop (criterion 7.5), and arrivals and departures are announced politely, at most once every 5 seconds.',
  'statement.results.reflow':
    'Checked by script on {date}, outside the test suite: at 320 px wide, neither the home page, nor the pad opened by its facilitator link, nor this page scrolls horizontally (RGAA criterion 10.11, in part).',

  'statement.nonCompliant.heading': 'Non-accessible content',
  'statement.nonCompliant.intro':
    'No non-compliance is known to date among the tests described above. The criteria that have not been checked may not be met: that is why the service is declared non-compliant.',
  'statement.otherIssues.intro':
    'Other known problems:',
  'statement.otherIssues.untested':
    'No screen reader (NVDA, JAWS, VoiceOver, TalkBack) and no real phone has been used for these checks yet: what is described here is Chromium’s behaviour, phone emulation included.',
  'statement.otherIssues.dateField':
    'The “Date” field of the facilitator panel is drawn by the browser, in the browser’s language and format, not in the language chosen in Atelier Pad.',
  'statement.otherIssues.projection':
    'Projection scrolls the text to follow the latest change, with no button to pause that (criterion 13.8, to be checked); Esc leaves projection.',
  'statement.otherIssues.inclusive':
    'The French interface uses the middle dot of inclusive writing (participant·es, auteur·rice), which some screen readers read badly.',
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
    'The first-visit name dialog, the keyboard shortcuts help (in French and English), the colours by author shown, the pad’s menu and its export menu open on a phone, and the “Change the edit link” and “Delete the pad” confirmation dialogs.',
  'statement.pages.locked':
    'A locked pad, projection, an edit link replaced by the facilitator (open when it happened, then opened again) and a link that opens no pad, in French and English.',
  'statement.pages.history':
    'The history panel open (in French, in English and on a phone), the confirmation of a restore, the notice that follows a big deletion, the controls that publish the recipe, and the published recipe’s page.',
  'statement.pages.facilitation':
    'The round table (the facilitator before and during the round, a participant in English, another on a phone) and the dot vote open (the facilitator in French, a participant in English, a phone).',
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
