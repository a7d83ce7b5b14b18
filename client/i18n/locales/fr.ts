/**
 * Every string the pages show, in French (the reference language). The keys of
 * this dictionary are the set of message keys: `en.ts` must have exactly the
 * same ones, which TypeScript and `i18n.test.ts` enforce. `{name}` marks a
 * value filled in by `formatMessage`. No markup: strings are always inserted as
 * text.
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
  'pad.loading': 'Ouverture du pad…',
  'pad.retrying': 'Le serveur ne répond pas. Nouvel essai dans quelques secondes…',
  'pad.readOnlyBadge': 'Lecture seule',
  'pad.lockedBadge': 'Pad verrouillé',
  'pad.error.badLink': 'Ce lien de pad n’est pas valide. Vérifiez qu’il a été copié en entier.',
  'pad.error.unknownPad': 'Ce pad n’existe pas, ou il a été supprimé.',
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
  'toolbar.shortcut': '{label} ({shortcut})',
  'shortcut.mod': 'Ctrl',
  'shortcut.alt': 'Alt',
  'shortcut.shift': 'Maj',

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

  'authors.toggle': 'Couleurs par auteur·rice',
  'authors.legend': 'Légende\u00A0: qui a écrit quoi',
  'authors.none': 'Pas encore de texte signé (le texte des modèles n’a pas d’auteur·rice).',

  'presence.heading': 'Personnes présentes',
  'presence.you': '(vous)',
  'presence.count.one': '{count} personne',
  'presence.count.other': '{count} personnes',

  'status.connecting': 'Connexion au serveur…',
  'status.connected': 'Connecté',
  'status.unsynced': 'Modifications pas encore enregistrées sur le serveur',
  'status.offline': 'Hors ligne — vos modifications restent sur cet appareil',
  'status.offlineReadOnly': 'Hors ligne — reconnexion dès que le réseau revient',
  'status.closed.unknownPad': 'Ce lien ne correspond à aucun pad.',
  'status.closed.deleted': 'Ce pad a été supprimé.',
  'status.closed.rotated': 'Le lien d’écriture a été changé par l’animateur·rice\u00A0: demandez le nouveau lien.',
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

  'projection.open': 'Projeter le pad',
  'projection.openHelp': 'Plein écran pour le vidéoprojecteur, avec le texte en grand, le QR code et les personnes connectées.',
  'projection.label': 'Projection du pad',
  'projection.document': 'Contenu du pad, en lecture seule',
  'projection.scan.edit': 'Scannez pour écrire avec nous',
  'projection.scan.view': 'Scannez pour lire le pad',
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
}
