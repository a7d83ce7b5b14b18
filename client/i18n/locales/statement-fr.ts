/**
 * The accessibility statement's strings in French (accessibility.html),
 * kept apart from fr.ts, which spreads them into the one French
 * dictionary: the same rules hold (French typography written as escapes,
 * every key in statement-en.ts too).
 * What the statement says must stay true: change it with the checks it reports.
 */
export const statementFr = {
  'statement.documentTitle': 'Déclaration d’accessibilité — Atelier Pad',
  'statement.skipToContent': 'Aller au contenu',
  'statement.title': 'Déclaration d’accessibilité',
  'statement.commitment':
    'L’équipe d’Atelier Pad s’engage à rendre ce service accessible, conformément à l’article 47 de la loi n°\u00A02005-102 du 11 février 2005.',
  'statement.scope':
    'Cette déclaration d’accessibilité s’applique à Atelier Pad\u00A0: sa page d’accueil, le pad ouvert par ses liens d’écriture, de lecture et d’animation, avec ses dialogues et la projection, et cette page.',

  'statement.status.heading': 'État de conformité',
  'statement.status.text':
    'Atelier Pad est non conforme avec le RGAA, version 4.1 (référentiel général d’amélioration de l’accessibilité)\u00A0: aucun audit complet de ses 106 critères n’a encore été réalisé. Sans taux de conformité mesuré, le RGAA demande de déclarer le service non conforme, même si une partie des critères est déjà vérifiée (voir ci-dessous).',

  'statement.results.heading': 'Résultats des tests',
  'statement.results.noAudit': 'Il n’y a pas encore de taux de conformité, faute d’audit complet. Voici ce qui est vérifié aujourd’hui.',
  'statement.results.automated':
    'À chaque modification du code, la suite de tests passe axe-core sur chacune des pages et chacun des états listés plus bas, avec les règles des WCAG 2.2 aux niveaux A et AA et la règle «\u202Flabel-content-name-mismatch\u202F» (qu’axe ne lance que sur demande)\u202F; une seule violation, quel que soit son impact, fait échouer les tests. Ces règles vérifient une partie des tests des critères RGAA suivants, et non leur totalité\u00A0:',
  'statement.criterion.images': '1.1 Alternative textuelle des images, dont les QR codes (règles image-alt, role-img-alt, svg-img-alt)',
  'statement.criterion.contrast': '3.2 Contraste du texte (color-contrast)',
  'statement.criterion.links': '6.2 Intitulé de chaque lien (link-name)',
  'statement.criterion.aria':
    '7.1 Rôles, états et propriétés ARIA valides (aria-allowed-attr, aria-required-attr, aria-valid-attr-value, aria-roles, aria-hidden-focus, nested-interactive)',
  'statement.criterion.language': '8.3, 8.4 et 8.8 Langue de la page et des passages dans une autre langue, présente et valide (html-has-lang, html-lang-valid, valid-lang)',
  'statement.criterion.title': '8.5 Titre de la page (document-title)',
  'statement.criterion.lists': '9.3 Structure des listes (list, listitem, definition-list, dlitem)',
  'statement.criterion.zoom': '10.4 Agrandissement non bloqué (meta-viewport)',
  'statement.criterion.labels': '11.1 Étiquette de chaque champ de formulaire (label, select-name)',
  'statement.criterion.buttons': '11.9 Intitulé de chaque bouton (button-name), qui contient son texte visible (label-content-name-mismatch)',
  'statement.criterion.autocomplete': '11.13 Finalité des champs pour le remplissage automatique (autocomplete-valid)',
  'statement.criterion.bypass': '12.7 Accès rapide au contenu principal (bypass)',
  'statement.results.targetSize':
    'S’y ajoute, hors RGAA 4.1 (qui suit les WCAG 2.1), la taille minimale des cibles de 24 px des WCAG 2.2 (critère 2.5.8, règle target-size).',
  'statement.results.keyboard':
    'Au clavier seul, un test de bout en bout parcourt tout l’atelier sans souris\u00A0: donner son nom, écrire, faire une liste, l’indenter et la désindenter, remplir une fiche initiative champ par champ avec Tab, ouvrir l’aide des raccourcis clavier, atteindre l’export, passer l’interface en anglais et quitter l’éditeur par Échap puis Tab\u202F; il vérifie que Maj+Tab sur un élément de liste de premier niveau ne change pas le document (critères 12.8 et 12.9, en partie).',
  'statement.results.phone':
    'Sur un écran de téléphone (360 × 740 px, tactile, émulé par Chromium), un test vérifie que le texte du pad est visible dès l’arrivée, que la barre d’outils tient sur une ligne de boutons d’au moins 44 px, que le curseur n’est jamais caché par la barre d’outils en remontant une liste de 40 lignes, et qu’aucun des états essayés ne défile horizontalement.',
  'statement.results.facilitation':
    'Au clavier seul, un test de bout en bout mène un tour de table : changer l’ordre, ajouter une personne par son nom, lancer le tour et passer la parole ; la personne déplacée et sa nouvelle place sont annoncées. Un autre vote par gommettes depuis la liste du panneau d’animation au clavier, le focus restant sur le bouton pressé, et vérifie que le retrait d’une gommette, un refus et la clôture du vote sont annoncés. Dans l’historique, le curseur des versions se déplace au clavier et Échap ferme le panneau.',
  'statement.results.screenReader':
    'Des tests vérifient aussi ce que reçoivent les technologies d’assistance\u00A0: le nom affiché sur le curseur d’une autre personne n’est pas lu dans le texte de l’éditeur, chaque champ de fiche initiative a un nom, la zone de statut finit sur l’état réel de la connexion après une coupure (critère 7.5), et les arrivées et départs sont annoncés poliment, au plus une fois toutes les 5 secondes.',
  'statement.results.reflow':
    'Vérifié par script le {date}, hors de la suite de tests\u00A0: à 320 px de large, ni la page d’accueil, ni le pad ouvert par son lien d’animation, ni cette page ne défilent horizontalement (critère 10.11, en partie).',

  'statement.nonCompliant.heading': 'Contenus non accessibles',
  'statement.nonCompliant.intro':
    'Aucune non-conformité n’est connue à ce jour parmi les tests décrits ci-dessus. Les critères qui n’ont pas été vérifiés peuvent ne pas être respectés\u00A0: c’est pourquoi le service est déclaré non conforme.',
  'statement.otherIssues.intro':
    'Autres difficultés connues\u00A0:',
  'statement.otherIssues.untested':
    'Aucun lecteur d’écran (NVDA, JAWS, VoiceOver, TalkBack) ni aucun vrai téléphone n’a encore servi aux vérifications\u00A0: le comportement décrit ici est celui de Chromium, y compris en émulation de téléphone.',
  'statement.otherIssues.dateField':
    'Le champ «\u202FDate\u202F» du panneau d’animation est dessiné par le navigateur, dans la langue et le format du navigateur, et non dans la langue choisie dans Atelier Pad.',
  'statement.otherIssues.projection':
    'La projection fait défiler le texte pour suivre la dernière modification, sans bouton pour mettre ce suivi en pause (critère 13.8 à vérifier)\u202F; Échap quitte la projection.',
  'statement.otherIssues.inclusive':
    'L’interface française utilise le point médian (participant·es, auteur·rice), que certains lecteurs d’écran lisent mal.',
  'statement.exempt.heading': 'Contenus non soumis à l’obligation d’accessibilité',
  'statement.exempt.text':
    'Le texte écrit dans les pads est un contenu de tiers, écrit par les participant·es\u00A0: Atelier Pad fournit de quoi le structurer (titres, listes, liens, langue du pad), mais pas le texte lui-même.',
  'statement.derogation.heading': 'Dérogations pour charge disproportionnée',
  'statement.derogation.text': 'Aucune.',

  'statement.established.heading': 'Établissement de cette déclaration',
  'statement.established.date': 'Cette déclaration a été établie le {date}.',
  'statement.technologies.heading': 'Technologies utilisées pour la réalisation du service',
  'statement.technologies.text': 'HTML, CSS, JavaScript (écrit en TypeScript) et WAI-ARIA\u202F; l’éditeur de texte est construit avec ProseMirror.',
  'statement.environment.heading': 'Environnement de test',
  'statement.environment.text': 'Navigateur {browser}, sans interface, piloté par Playwright\u202F; moteur de règles axe-core {axe}.',
  'statement.environment.assistive':
    'Aucune technologie d’assistance (lecteur d’écran, agrandisseur, commande vocale) n’a été utilisée pour ces vérifications à la date de cette déclaration.',
  'statement.tools.heading': 'Outils pour évaluer l’accessibilité',
  'statement.tools.text': 'axe-core, par @axe-core/playwright, dans la suite de tests de bout en bout (Vitest et Playwright).',
  'statement.pages.heading': 'Pages du service ayant fait l’objet de la vérification',
  'statement.pages.home': 'La page d’accueil, en français et en anglais.',
  'statement.pages.pad':
    'Un pad ouvert par ses liens d’écriture, de lecture et d’animation sur un écran de 1280 px de large, par ses liens d’écriture et d’animation sur un écran de téléphone (360 × 740 px), et par son lien d’écriture en anglais.',
  'statement.pages.dialogs':
    'Le dialogue du nom à la première visite, l’aide des raccourcis clavier (en français et en anglais), les couleurs par auteur·rice affichées, le menu du pad et son menu d’export ouverts sur un téléphone, et les dialogues de confirmation «\u202FChanger le lien d’écriture\u202F» et «\u202FSupprimer le pad\u202F».',
  'statement.pages.locked':
    'Un pad verrouillé, la projection, un lien d’écriture remplacé par l’animation (ouvert au moment du changement, puis rouvert) et un lien qui n’ouvre aucun pad, en français et en anglais.',
  'statement.pages.history':
    'Le panneau d’historique ouvert (en français, en anglais et sur un téléphone), la confirmation d’une restauration, l’avis qui suit une grosse suppression, les commandes de publication de la recette et la page de la recette publiée.',
  'statement.pages.facilitation':
    'Le tour de table (l’animation avant et pendant le tour, une personne participante en anglais, une autre sur un téléphone) et le vote par gommettes ouvert (l’animation en français, une personne participante en anglais, un téléphone).',
  'statement.pages.statement': 'Cette page, en français et en anglais.',

  'statement.contact.heading': 'Retour d’information et contact',
  'statement.contact.text':
    'Si vous n’arrivez pas à accéder à un contenu ou à une fonctionnalité, signalez-le pour être orienté·e vers une alternative accessible ou obtenir le contenu sous une autre forme.',
  'statement.contact.facilitator':
    'Pendant un atelier, adressez-vous à la personne qui l’anime\u00A0: elle peut exporter le pad (page web, document LibreOffice, Markdown) et vous le transmettre.',
  'statement.contact.operator': 'Pour joindre l’organisme qui met ce service à disposition, utilisez les moyens de contact de son site.',

  'statement.remedy.heading': 'Voies de recours',
  'statement.remedy.text':
    'Si vous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à une fonctionnalité du service, et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez\u00A0:',
  'statement.remedy.form': 'écrire un message au Défenseur des droits',
  'statement.remedy.delegate': 'contacter le délégué du Défenseur des droits dans votre région',
  'statement.remedy.post': 'envoyer un courrier par la poste (gratuit, ne pas mettre de timbre)\u00A0:',
  'statement.remedy.address': 'Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07',
}
