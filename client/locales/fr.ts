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
    'Atelier Pad est un pad pour prendre des notes à plusieurs pendant un atelier, une rencontre ou un café projet. On le partage par un simple lien — certaines personnes écrivent, d’autres lisent — et, à la fin, on l’exporte comme une recette libre : ce qu’il a fallu, comment faire et ce que cela a produit, sous licence libre, en créditant toutes les personnes qui l’ont écrit.',
  'home.create.heading': 'Créer un pad',
  'home.create.titleLabel': 'Titre du pad (facultatif)',
  'home.create.titlePlaceholder': 'Collecte d’innovation sociale — café projet de mars',
  'home.create.hint':
    'Vous recevrez trois liens : un pour écrire, un pour lire et un pour l’animation.',
  'home.create.submit': 'Créer le pad',
  'home.create.submitting': 'Création du pad…',
  'home.error.network': 'Impossible de joindre le serveur. Vérifiez la connexion puis réessayez.',
  'home.error.rateLimited':
    'Trop de pads ont été créés depuis cette adresse. Réessayez dans quelques minutes.',
  'home.error.invalid': 'Le pad n’a pas pu être créé : {message}',
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
  'pad.error.generic': 'Le pad n’a pas pu être ouvert : {message}',
  'pad.error.homeLink': 'Créer un nouveau pad',

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
  'toolbar.undo': 'Annuler',
  'toolbar.undo.glyph': '↶',
  'toolbar.redo': 'Rétablir',
  'toolbar.redo.glyph': '↷',
  'toolbar.shortcut': '{label} ({shortcut})',
  'shortcut.mod': 'Ctrl',
  'shortcut.alt': 'Alt',
  'shortcut.shift': 'Maj',

  'link.prompt': 'Adresse du lien (http, https ou mailto) :',
  'link.invalid':
    'Cette adresse n’est pas acceptée. Utilisez une adresse web (http:// ou https://) ou une adresse e-mail.',

  'name.dialogTitle': 'Comment vous appelez-vous ?',
  'name.dialogHelp':
    'Votre nom s’affiche à côté de votre curseur et dans la liste des personnes présentes. Il est retenu sur cet appareil.',
  'name.label': 'Votre nom',
  'name.submit': 'Valider',
  'name.invalid': 'Indiquez un nom de 1 à {max} caractères.',
  'name.guest': 'Invité·e {number}',
  'name.change': 'Changer votre nom (actuellement : {name})',

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
  'status.closed.rotated':
    'Le lien d’écriture a changé : demandez le nouveau lien à la personne qui anime.',
  'status.closed.locked': 'Le pad a été verrouillé : il n’est plus modifiable.',
  'status.closed.forbidden': 'Ce lien ne permet pas de faire cela.',
  'status.closed.rateLimited':
    'Trop de messages envoyés d’un coup. Nouvelle tentative dans quelques secondes.',
  'status.closed.tooBig':
    'Une modification était trop volumineuse pour le serveur. Essayez de coller un texte plus court.',

  'links.heading': 'Liens du pad',
  'links.intro': 'Chaque lien donne des droits différents : partagez le bon.',
  'links.edit.label': 'Lien pour écrire',
  'links.edit.help': 'Pour les participant·es : il permet d’écrire dans le pad.',
  'links.view.label': 'Lien pour lire',
  'links.view.help':
    'En lecture seule : pour les personnes qui suivent sans écrire, ou pour publier le pad.',
  'links.admin.label': 'Lien d’animation',
  'links.admin.help':
    'Gardez-le pour vous : il donne tous les droits sur le pad (verrouiller, supprimer, changer le lien d’écriture).',
  'links.copy': 'Copier',
  'links.copyLabel': 'Copier : {label}',
  'links.copied': 'Lien copié.',
  'links.copyFailed': 'Copie automatique impossible : le lien est sélectionné, copiez-le avec Ctrl+C.',
}
