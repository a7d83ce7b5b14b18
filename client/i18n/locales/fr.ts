/**
 * Every string the pages show, in French (the reference language). The keys of
 * this dictionary are the set of message keys: `en.ts` must have exactly the
 * same ones, which TypeScript and `i18n.test.ts` enforce. `{name}` marks a
 * value filled in by `formatMessage`. No markup: strings are always inserted as
 * text. French typography is written here, so that what the source says is
 * what pages show: a no-break space before « : » (`\u00A0`) and a narrow
 * no-break space before « ; ? ! » and inside « » (`\u202F`), as escapes so
 * that a reader of the source sees them (shared/testing/french-typography.ts
 * has the rule; locales.test.ts checks every message).
 */
export const fr = {
  'app.name': 'Atelier Pad',

  'language.label': 'Langue',
  'language.fr': 'Français',
  'language.en': 'English',

  'home.documentTitle': 'Atelier Pad — prendre des notes ensemble',
  'home.tagline': 'Prendre des notes ensemble, pendant l’atelier.',
  'home.intro':
    'Atelier Pad est un pad pour prendre des notes à plusieurs pendant un atelier, une rencontre ou un café projet. On le partage par un simple lien — certaines personnes écrivent, d’autres lisent — et, à la fin, on l’exporte comme une recette libre\u00A0: ce qu’il a fallu, comment faire et ce que cela a produit, sous licence libre, en créditant toutes les personnes qui l’ont écrit.',
  'home.create.heading': 'Créer un pad',
  'home.create.titleLabel': 'Titre du pad (facultatif)',
  'home.create.titlePlaceholder': 'Collecte d’innovation sociale — café projet de mars',
  'home.create.hint':
    'Vous recevrez trois liens\u00A0: un pour écrire, un pour lire et un pour l’animation.',
  'home.create.templateLabel': 'Point de départ',
  'home.create.templateHint':
    'Un modèle remplit le pad de ses rubriques (et, pour une collecte, d’une première fiche initiative)\u202F; tout reste modifiable.',
  'home.create.lifetimeLabel': 'Conserver le pad',
  'home.create.lifetimeHint':
    'Compté à partir de la dernière modification\u00A0: sans modification pendant cette durée, le pad est supprimé. Vous pourrez le changer ensuite.',
  'home.create.submit': 'Créer le pad',
  'home.create.submitting': 'Création du pad…',
  'home.error.network': 'Impossible de joindre le serveur. Vérifiez la connexion puis réessayez.',
  'home.error.rateLimited':
    'Trop de pads ont été créés depuis cette adresse. Réessayez dans quelques minutes.',
  'home.error.invalid': 'Le pad n’a pas pu être créé\u00A0: {message}',
  'home.error.server': 'Le serveur a rencontré un problème. Réessayez dans un instant.',
  'home.error.titleTooLong': 'Le titre est trop long ({max} caractères au plus).',

  'pad.documentTitle': '{title} — Atelier Pad',
  'pad.untitled': 'Pad sans titre',
  'pad.skipToEditor': 'Aller à l’éditeur',
  'pad.menu': 'Menu',
  'pad.loading': 'Ouverture du pad…',
  'pad.retrying': 'Le serveur ne répond pas. Nouvel essai dans quelques secondes…',
  'pad.readOnlyBadge': 'Lecture seule',
  'pad.lockedBadge': 'Pad verrouillé',
  'pad.error.badLink': 'Ce lien de pad n’est pas valide. Vérifiez qu’il a été copié en entier.',
  'pad.error.unknownPad': 'Ce pad n’existe pas, ou il a été supprimé.',
  'pad.error.linkReplaced': 'L’animatrice ou l’animateur a remplacé ce lien. Demandez le nouveau lien.',
  'pad.error.generic': 'Le pad n’a pas pu être ouvert\u00A0: {message}',
  'pad.error.homeLink': 'Créer un nouveau pad',

  'details.label': 'À propos de ce pad',
  'details.license': 'Licence\u00A0:',
  'details.expiry.on': 'Ce pad sera supprimé le {date} s’il n’est plus modifié.',
  'details.expiry.never': 'Ce pad est conservé jusqu’à ce que l’animateur·rice le supprime.',

  'lock.notice.edit': 'Pad verrouillé\u00A0: l’animateur·rice a suspendu l’écriture. Vous pouvez continuer à lire.',
  'lock.notice.admin':
    'Pad verrouillé\u00A0: les participant·es ne peuvent plus écrire. Avec le lien d’animation, vous pouvez encore le modifier.',

  'editor.label': 'Contenu du pad',
  'editor.placeholder': 'Commencez à écrire ici…',
  'editor.keysHint': '{leave} pour quitter l’éditeur, {help} pour la liste des raccourcis clavier.',

  'toolbar.label': 'Mise en forme',
  'toolbar.paragraph': 'Paragraphe',
  'toolbar.paragraph.glyph': '¶',
  'toolbar.heading1': 'Titre de niveau 1',
  'toolbar.heading1.glyph': 'T1',
  'toolbar.heading2': 'Titre de niveau 2',
  'toolbar.heading2.glyph': 'T2',
  'toolbar.heading3': 'Titre de niveau 3',
  'toolbar.heading3.glyph': 'T3',
  'toolbar.bold': 'Gras',
  'toolbar.bold.glyph': 'G',
  'toolbar.italic': 'Italique',
  'toolbar.italic.glyph': 'I',
  'toolbar.link': 'Lien',
  'toolbar.link.glyph': 'Lien',
  'toolbar.bulletList': 'Liste à puces',
  'toolbar.bulletList.glyph': '•',
  'toolbar.orderedList': 'Liste numérotée',
  'toolbar.orderedList.glyph': '1.',
  'toolbar.blockquote': 'Citation',
  'toolbar.blockquote.glyph': '«»',
  'toolbar.sinkListItem': 'Augmenter le retrait de l’élément de liste',
  'toolbar.sinkListItem.glyph': '⇥',
  'toolbar.liftListItem': 'Diminuer le retrait de l’élément de liste',
  'toolbar.liftListItem.glyph': '⇤',
  'toolbar.initiative': 'Initiative\u00A0: ajouter une fiche',
  'toolbar.initiative.glyph': 'Initiative',
  'toolbar.undo': 'Annuler',
  'toolbar.undo.glyph': '↶',
  'toolbar.redo': 'Rétablir',
  'toolbar.redo.glyph': '↷',
  'toolbar.shortcuts': 'Raccourcis clavier',
  'toolbar.shortcuts.glyph': 'Raccourcis clavier',
  'toolbar.shortcut': '{label} ({shortcut})',
  'shortcut.mod': 'Ctrl',
  'shortcut.alt': 'Alt',
  'shortcut.shift': 'Maj',
  'shortcut.then': 'puis',
  'shortcut.or': 'ou',
  'shortcut.key.enter': 'Entrée',
  'shortcut.key.escape': 'Échap',
  'shortcut.key.backspace': 'Retour arrière',
  'shortcut.key.delete': 'Suppr',
  'shortcut.key.tab': 'Tab',
  'shortcut.key.space': 'Espace',

  'shortcuts.title': 'Raccourcis clavier',
  'shortcuts.intro':
    'Dans l’éditeur, Tab sert aux listes et aux fiches initiative\u00A0: {leave} en sort toujours, sans rien modifier. Les autres touches d’édition (flèches, sélection, copier-coller) sont celles du navigateur.',
  'shortcuts.close': 'Fermer',
  'shortcuts.keys': 'Touches',
  'shortcuts.action': 'Action',
  'shortcuts.section.page': 'Sur toute la page',
  'shortcuts.section.leave': 'Sortir de l’éditeur',
  'shortcuts.section.text': 'Mise en forme',
  'shortcuts.section.auto': 'En tapant, au début d’une ligne',
  'shortcuts.section.list': 'Listes',
  'shortcuts.section.card': 'Fiches initiative',
  'shortcuts.help': 'Afficher cette liste des raccourcis, même en écrivant',
  'shortcuts.helpOutsideText': 'Afficher cette liste, hors d’un champ de texte (où «\u202F?\u202F» s’écrit)',
  'shortcuts.leaveForward': 'Quitter l’éditeur vers la suite de la page, sans rien modifier',
  'shortcuts.leaveBackward': 'Quitter l’éditeur vers la barre de mise en forme, sans rien modifier',
  'shortcuts.tabOut': 'Hors d’une liste et d’une fiche\u00A0: passer à l’élément suivant ou précédent de la page',
  'shortcuts.paragraph': 'Faire du bloc un paragraphe',
  'shortcuts.heading1': 'Faire du bloc un titre de niveau 1',
  'shortcuts.heading2': 'Faire du bloc un titre de niveau 2',
  'shortcuts.heading3': 'Faire du bloc un titre de niveau 3',
  'shortcuts.bold': 'Gras',
  'shortcuts.italic': 'Italique',
  'shortcuts.link': 'Ajouter un lien, ou retirer celui où se trouve le curseur',
  'shortcuts.lineBreak': 'Aller à la ligne sans changer de paragraphe',
  'shortcuts.undo': 'Annuler votre dernière modification (jamais celle d’une autre personne)',
  'shortcuts.redo': 'Rétablir ce que vous avez annulé',
  'shortcuts.typedHeading': 'Titre de niveau 1, 2 ou 3',
  'shortcuts.typedBulletList': 'Liste à puces',
  'shortcuts.typedOrderedList': 'Liste numérotée',
  'shortcuts.typedQuote': 'Citation',
  'shortcuts.undoAutoFormat': 'Juste après l’une de ces mises en forme\u00A0: l’annuler',
  'shortcuts.newListItem': 'Nouvel élément\u202F; sur un élément vide, remonter d’un niveau ou sortir de la liste',
  'shortcuts.indent': 'Augmenter le retrait de l’élément (sans effet sur le premier élément d’une liste)',
  'shortcuts.outdent': 'Diminuer le retrait de l’élément (sans effet au premier niveau\u00A0: l’élément reste dans la liste)',
  'shortcuts.nextField': 'Champ suivant, son contenu sélectionné\u202F; après le dernier, sortir de la fiche',
  'shortcuts.previousField': 'Champ précédent, son contenu sélectionné\u202F; avant le premier, sortir de la fiche',
  'shortcuts.fieldEnter': 'Aller à la fin du champ suivant\u202F; après le dernier, à la ligne sous la fiche',
  'shortcuts.fieldBackspace': 'Au début d’un champ\u00A0: revenir à la fin du champ précédent',
  'shortcuts.fieldDelete': 'À la fin d’un champ\u00A0: rien (deux champs ne fusionnent jamais)',

  'link.prompt': 'Adresse du lien (http, https ou mailto)\u00A0:',
  'link.invalid':
    'Cette adresse n’est pas acceptée. Utilisez une adresse web (http:// ou https://) ou une adresse e-mail.',

  'name.dialogTitle': 'Comment vous appelez-vous\u202F?',
  'name.dialogHelp':
    'Votre nom s’affiche à côté de votre curseur et dans la liste des personnes présentes, et la recette vous crédite sous ce nom. Il est retenu sur cet appareil.',
  'name.label': 'Votre nom',
  'name.submit': 'Valider',
  'name.invalid': 'Indiquez un nom de 1 à {max} caractères.',
  'name.guest': 'Invité·e {number}',
  'name.change': 'Changer votre nom (actuellement\u00A0: {name})',
  'name.organisation': 'Votre structure (facultatif)',
  'name.organisationHelp': 'La recette l’écrit après votre nom, entre parenthèses.',
  'name.unnamed': 'Ne pas me nommer dans la recette',
  'name.unnamedHelp': 'Vous serez compté·e parmi «\u202Fles autres personnes\u202F» qui ont écrit, sans votre nom. Pour un pseudonyme, écrivez-le comme nom.',

  'export.menu': 'Exporter',
  'export.intro': 'Le pad comme recette libre, avec sa licence et ses auteur·rices\u00A0:',
  'export.html': 'Page web (HTML)',
  'export.html.help': 'à lire dans le navigateur ou à imprimer en PDF',
  'export.odt': 'Document LibreOffice (ODT)',
  'export.odt.help': 'à retravailler dans un traitement de texte',
  'export.md': 'Markdown',
  'export.md.help': 'texte simple, pour un wiki ou un site',
  'export.csv': 'Initiatives (CSV)',
  'export.csv.help': 'la liste des initiatives, en données ouvertes, pour un tableur',
  'export.csvMetadata': 'Licence des initiatives (CSVW)',
  'export.csvMetadata.help': 'la description et la licence du CSV, pour un portail de données ouvertes',
  'export.json': 'Données (JSON)',
  'export.json.help': 'la recette structurée, pour d’autres outils',
  'export.pdfHint':
    'Pour un PDF\u00A0: ouvrez la page web et imprimez-la depuis le navigateur (Ctrl+P, «\u202FEnregistrer au format PDF\u202F»)\u202F; elle est mise en page pour l’impression.',

  'history.button': 'Historique',
  'history.title': 'Historique du pad',
  'history.close': 'Fermer',
  'history.intro':
    'Le serveur garde une version du pad après quelques minutes d’écriture, puis avant chaque verrouillage, restauration ou export. Choisissez-en une pour la relire et voir ce qui a changé depuis la précédente.',
  'history.loading': 'Chargement des versions…',
  'history.empty': 'Pas encore de version\u00A0: le serveur en garde une deux minutes après les premières modifications.',
  'history.error': 'L’historique n’a pas pu être chargé\u00A0: {message}',
  'history.versionLoading': 'Chargement de la version…',
  'history.versionError': 'Cette version n’a pas pu être chargée\u00A0: {message}',
  'history.timeline': 'Versions du pad',
  'history.slider': 'Parcourir les versions',
  'history.sliderValue': '{summary} (version {position} sur {count})',
  'history.when': '{day} à {time}',
  'history.onDate': 'le {date}',
  'history.named': '«\u202F{name}\u202F»',
  'history.kind.auto': 'Point automatique',
  'history.kind.named': 'Version nommée',
  'history.kind.before-lock': 'Avant verrouillage',
  'history.kind.before-restore': 'Avant restauration',
  'history.kind.before-export': 'Avant export',
  'history.kind.before-publish': 'Avant publication',
  'history.authorChange': '{name} {change}',
  'history.othersChange': 'autres personnes {change}',
  'history.change.one': '{change} caractère',
  'history.change.other': '{change} caractères',
  'history.noChange': 'Aucun changement de texte',
  'history.first': 'Première version gardée',
  'history.preview': 'Le pad tel qu’il était {when}, en lecture seule',
  'history.changes': 'Depuis la version précédente',
  'history.changes.first': 'C’est la plus ancienne version gardée\u00A0: rien avant elle à comparer.',
  'history.changes.none': 'Aucun changement de texte depuis la version précédente.',
  'history.changes.added.one': 'Ajouté par {name}\u00A0: {count} caractère',
  'history.changes.added.other': 'Ajouté par {name}\u00A0: {count} caractères',
  'history.changes.deleted.one': 'Retiré du texte de {name}\u00A0: {count} caractère',
  'history.changes.deleted.other': 'Retiré du texte de {name}\u00A0: {count} caractères',
  'history.unnamed': 'personnes non nommées',
  'history.mark.added': 'Ajouté par {name}',
  'history.mark.deleted': 'Retiré du texte de {name}',
  'history.legend.added': 'texte ajouté',
  'history.legend.deleted': 'texte retiré',
  'history.shown': 'Version affichée\u00A0: {summary}.',

  'authors.toggle': 'Couleurs par auteur·rice',
  'authors.legend': 'Légende\u00A0: qui a écrit quoi',
  'authors.none': 'Pas encore de texte signé (le texte des modèles n’a pas d’auteur·rice).',
  'authors.atCaret': 'Texte au curseur\u00A0: écrit par {name}',
  'authors.atCaretNone': 'Texte au curseur\u00A0: sans auteur·rice nommé·e',

  'presence.heading': 'Personnes présentes',
  'presence.you': '(vous)',
  'presence.count.one': '{count} personne',
  'presence.count.other': '{count} personnes',
  'presence.joined.name': '{name} a rejoint le pad.',
  'presence.joined.names': '{names} ont rejoint le pad.',
  'presence.joined.count': '{count} personnes ont rejoint le pad.',
  'presence.left.name': '{name} a quitté le pad.',
  'presence.left.names': '{names} ont quitté le pad.',
  'presence.left.count': '{count} personnes ont quitté le pad.',

  'status.connecting': 'Connexion au serveur…',
  'status.connected': 'Connecté',
  'status.unsynced': 'Modifications pas encore enregistrées sur le serveur',
  'status.offline': 'Hors ligne — vos modifications restent sur cet appareil',
  'status.offlineReadOnly': 'Hors ligne — reconnexion dès que le réseau revient',
  'status.closed.unknownPad': 'Ce lien ne correspond à aucun pad.',
  'status.closed.deleted': 'Ce pad a été supprimé.',
  'status.closed.participantRequired': 'Cette page date d’une version précédente du pad\u00A0: rechargez-la pour continuer à écrire.',
  'status.closed.locked': 'Le pad a été verrouillé pendant que vous écriviez. Reconnexion…',
  'status.closed.forbidden': 'Ce lien ne permet pas de faire cela.',
  'status.closed.rateLimited':
    'Trop de messages envoyés d’un coup. Nouvelle tentative dans quelques secondes.',
  'status.closed.storeUnavailable':
    'Le serveur ne peut pas enregistrer pour l’instant (base de données injoignable). Vos modifications restent sur cet appareil\u202F; reconnexion…',
  'status.closed.tooBig':
    'Une modification était trop volumineuse pour le serveur. Essayez de coller un texte plus court.',

  'links.intro': 'Chaque lien donne des droits différents\u00A0: partagez le bon.',
  'links.edit.label': 'Lien pour écrire',
  'links.edit.help': 'Pour les participant·es\u00A0: il permet d’écrire dans le pad.',
  'links.view.label': 'Lien pour lire',
  'links.view.help':
    'En lecture seule\u00A0: pour les personnes qui suivent sans écrire, ou pour publier le pad.',
  'links.admin.label': 'Lien d’animation',
  'links.admin.help':
    'Gardez-le pour vous\u00A0: il donne tous les droits sur le pad (verrouiller, supprimer, changer le lien d’écriture).',
  'links.copy': 'Copier',
  'links.copyLabel': 'Copier\u00A0: {label}',
  'links.copied': 'Lien copié.',
  'links.copyFailed': 'Copie automatique impossible\u00A0: le lien est sélectionné, copiez-le avec Ctrl+C.',

  'share.heading': 'Partager le pad',
  'share.qr.caption.edit': 'Scannez pour écrire dans le pad\u00A0:',
  'share.qr.caption.view': 'Scannez pour lire le pad\u00A0:',
  'share.qr.label.edit': 'QR code du lien pour écrire\u00A0: {link}',
  'share.qr.label.view': 'QR code du lien pour lire\u00A0: {link}',
  'share.qr.caption.locked': 'Pad verrouillé, en lecture seule. Scannez pour le lire\u00A0:',
  'share.qr.label.locked': 'QR code du lien, pad verrouillé en lecture seule\u00A0: {link}',

  'projection.open': 'Projeter le pad',
  'projection.openHelp': 'Plein écran pour le vidéoprojecteur, avec le texte en grand, le QR code et les personnes connectées.',
  'projection.label': 'Projection du pad',
  'projection.document': 'Contenu du pad, en lecture seule',
  'projection.scan.edit': 'Scannez pour écrire avec nous',
  'projection.scan.view': 'Scannez pour lire le pad',
  'projection.scan.locked': 'Pad verrouillé\u00A0: scannez pour le lire',
  'projection.count.one': '{count} personne connectée',
  'projection.count.other': '{count} personnes connectées',
  'projection.exit': 'Quitter la projection (Échap)',

  'facilitator.heading': 'Animation',
  'facilitator.intro': 'Ces réglages ne s’affichent qu’avec le lien d’animation.',
  'facilitator.error.network': 'impossible de joindre le serveur, réessayez.',
  'facilitator.error.forbidden': 'ce lien ne permet pas de le faire.',
  'facilitator.error.gone': 'ce pad n’existe plus.',
  'facilitator.error.rateLimited': 'trop de demandes d’un coup, réessayez dans un instant.',
  'facilitator.error.server': 'le serveur a rencontré un problème, réessayez dans un instant.',

  'settings.title': 'Titre du pad',
  'settings.event': 'Évènement',
  'settings.eventName': 'Nom de l’évènement',
  'settings.eventName.placeholder': 'Café projets de mars',
  'settings.eventDate': 'Date',
  'settings.eventPlace': 'Lieu',
  'settings.eventPlace.placeholder': 'Tiers-lieu La Miete, Villeurbanne',
  'settings.license': 'Licence de la recette',
  'settings.license.help': 'La licence sous laquelle le pad sera exporté et pourra être réutilisé.',
  'settings.dataLicense': 'Licence des initiatives (données ouvertes)',
  'settings.dataLicense.help': 'La licence de la liste des initiatives exportée en CSV et JSON. La Licence Ouverte 2.0 et l’ODbL sont celles que les organismes publics peuvent utiliser pour leurs données.',
  'settings.license.notLibre':
    'Attention\u00A0: CC BY-NC-SA interdit la réutilisation commerciale, ce n’est pas une licence libre. La recette ne pourra pas être reprise par tout le monde (une coopérative, une association qui facture ses ateliers…).',
  'settings.lifetime': 'Conserver le pad',
  'settings.lifetime.help':
    'Compté à partir de la dernière modification\u00A0: sans modification pendant cette durée, le pad est supprimé.',
  'settings.extraContributors': 'Autres personnes à créditer',
  'settings.extraContributors.placeholder': 'Camille Roux, Yanis',
  'settings.extraContributors.help':
    'Les personnes qui ont participé sans écrire dans le pad\u00A0: un nom par ligne, ou séparés par des virgules. L’export les crédite avec les auteur·rices.',
  'settings.save': 'Enregistrer les réglages',
  'settings.saving': 'Enregistrement…',
  'settings.saved': 'Réglages enregistrés\u00A0: tout le monde les voit.',
  'settings.unchanged': 'Rien n’a changé.',
  'settings.failed': 'Les réglages n’ont pas été enregistrés\u00A0: {reason}',
  'settings.problem': '{field}\u00A0: {problem}',
  'settings.error.tooLong': 'trop long ({max} caractères au plus).',
  'settings.error.date': 'indiquez une date valide.',
  'settings.error.license': 'choisissez une licence de la liste.',
  'settings.error.lifetime': 'choisissez une durée de la liste.',
  'settings.error.tooManyNames': '{max} noms au plus.',
  'settings.error.nameTooLong': 'un nom fait au plus {max} caractères.',

  'lifetime.day': 'un jour',
  'lifetime.week': 'une semaine',
  'lifetime.month': 'un mois',
  'lifetime.year': 'un an',
  'lifetime.forever': 'jusqu’à suppression',

  'lock.toggle': 'Verrouiller le pad',
  'lock.help.unlocked': 'Le pad est ouvert\u00A0: les participant·es peuvent écrire.',
  'lock.help.locked':
    'Le pad est verrouillé\u00A0: les participant·es ne peuvent plus écrire. Appuyez de nouveau pour le déverrouiller.',
  'lock.done.locked': 'Pad verrouillé.',
  'lock.done.unlocked': 'Pad déverrouillé\u00A0: les participant·es peuvent de nouveau écrire.',
  'lock.failed': 'Le verrou n’a pas pu être changé\u00A0: {reason}',

  'rotate.button': 'Changer le lien d’écriture',
  'rotate.help': 'Si le lien d’écriture a circulé trop loin\u00A0: l’ancien cesse de fonctionner.',
  'rotate.dialog.title': 'Changer le lien d’écriture\u202F?',
  'rotate.dialog.text':
    'L’ancien lien d’écriture cessera aussitôt de fonctionner\u00A0: les personnes connectées avec lui seront déconnectées et devront recevoir le nouveau lien (par exemple avec le QR code). Le lien de lecture et votre lien d’animation ne changent pas.',
  'rotate.confirm': 'Changer le lien',
  'rotate.done': 'Nouveau lien d’écriture créé\u00A0: partagez-le (il est dans «\u202FPartager le pad\u202F»).',
  'rotate.failed': 'Le lien n’a pas pu être changé\u00A0: {reason}',

  'delete.button': 'Supprimer le pad',
  'delete.help': 'Supprime le pad et tout son contenu du serveur, pour tout le monde.',
  'delete.dialog.title': 'Supprimer ce pad\u202F?',
  'delete.dialog.text':
    'Le pad et tout son contenu seront supprimés définitivement du serveur, pour tout le monde\u00A0: ses trois liens ne fonctionneront plus et cela ne peut pas être annulé.',
  'delete.dialog.export':
    'Exportez-le d’abord si vous voulez en garder une copie (menu «\u202FExporter\u202F»\u00A0: page web, LibreOffice, Markdown, CSV ou JSON).',
  'delete.dialog.exportLink': 'Exporter d’abord (page web HTML)',
  'delete.confirm': 'Supprimer définitivement',
  'delete.failed': 'Le pad n’a pas été supprimé\u00A0: {reason}',

  'dialog.cancel': 'Annuler',

  // The accessibility statement (accessibility.html): what it says must stay
  // true; change it with the checks it reports.
  'footer.accessibility': 'Accessibilité\u00A0: non conforme',

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
