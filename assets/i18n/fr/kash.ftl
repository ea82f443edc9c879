# kash-pos, français. Every message exists in both files with the same arguments (a test checks).

context-loading = Démarrage
context-sale = Vente
context-search = Recherche
context-departments = Rayons
context-line_edit = Modifier la ligne
context-variation = Choix de la déclinaison
context-payment = Paiement
context-tender = Espèces reçues
context-confirm = Confirmation
context-receipt = Vente enregistrée
context-help = Aide
context-unknown_code = Code inconnu
context-attention = Ventes à régler
context-tables = Tables
context-open_orders = Commandes ouvertes
context-order_details = Détails de la commande
context-order_pay = Paiements d’une commande rappelée
context-refund_orders = Remboursement : choisir la commande
context-refund_lines = Remboursement : choisir les lignes
context-sending = Envoi d’une commande
count-lines = { $count ->
    [one] { $count } ligne
   *[other] { $count } lignes
}
header-connecting = ○ connexion
header-online = ● en ligne
header-offline = ✗ hors ligne
header-queued = { $count } en attente
header-blind = recherche aveugle
header-to-settle = { $count } à régler : Ctrl-W
header-demo = DÉMO
header-shop = boutique { $shop }
header-user = vendeur { $user }
header-till = caisse { $till }
header-catalog-incomplete = catalogue incomplet
header-local-lists = listes de la copie locale
basket-empty = Panier — vide
basket-count = Panier — { $lines ->
    [one] { $lines } ligne
   *[other] { $lines } lignes
}, { $articles_n ->
    [one] { $articles } article
   *[other] { $articles } articles
}
basket-short = Panier ({ $lines })
basket-hint-1 = Scannez un code-barres, tapez un code ou un n° d’article et Entrée,
basket-hint-2 = ou tapez des lettres pour chercher par nom.  F10 : rayons.  ? : aide
total-caps = TOTAL
entry-search = Recherche par nom
entry-department = Montant d’une ligne libre dans le rayon
entry-tender = Espèces reçues (Entrée seule : montant exact)
entry-code = Code, quantité (3*) ou nom
entry-refused = Code refusé : scannez à nouveau
side-total = Total
side-every-mode = Tous les modes, impayé, ouverte
side-pay = Payer
context-covers = { $covers } couv.
context-pager = bipeur { $pager }
recalled-validated = validée
recalled-gone = fermée ailleurs
recalled-sep-validated = validée : F9 enregistre les paiements
recalled-sep-new = nouvelles lignes : scannez ou tapez ; F9 paie
recalled-sep-unsent = non envoyées : Ctrl-P envoie, F9 paie
recalled-unreadable = { $count ->
    [one] { $count } ligne illisible (total du serveur)
   *[other] { $count } lignes illisibles (total du serveur)
}
msg-unreadable-confirm = { $count ->
    [one] { $count } ligne de cette commande n’a pas pu être lue : son total sur Kash.click est { $total }. Pour payer ce total, appuyez à nouveau sur la touche
   *[other] { $count } lignes de cette commande n’ont pas pu être lues : son total sur Kash.click est { $total }. Pour payer ce total, appuyez à nouveau sur la touche
}
col-item = Article
col-qty = Qté
col-unit = P.U.
col-total = Total
payment-title = Paiement — total { $total }
payment-refund-kind = remb.
tender-total = Total
tender-tendered = Reçu
tender-change = Rendu
tender-not-enough = Insuffisant
tender-hint = Tapez le montant reçu, puis Entrée
receipt-recorded = Commande { $order } enregistrée
receipt-provisional = PROVISOIRE — vente en attente, pas encore sur Kash.click
receipt-order-number = N° commande
receipt-to-come = à venir
receipt-total = Total
receipt-payment = Paiement
receipt-tendered = Reçu
receipt-change = À rendre
receipt-change-caps = À RENDRE
receipt-invoice = Facture
receipt-next = Une touche : vente suivante (un scan la commence)
confirm-clear-title = Nouvelle vente
confirm-clear = Vider le panier ? Ses lignes sont perdues.
confirm-quit-title = Quitter
confirm-quit = Quitter ? Le panier est gardé pour le prochain démarrage.
confirm-keys = Entrée / O : oui     Échap / N : non
unknown-title = Code inconnu
unknown-no-item = Aucun article n’a le code
unknown-search = chercher l’article par nom
unknown-free-line = ligne libre à un prix saisi dans un rayon
unknown-ignore = ignorer : rien n’est ajouté
search-results = { $count ->
    [one] { $count } résultat
   *[other] { $count } résultats
}
search-results-quantity = { $count ->
    [one] { $count } résultat
   *[other] { $count } résultats
} · quantité { $quantity }
search-results-best = { $shown } premiers résultats sur { $count }
search-results-best-quantity = { $shown } premiers résultats sur { $count } · quantité { $quantity }
search-none = Aucun article ne correspond.
sending-title = Envoi
sending-order = Envoi de la commande à Kash.click…
sending-basket-stays = Le panier reste jusqu’à la réponse du serveur
sending-keys-wait = Les touches attendent la réponse.
help-title = Touches ({ $from }–{ $to } sur { $count }) — ↑/↓ PgPréc/PgSuiv défilent, Échap ferme
help-entry-line = Ligne de saisie
help-digits = chiffres
help-digits-desc = Un code-barres ou un n° d’article, puis Entrée (une douchette envoie Entrée elle-même)
help-quantity = 3*
help-quantity-desc = Quantité pour le code suivant : 3*, 0,350* pour les articles pesés
help-letters = lettres
help-letters-desc = Recherche par nom ; ↑/↓ et Entrée pour ajouter



# Screens of orders, start-up, dialogs.
loading-shop = Chargement de la boutique { $shop } ({ $done }/{ $count })
loading-pending = chargement
loading-skipped = { $count } ({ $skipped ->
    [one] { $skipped } illisible, ignoré
   *[other] { $skipped } illisibles, ignorés
})
loading-cached = { $count } de la copie locale du { $when }
list-items = articles
list-departments = rayons
list-department-groups = groupes de rayons
list-customers = clients
list-variations = déclinaisons
list-delivery-methods = modes de livraison
list-payment-modes = modes de paiement
list-cashboxes = caisses
list-delivery-zones = zones de livraison
list-relay-points = points relais
list-discounts = remises
list-users = vendeurs
list-tables = tables
list-open-orders = commandes ouvertes
loading-failed = { $count ->
    [one] { $count } liste n’a pas pu être chargée.
   *[other] { $count } listes n’ont pas pu être chargées.
}
loading-keys-required = R réessayer · Ctrl-Q quitter (articles et modes de paiement nécessaires)
loading-keys = R réessayer · C continuer sans elles · Ctrl-Q quitter
loading-wait = Veuillez patienter…
line-edit-title = Ligne { $number } : { $title }
field-quantity = Quantité
field-unit-price = Prix unit.
field-title = Libellé
field-discount = Remise
field-covers = Couverts
field-pager = Bipeur
field-delivery = Livraison
field-customer = Client
field-public-comment = Commentaire public
field-private-comment = Commentaire privé
variation-step = Choix { $step } sur { $count }
count-items = { $count ->
    [one] { $count } article
   *[other] { $count } articles
}
tables-title = Table
tables-free = libre
tables-open = { $count ->
    [one] { $count } ouverte
   *[other] { $count } ouvertes
} · { $total }
tables-seats = { $count ->
    [one] { $count } place
   *[other] { $count } places
}
attention-hint = Leur issue est inconnue. Vérifiez sur Kash.click, puis choisissez.
attention-order-number = N° de commande si déjà enregistrée :
attention-refund-copy = Entrée : rembourser la copie, d’après ses lignes sur Kash.click
delivery-take-away = À emporter
delivery-to-be-delivered = À livrer
delivery-on-site = Sur place
delivery-drive-thru = Drive
delivery-counter-sale = Vente au comptoir
delivery-relay-point = Point relais
delivery-to-be-shipped = À expédier
details-no-customers = aucun client chargé
details-customers = { $count ->
    [one] { $count } client
   *[other] { $count } clients
} : ←/→
details-public = Commentaire public (sur le ticket)
details-private = Commentaire privé (équipe seulement)
details-comment-keys = Entrée : nouvelle ligne · Ctrl-S : appliquer
order-pay-title = Paiements — { $order }
order-label = commande { $number }
order-pay-total = Total
order-pay-paid = Payé
order-pay-due = Reste dû
order-pay-recorded = Enregistrés ici :
order-pay-done = Payée en totalité.
order-pay-change = À rendre : { $change }
order-pay-next = Une touche : nouvelle vente
order-pay-empty = (vide : { $due })
order-pay-amount = Montant
order-pay-hint = Tapez un montant, puis F1–F8 ou Entrée
order-pay-mode = Mode


# Open orders and refunds.
orders-status-paid = payé { $amount }
orders-status-validated = validée
orders-status-open = ouverte
orders-all-tables = toutes les tables
orders-none = Aucune commande ouverte. Ctrl-P sur l’écran de vente en met une en attente.
col-order = Cde
col-table = Table
col-covers = Cvts
col-age = Âge
age-no-date = sans date
age-bad-date = illisible
orders-note-no-date = { $count ->
    [one] Le serveur a envoyé une commande sans date : son âge n’est pas connu.
   *[other] Le serveur a envoyé { $count } commandes sans date : leur âge n’est pas connu.
}
orders-note-bad-date = { $count ->
    [one] Une commande a une date que la caisse ne sait pas lire : son âge n’est pas connu.
   *[other] { $count } commandes ont une date que la caisse ne sait pas lire : leur âge n’est pas connu.
}
count-lines-unreadable = { $count ->
    [one] { $count } ligne
   *[other] { $count } lignes
}, { $unreadable ->
    [one] { $unreadable } illisible
   *[other] { $unreadable } illisibles
}
col-customer = Client
col-status = État
col-lines = Lignes
col-sold = Vendu
col-refund = Remb.
refund-orders-title = Remboursement — commandes validées des 7 derniers jours
refund-note = Une commande validée n’est jamais modifiée : le remboursement est une nouvelle commande aux quantités négatives.
refund-loading = Chargement des commandes validées…
refund-none = Aucune commande validée ces 7 derniers jours.
refund-from = Remboursement de la { $order }
refund-lines-note = { $order } est validée et reste telle quelle (loi française sur les logiciels de caisse) : le remboursement est une nouvelle commande aux quantités négatives.
refund-total = Total remboursé { $total }
fresh-ago = il y a { $age }
fresh-failed = Liste obtenue{ $ago } — échec de l’actualisation : { $why }
fresh-not-loaded = Commandes ouvertes non chargées : { $why }
fresh-updated = Mise à jour{ $ago }
fresh-refreshing = , actualisation…
fresh-loading = Chargement des commandes ouvertes…

# Status messages.
msg-added = Ajouté : { $title } · total { $total }
msg-unknown-code = Code inconnu { $code }
msg-unknown-code-typed = Code inconnu { $code } : corrigez-le, ou tapez des lettres pour chercher
msg-basket-empty = Le panier est vide
msg-sending-order = Envoi de la commande…
msg-load-required = Les articles et les modes de paiement sont nécessaires pour vendre : réessayez (R)
msg-started-without = Démarré sans { $lists }
msg-skipped = { $count ->
    [one] { $count } élément illisible ou hors limites ignoré : voir le journal
   *[other] { $count } éléments illisibles ou hors limites ignorés : voir le journal
}
msg-duplicate-barcodes = { $count ->
    [one] { $count } code-barres porté par plusieurs articles : voir le journal
   *[other] { $count } codes-barres portés par plusieurs articles : voir le journal
}
msg-offline-start = Démarrage hors ligne : listes enregistrées le { $when } ; les ventes attendront
msg-ready-restored = Prêt : { $items } articles · panier restauré après un redémarrage ({ $lines ->
    [one] { $lines } ligne
   *[other] { $lines } lignes
})
msg-ready = Prêt : { $items } articles
msg-left-recalled = { $order } quittée (toujours sur le serveur) : nouvelle vente
msg-details-cleared = Détails de la commande effacés
msg-no-attention = Aucune vente n’attend de décision
msg-select-line = Sélectionnez d’abord une ligne (↑/↓)
msg-removed = Retiré : { $title }
msg-weighed-line = Ligne pesée : modifiez sa quantité (Entrée)
msg-quantity-zero = La quantité ne peut pas être 0 : Suppr retire la ligne
msg-quantity-set = Quantité notée : scannez ou tapez maintenant le code
msg-no-tables = Aucune table dans cette boutique
msg-nothing-to-park = Le panier est vide : rien à garer
msg-parking = Mise en attente de la commande…
msg-parking-label = Mise en attente de la commande
msg-leave-recalled-first = Quittez d’abord la commande rappelée (Ctrl-N), puis Ctrl-R
msg-negated = Remboursement : quantités rendues négatives — à payer avec un mode de remboursement (Ctrl-R à nouveau annule)
msg-positive-again = Quantités redevenues positives : une vente
msg-no-payment-mode = Aucun mode de paiement { $key }
msg-not-an-amount = { $typed } n’est pas un montant
msg-basket-cleared = Panier vidé
msg-search-none = Aucun article ne correspond : changez la recherche ou Échap
msg-type-name = Tapez le nom de l’article pour { $code }
msg-not-added = Non ajouté
msg-no-departments = Aucun rayon dans cette boutique

msg-journal-write-failed = Non enregistrée : le journal local n’a pas pu être écrit ({ $error }). Le panier est gardé.
msg-order-recorded = Commande { $order } enregistrée
msg-not-recorded = Non enregistrée : { $why }
msg-keys-ignored = { $count ->
    [one] { $count } touche tapée entre-temps a été ignorée
   *[other] { $count } touches tapées entre-temps ont été ignorées
}
msg-recorded-as = Kash.click a enregistré { $sale } : commande { $order }
msg-refused-by-kash = refusée par Kash.click : { $message }
msg-journal-error = Journal : { $error }
msg-need-decision = { $count ->
    [one] { $count } vente attend votre décision : Ctrl-W
   *[other] { $count } ventes attendent votre décision : Ctrl-W
}
msg-provisional = Provisoire : vente en attente, envoyée quand Kash.click répondra
msg-settled = Réglé : le journal est à jour
msg-journal-update-failed = Impossible de mettre à jour le journal : { $error }
msg-no-longer-open = { $order } n’est plus ouverte : elle a été fermée ou payée sur un autre terminal
msg-parked = Garée{ $table } : { $sale } ; nouvelle vente
msg-not-parked = Non garée : le journal local n’a pas pu être écrit ({ $error }) ; le panier est gardé
msg-updated-pay = { $order } mise à jour : payez maintenant
msg-updated-open = { $order } mise à jour et laissée ouverte : nouvelle vente
msg-validated-pay = { $order } validée : enregistrez ses paiements
msg-paid-full = { $order } payée en totalité
msg-paid-part = { $amount } en { $mode } : reste dû { $due }
msg-answer-lost = { $order } : la réponse s’est perdue ({ $why }) ; elle a pu être enregistrée. Vérifiez les commandes ouvertes (actualisation en cours) avant de réessayer
msg-outcome-unknown = Issue inconnue : voir le message ; actualisation
msg-payment-not-recorded = { $order } : paiement non enregistré
msg-not-validated-why = Non validée : { $why }
msg-not-validated = { $order } non validée
msg-not-changed = { $order } non modifiée : { $why } (ce que vous avez tapé est gardé)

msg-law = une commande validée n’est jamais modifiée ni supprimée (loi française sur les logiciels de caisse) : remboursez-la plutôt (Ctrl-R)
msg-validated-no-change = { $order } est validée : ses lignes et ses détails ne peuvent pas être modifiés — { $law }. Les nouvelles lignes restent dans le panier.
msg-sending-again = Nouvel envoi : { $sale }
msg-type-order-number = Tapez le numéro de commande affiché dans Kash.click, puis Entrée
msg-department-empty = Aucun article ici : tapez un montant et Entrée pour une ligne libre
msg-department-amount = Ici, la saisie prend un montant pour une ligne libre
msg-no-customers = Aucun client chargé depuis la boutique
msg-customer = Client { $name }
msg-not-a-number = { $what } { $typed } n’est pas un nombre
msg-details-set-send = Détails de la commande notés : Ctrl-P les envoie
msg-details-set = Détails de la commande notés
msg-no-such-discount = La boutique n’a pas cette remise
msg-bad-quantity = La quantité { $typed } n’est pas un nombre (ni 0)
msg-bad-price = Le prix { $typed } n’est pas un montant
msg-empty-title = Le libellé ne peut pas être vide
msg-bad-discount = Remise { $typed } : tapez 10% ou un montant
msg-line-gone = La ligne n’existe plus
msg-refresh-under-way = Une actualisation est déjà en cours
msg-is-validated-law = { $order } est validée : { $law }
msg-stays-open = { $order } reste ouverte : rappelez-la (Entrée) pour la payer ou la compléter ; la caisse ne supprime jamais une commande
msg-nothing-to-recall = Aucune commande ouverte à rappeler
msg-park-before-recall = Garez (Ctrl-P) ou videz (Ctrl-N) la vente en cours avant de rappeler une commande
msg-recalled-validated = { $order } rappelée ; elle est validée : F9 enregistre ses paiements
msg-recalled = { $order } rappelée : ajoutez des lignes, Ctrl-P les envoie et la laisse ouverte, F9 paie
msg-already-validated = { $order } est déjà validée
msg-validating = Validation de la { $order }
msg-recording-payment = Enregistrement de { $amount } en { $mode }
payment-validated-unpaid = Validée, impayée
payment-open-order = Commande ouverte
msg-nothing-to-refund = Rien à rembourser : toutes les quantités sont à 0
refund-comment = Remboursement de la { $order }
msg-refund-in-basket = Remboursement de la { $order } : à payer avec un mode de remboursement{ $key }
msg-table-open-orders = { $table } : { $count ->
    [one] { $count } commande ouverte
   *[other] { $count } commandes ouvertes
} — Ctrl-O pour rappeler
msg-no-table = Sans table
msg-tendered-short = { $tendered } reçus, c’est moins que le total { $total }
msg-variation-interrupted = Non ajouté : { $title } (un scan est arrivé avant son choix)
msg-cannot-change = { $order } ne peut pas être modifiée : { $law }
msg-left-open = { $order } laissée ouverte, inchangée : nouvelle vente
msg-sending-to = Envoi à la { $order }
msg-sending-new-lines = Envoi des nouvelles lignes à la { $order }


# Key names on the keyboard.
keyname-enter = Entrée
keyname-esc = Échap
keyname-del = Suppr
keyname-ins = Inser
keyname-space = Espace
keyname-backspace = Retour arrière
keyname-home = Début
keyname-end = Fin
keyname-pgup = PgPréc
keyname-pgdn = PgSuiv
keyname-shift = Maj


# The command line.
cli-config-error = erreur de configuration dans { $error }
cli-otp-sent = Un mot de passe à usage unique a été envoyé à { $email }. Tapez-le :
cli-logged-in = Connecté : boutique { $shop }, clé { $key } enregistrée dans { $key_file } ; configuration dans { $config }
cli-unknown-format = format inconnu { $format } : csv ou json
cli-warning = attention : { $warning }
cli-check-json = Écrit le rapport en JSON, pour les scripts
check-title = kash-pos check : boutique { $shop } sur { $url }
check-col-endpoint = Service
check-col-answer = Réponse
check-col-elements = Éléments
check-col-unreadable = Illisibles
check-col-time = Durée
check-answer-json = JSON
check-answer-not-served = absent (404)
check-answer-not-json = pas du JSON
check-answer-refused = refusé
check-answer-failed = pas de réponse
check-lookup = Recherche
check-clock = Horloge du serveur
check-rtt = Aller-retour
check-sighted = voyante : la dernière vente confirmée de cette caisse ({ $reference }) est retrouvée par sa référence
check-blind = aveugle : { $why }
check-not-known-no-journal = pas encore connue : cette caisse n’a pas encore de journal (aucune vente)
check-not-known-demo = non vérifiée : la boutique de démonstration repart vide à chaque fois, les ventes précédentes de cette caisse n’y sont pas
check-not-known-no-sale = pas encore connue : cette caisse n’a encore confirmé aucune vente pour vérifier la recherche
check-not-known-journal = pas encore connue : le journal ne peut pas être lu ({ $error })
check-lookup-failed = pas de réponse : { $error }
check-clock-unknown = inconnue (aucune réponse n’a donné de date)
check-clock-ok = à moins d’une minute de cette machine
check-skew-minutes = { $minutes } min { $seconds } s
check-skew-seconds = { $seconds } s
check-skew-ahead = { $amount } d’avance sur cette machine (la caisse prend l’horloge du serveur pour ses recherches)
check-skew-behind = { $amount } de retard sur cette machine (la caisse prend l’horloge du serveur pour ses recherches)
check-rtt-none = pas de réponse
check-rtt-median = médiane { $median } sur { $count ->
    [one] { $count } réponse
   *[other] { $count } réponses
}
check-all-good = Tout ce dont la caisse a besoin répond.
check-mark-missing = MANQUE
check-mark-warning = note
check-no-answer = Le serveur ne répond à aucune demande : la caisse ne peut pas démarrer sur ce compte.
check-missing-catalog = getPlus.php ne donne pas le catalogue : la caisse ne peut pas démarrer.
check-missing-modes = getPaymentModes.php ne donne aucun mode de paiement : les ventes ne peuvent pas être payées.
check-missing-pending = getPending.php ne donne pas les commandes en cours : une commande en attente ne peut pas être reprise, et une vente dont la réponse est perdue ne peut pas être recherchée.
check-missing-orders = getOrders.php ne répond pas : une vente payée ne peut pas être recherchée, donc une vente dont la réponse est perdue attendra votre décision (Ctrl-W).
check-missing-blind = La recherche est aveugle : une vente dont la réponse est perdue attendra votre décision (Ctrl-W), jamais renvoyée d’elle-même.
check-missing-lookup = La recherche n’a pas répondu : une vente dont la réponse est perdue attend qu’elle réponde.
check-warn-no-comments = Aucune commande des listes ne porte de commentaire privé : la recherche sera sans doute aveugle dès qu’une vente sera confirmée (relancez check après une vente).
check-warn-unreadable = { $count ->
    [one] { $count } élément
   *[other] { $count } éléments
} de { $endpoint }.php { $count ->
    [one] n’a pas pu être lu
   *[other] n’ont pas pu être lus
} : la caisse les laisse de côté et le dit.
check-warn-no-dates = { $count ->
    [one] { $count } commande
   *[other] { $count } commandes
} de { $endpoint }.php { $count ->
    [one] n’a pas de date
   *[other] n’ont pas de date
} : leur âge n’est pas affiché.
check-warn-unreadable-lines = { $count ->
    [one] { $count } ligne
   *[other] { $count } lignes
} dans { $orders ->
    [one] { $orders } commande
   *[other] { $orders } commandes
} de { $endpoint }.php { $count ->
    [one] n’a pas pu être lue
   *[other] n’ont pas pu être lues
} : une telle commande n’est payée que pour le total du serveur, après votre confirmation.
check-warn-list = { $endpoint }.php ne répond pas : la caisse démarre sans.
check-warn-clock = L’horloge du serveur a { $skew }.

msg-empty-code = Code vide
msg-bad-check-digit = Clé de contrôle fausse dans { $code } : scannez à nouveau

cli-about = Caisse enregistreuse au clavier, en terminal, pour Kash.click
cli-arg-config = Fichier de configuration (par défaut : celui du répertoire de configuration de l’utilisateur ; sans lui : la boutique de démonstration)
cli-arg-sign-in-url = Sans configuration : le service auquel la caisse se connecte (par défaut https://kash.click)
cli-sim = Sert le simulateur de Kash.click avec la boutique de démonstration (boutique `demo`, clé `demo`)
cli-check = Vérifie la configuration et la connexion, puis quitte
cli-login = Obtient l’identifiant de la boutique et la clé d’API par un mot de passe à usage unique envoyé par courriel (la méthode recommandée par l’éditeur) ou, avec --password, par identifiant et mot de passe, et les écrit dans la configuration (la clé dans un fichier que vous seul pouvez lire)
cli-arg-email = L’adresse électronique du compte
cli-arg-account-id = L’identifiant interne du compte, quand une adresse a plusieurs comptes
cli-arg-base-url = Le service (par défaut https://kash.click)
cli-report = Le rapport d’une journée : celui du serveur (`getSales.php`, les octets tels qu’envoyés) ou les chiffres de cette caisse d’après son journal (`--till`). En lecture seule ; fonctionne à côté d’une caisse ouverte
cli-arg-day = Le jour, AAAA-MM-JJ (par défaut : hier, comme le serveur ; avec --till, aujourd’hui)
cli-arg-report-format = std, pdf, xls, csv, frafec ou saft
cli-arg-output = Écrire dans ce fichier (entier ou pas du tout) au lieu de la sortie standard
cli-arg-till = Les chiffres de cette caisse d’après son journal : par mode de paiement, remboursements, ce qui n’est pas confirmé
cli-arg-till-json = Avec --till : les chiffres en JSON
report-bad-day = { $day } n’est pas un jour : écrivez-le AAAA-MM-JJ, par exemple 2026-11-30
report-future-day = { $day } n’est pas encore arrivé : il n’y a pas de ventes à rapporter
report-bad-format = format { $format } inconnu : std, pdf, xls, csv, frafec ou saft
report-binary-to-terminal = { $format } est un fichier binaire : écrivez-le avec -o FICHIER (ou redirigez la sortie), pas dans le terminal
report-empty = le serveur a envoyé une réponse vide pour le rapport { $format } : rien n’est écrit
report-html = le serveur a envoyé une page web au lieu du rapport { $format } (une erreur ou une page de connexion) : rien n’est écrit
report-not-pdf = la réponse du serveur n’est pas un fichier PDF : rien n’est écrit
report-written = { $bytes } octets écrits dans { $path }
report-till-title = Les ventes de cette caisse le { $day } (d’après son journal)
report-col-mode = Mode de paiement
report-col-payments = Paiements
report-col-total = Total
report-total = Total
report-refunds = Remboursements
report-discounts = Remises
report-unpaid = Commandes non payées : { $parked } en attente, { $validated } validées non payées.
report-unconfirmed = { $count ->
    [one] { $count } vente n’est pas encore confirmée
   *[other] { $count } ventes ne sont pas encore confirmées
} par le serveur ({ $total }) : hors des totaux ci-dessus.
report-refused = { $count ->
    [one] { $count } vente a été refusée
   *[other] { $count } ventes ont été refusées
} par le serveur : hors des totaux.
report-amount-on-server = { $count ->
    [one] { $count } paiement d’une commande reprise portait
   *[other] { $count } paiements de commandes reprises portaient
} sur toute la commande : leur montant est sur le serveur, pas dans ces totaux.
cli-export = Exporte le journal local des ventes (toutes les entrées, confirmées ou non) sur la sortie standard
cli-arg-format = `csv` ou `json`

# The keymap's labels and descriptions (assets/keymap.toml); the English is the file's text.
key-global-quit-desc = Quitter, comme Ctrl-Q là où il existe
key-sale-pay-desc = Payer avec le mode de paiement n° {"{n}"} (noms à l’écran)
key-sale-open_payment-label = Paiement
key-sale-open_payment-desc = Écran de paiement : tous les modes, valider impayé, laisser ouvert
key-sale-open_departments-label = Rayons
key-sale-open_departments-desc = Parcourir les rayons, montant libre dans un rayon
key-sale-up-desc = Sélectionner la ligne du dessus
key-sale-down-desc = Sélectionner la ligne du dessous
key-sale-accept-desc = Ajouter le code saisi ; entrée vide : modifier la ligne sélectionnée
key-sale-quantity_plus-label = Plus
key-sale-quantity_plus-desc = Un de plus sur la ligne sélectionnée
key-sale-quantity_minus-label = Moins
key-sale-quantity_minus-desc = Un de moins sur la ligne sélectionnée
key-sale-remove_line-label = Retirer
key-sale-remove_line-desc = Retirer la ligne sélectionnée
key-sale-cancel-desc = Effacer la saisie, puis la sélection
key-sale-clear_basket-label = Nouvelle vente
key-sale-clear_basket-desc = Vider le panier (demande d’abord)
key-sale-open_help-label = Aide
key-sale-open_help-desc = Cette aide
key-sale-open_attention-desc = Ventes en attente d’une décision (issue inconnue)
key-sale-quit-label = Quitter
key-sale-quit-desc = Quitter kash-pos (demande d’abord si le panier n’est pas vide)
key-sale-quit-desc-2 = Quitter, comme Ctrl-Q
key-sale-open_tables-label = Table
key-sale-open_tables-desc = Choisir la table (montre celles qui ont des commandes ouvertes)
key-sale-order_details-label = Détails
key-sale-order_details-desc = Détails de la commande : couverts, bipeur, livraison, client, commentaires
key-sale-park-label = Garer
key-sale-park-desc = Garer : envoyer ouverte, nouvelle vente ; rappelée : envoyer ses nouvelles lignes
key-sale-open_orders-label = Commandes
key-sale-open_orders-desc = Commandes ouvertes : en rappeler une pour ajouter des lignes ou la payer (F9, F1-F8)
key-sale-refund-label = Rembourser
key-sale-refund-desc = Rembourser une commande validée (panier vide), ou inverser le panier
key-tables-up-desc = Table précédente
key-tables-down-desc = Table suivante
key-tables-accept-label = Choisir
key-tables-accept-desc = Choisir la table
key-tables-remove_line-label = Sans table
key-tables-remove_line-desc = Sans table
key-tables-open_orders-label = Ses commandes
key-tables-open_orders-desc = Les commandes ouvertes de cette table
key-tables-cancel-label = Retour
key-tables-cancel-desc = Retour à la vente
key-open_orders-up-desc = Commande précédente
key-open_orders-down-desc = Commande suivante
key-open_orders-accept-label = Rappeler
key-open_orders-accept-desc = Rappeler la commande : voir ses lignes, en ajouter, payer
key-open_orders-filter_table-label = Filtre table
key-open_orders-filter_table-desc = Filtrer par table : chaque table tour à tour, puis toutes
key-open_orders-refresh-label = Actualiser
key-open_orders-refresh-desc = Actualiser la liste maintenant
key-open_orders-remove_line-desc = Les commandes ne sont jamais supprimées : dit pourquoi
key-open_orders-cancel-label = Retour
key-open_orders-cancel-desc = Retour à la vente
key-order_details-next_field-label = Champ suivant
key-order_details-next_field-desc = Champ suivant
key-order_details-prev_field-desc = Champ précédent
key-order_details-left-desc = Mode de livraison, client : choix précédent
key-order_details-right-label = Choisir
key-order_details-right-desc = Mode de livraison, client : choix suivant
key-order_details-apply-label = Appliquer
key-order_details-apply-desc = Appliquer les détails (Entrée aussi, hors des commentaires)
key-order_details-accept-desc = Appliquer ; dans un commentaire, une nouvelle ligne
key-order_details-cancel-label = Annuler
key-order_details-cancel-desc = Fermer sans changer les détails
key-order_pay-pay-desc = Payer avec le mode de paiement n° {"{n}"} (noms à l’écran)
key-order_pay-up-desc = Mode précédent
key-order_pay-down-desc = Mode suivant
key-order_pay-accept-label = Payer
key-order_pay-accept-desc = Payer le montant saisi (ou le reste dû) avec le mode sélectionné
key-order_pay-validate_unpaid-label = Valider
key-order_pay-validate_unpaid-desc = Valider la commande sans paiement
key-order_pay-cancel-label = Retour
key-order_pay-cancel-desc = Retour à la commande
key-refund_orders-up-desc = Commande précédente
key-refund_orders-down-desc = Commande suivante
key-refund_orders-accept-label = Choisir
key-refund_orders-accept-desc = Rembourser à partir de cette commande
key-refund_orders-cancel-label = Retour
key-refund_orders-cancel-desc = Retour à la vente
key-refund_lines-up-desc = Ligne précédente
key-refund_lines-down-desc = Ligne suivante
key-refund_lines-quantity_plus-label = Plus
key-refund_lines-quantity_plus-desc = Rembourser un de plus sur la ligne
key-refund_lines-quantity_minus-label = Moins
key-refund_lines-quantity_minus-desc = Rembourser un de moins sur la ligne
key-refund_lines-remove_line-label = Aucun
key-refund_lines-remove_line-desc = Ne rien rembourser sur la ligne
key-refund_lines-accept-label = Rembourser
key-refund_lines-accept-desc = Mettre le remboursement au panier, à payer avec un mode de remboursement
key-refund_lines-cancel-label = Retour
key-refund_lines-cancel-desc = Retour à la vente
key-search-up-desc = Résultat précédent
key-search-down-desc = Résultat suivant
key-search-page_up-desc = Page de résultats précédente
key-search-page_down-desc = Page de résultats suivante
key-search-accept-label = Ajouter
key-search-accept-desc = Ajouter le résultat sélectionné
key-search-cancel-label = Fermer
key-search-cancel-desc = Fermer la recherche
key-departments-up-desc = Précédent
key-departments-down-desc = Suivant
key-departments-page_up-desc = Page précédente
key-departments-page_down-desc = Page suivante
key-departments-accept-label = Ouvrir/Ajouter
key-departments-accept-desc = Ouvrir le rayon, ajouter l’article, ou saisir un montant libre
key-departments-back-desc = Retour aux rayons
key-departments-cancel-label = Retour
key-departments-cancel-desc = Retour, puis fermer
key-line_edit-next_field-label = Champ suivant
key-line_edit-next_field-desc = Champ suivant
key-line_edit-prev_field-desc = Champ précédent
key-line_edit-apply_discount-desc = Appliquer la remise n° {"{n}"} de la boutique
key-line_edit-remove_line-label = Retirer
key-line_edit-remove_line-desc = Retirer la ligne
key-line_edit-accept-label = Appliquer
key-line_edit-accept-desc = Appliquer les changements
key-line_edit-cancel-label = Annuler
key-line_edit-cancel-desc = Fermer sans changer la ligne
key-variation-up-desc = Choix précédent
key-variation-down-desc = Choix suivant
key-variation-accept-label = Choisir
key-variation-accept-desc = Choisir (ou taper le numéro du choix)
key-variation-cancel-label = Annuler
key-variation-cancel-desc = Ne pas ajouter l’article
key-payment-pay-desc = Payer avec le mode de paiement n° {"{n}"} (noms à l’écran)
key-payment-up-desc = Mode précédent
key-payment-down-desc = Mode suivant
key-payment-accept-label = Payer
key-payment-accept-desc = Payer avec le mode sélectionné (ou taper son numéro)
key-payment-validate_unpaid-label = Valider impayé
key-payment-validate_unpaid-desc = Valider la commande sans paiement
key-payment-keep_open-label = Laisser ouverte
key-payment-keep_open-desc = Enregistrer la commande ouverte, non validée
key-payment-cancel-label = Retour
key-payment-cancel-desc = Retour à la vente
key-tender-accept-label = Payer
key-tender-accept-desc = Payer ; sans montant saisi, le montant exact
key-tender-cancel-label = Retour
key-tender-cancel-desc = Retour à la vente
key-confirm-accept-label = Oui
key-confirm-accept-desc = Oui
key-confirm-cancel-label = Non
key-confirm-cancel-desc = Non
key-receipt-accept-label = Vente suivante
key-receipt-accept-desc = Vente suivante (n’importe quelle touche, un scan aussi)
key-loading-retry-label = Réessayer
key-loading-retry-desc = Recharger ce qui a échoué
key-loading-continue_anyway-label = Continuer
key-loading-continue_anyway-desc = Démarrer sans ce qui a échoué (la barre d’état le dit)
key-loading-quit-label = Quitter
key-loading-quit-desc = Quitter kash-pos
key-unknown_code-accept-label = Chercher par nom
key-unknown_code-accept-desc = Fermer, et taper le nom de l’article pour le chercher
key-unknown_code-open_departments-label = Ligne libre
key-unknown_code-open_departments-desc = Une ligne libre à un prix saisi dans un rayon
key-unknown_code-cancel-label = Ignorer
key-unknown_code-cancel-desc = Fermer : rien n’est ajouté
key-attention-up-desc = Vente précédente
key-attention-down-desc = Vente suivante
key-attention-retry-label = Renvoyer
key-attention-retry-desc = Pas sur le serveur : la renvoyer
key-attention-accept-label = Enregistrée comme
key-attention-accept-desc = Déjà sur le serveur : taper son numéro de commande, puis Entrée
key-attention-cancel-label = Fermer
key-attention-cancel-desc = Fermer ; les ventes attendent
key-help-up-desc = Remonter
key-help-down-desc = Descendre
key-help-page_up-label = Page précédente
key-help-page_up-desc = Page précédente
key-help-page_down-label = Page suivante
key-help-page_down-desc = Page suivante
key-help-cancel-label = Fermer
key-help-cancel-desc = Fermer l’aide

## Errors of the Kash.click service, as the cashier reads them
err-unreachable = Kash.click injoignable : vérifiez le réseau
err-connection-lost = Connexion perdue pendant la requête
err-timeout = Kash.click n’a pas répondu en { $seconds } s
err-http = Kash.click a répondu HTTP { $status }
err-unexpected = Réponse inattendue de Kash.click : { $detail }
err-refused = Kash.click a refusé : { $message }
err-bad-credentials = Identifiant de boutique ou clé d’API refusés : vérifiez le fichier de configuration

## Payment rules
tender-refund-mode-needed = Total négatif : payez avec un mode de remboursement, pas { $mode }
tender-not-a-refund = { $mode } est un mode de remboursement : le total n’est pas négatif
tender-minimum = { $mode } demande au moins { $amount }
tender-maximum = { $mode } accepte au plus { $amount }
tender-maximum-part = { $mode } accepte au plus { $amount } : tapez le montant pour ce mode
tender-nothing-due = Plus rien n’est dû
tender-refund-order = Commande de remboursement : remboursez avec un mode de remboursement, pas { $mode }
tender-is-refund-mode = { $mode } est un mode de remboursement
tender-not-positive = Le montant doit être supérieur à zéro
tender-over-due = { $mode } ne peut pas prendre plus que le dû ({ $amount })

## Limits of a basket line
limit-quantity = Quantité { $quantity } refusée : la limite est { $max } par ligne ([pos] max_quantity)
limit-unit-price = Prix { $price } refusé : la limite est { $max } l’unité ([pos] max_unit_price)
limit-line-total = Total de ligne { $total } refusé : la limite est { $max } par ligne ([pos] max_line_total)
limit-overflow = Montant trop grand pour être calculé : ligne refusée
limit-too-large = trop grande
limit-amount-too-large = un montant trop grand

## Look-ups
sight-unknown = Recherches : on ne sait pas encore si le serveur montre les références de la caisse
sight-sighted = Les recherches voient les références de la caisse (témoin { $control })
sight-blind = Recherches aveugles ({ $why }) : une vente dont la réponse est perdue attendra votre décision
blind-no-control = aucune vente encore confirmée pour vérifier la recherche
blind-open-only = la dernière vente confirmée n’est vue que parmi les commandes en cours : une vente payée ne peut pas être vue
blind-no-period-not-open = getOrders.php est absent et la dernière vente confirmée n’est pas en cours
blind-not-listed = la dernière vente confirmée (commande { $order }) n’est pas dans les listes du serveur avec sa référence

## Exactly once, seen by the cashier
msg-shared-barcode = { $code } est le code-barres de { $count } articles : choisissez-en un (↑/↓, Entrée)
msg-double = Kash.click a enregistré deux fois { $sale } : commandes { $kept } et { $copy }. Ctrl-W, Entrée rembourse la commande { $copy } (la copie)
attention-double = enregistrée deux fois : commandes { $kept } et { $copy } ; Entrée rembourse { $copy } (la copie)
msg-journal-unreadable = Le journal n’a pas pu être lu ({ $error }) : voir le journal des événements
msg-refund-copy = Remboursement de la commande { $order }, la copie : Entrée la met dans le panier
msg-copy-not-found = La commande { $order } n’est pas parmi les commandes validées de la semaine : remboursez-la depuis Kash.click
msg-quit-waits = Envoi d’une commande : kash-pos attend la réponse de Kash.click (ou son délai) avant de pouvoir quitter
label-price = Prix étiquette { $price }

## printer
print-duplicate = DUPLICATA
print-refund = REMBOURSEMENT
print-order = Ticket n° { $order }
print-provisional = PROVISOIRE
print-provisional-reference = Pas encore enregistré sur Kash.click : le numéro de commande viendra plus tard
print-cashier = Caissier : { $cashier }
print-table = Table : { $table }
print-total = TOTAL TTC
print-vat = TVA { $rate } % (HT { $base })
print-change = Rendu
print-invoice-qr = Votre facture : scannez le code
print-kitchen = CUISINE
print-kitchen-table-covers = { $table } - { $covers } couverts
print-kitchen-covers = { $covers } couverts
msg-print-queued = Ticket envoyé à l'imprimante
msg-print-duplicate-queued = Duplicata envoyé à l'imprimante
msg-print-nothing = Aucun ticket à imprimer pour l'instant
msg-print-off = Aucune imprimante configurée : renseignez [printer] connection
msg-print-never = Les tickets sont désactivés ici ([printer] receipts = "never")
msg-printer-waiting = { $printer } : { $count } en attente (Ctrl-G : abandonner) — { $error }
msg-printed = Imprimé : { $what }
msg-print-dropped = { $count } document(s) retiré(s) de la file d'impression
msg-drawer-opened = Ouverture du tiroir envoyée ({ $why }) ; inscrite au journal
msg-drawer-failed = Tiroir non ouvert : { $error }
msg-drawer-off = Le tiroir est désactivé ([printer] drawer = false)
drawer-why-cash = paiement en espèces { $reference }
drawer-why-key = sans vente (Ctrl-D)
header-printer = { $count } à imprimer
receipt-preview = Ticket
receipt-print-hint = Ctrl-G imprime le ticket
receipt-printed-hint = Ctrl-G imprime un duplicata
receipt-scan = Scannez pour la facture
kitchen-order-reference = Commande { $reference }
confirm-drop-print-title = File d'impression
confirm-drop-print = Abandonner ce qui attend l'imprimante ?
key-sale-print_receipt-label = Imprimer
key-sale-print_receipt-desc = Imprimer le dernier ticket (à nouveau : un duplicata) ; une file d'impression bloquée propose de l'abandonner
key-sale-open_drawer-label = Tiroir
key-sale-open_drawer-desc = Ouvrir le tiroir-caisse (inscrit au journal ; le texte tapé en est le motif)
key-receipt-print_receipt-label = Imprimer
key-receipt-print_receipt-desc = Imprimer le ticket (à nouveau : un duplicata)
msg-printer-failed = { $printer } : { $error }
printer-receipt = Imprimante de caisse
printer-kitchen = Imprimante cuisine
## customers
context-customers = Clients
context-customer_form = Fiche client
context-new-customer = { $name } (nouveau)
field-last-name = Nom
field-first-name = Prénom
field-email = E-mail
field-phone = Téléphone
field-address = Adresse
field-address-line-2 = Adresse ligne 2
field-address-comment = Complément d’adresse
field-postcode = Code postal
field-city = Ville
field-country = Pays
field-vat-number = N° de TVA
field-card-barcode = Code de la carte
field-blacklisted = Liste noire
customers-find = Chercher :
customers-count = { $count ->
    [one] 1 client
   *[other] { $count } clients
}
customers-matching = { $count } sur { $all }
customers-hint = nom, téléphone, e-mail ou code postal
customers-offline = Hors ligne : ajouter, modifier ou supprimer demande le serveur
customers-none-loaded = Aucun client chargé : Ctrl-N en crée un avec la vente
customers-none-found = Aucun client ne correspond : Ctrl-N en crée un avec la vente
customer-blacklisted = Sur liste noire
customer-blacklisted-why = Liste noire : { $comment }
customer-blacklisted-title = Client sur liste noire
customer-blacklisted-sell = Lui vendre quand même ?
customer-delete-title = Supprimer un client
customer-delete = Supprimer { $name } du fichier clients ?
customer-delete-note = Ses commandes passées restent sur Kash.click.
customer-form-with-sale = Nouveau client, envoyé avec la vente
customer-form-add = Nouveau client dans le fichier
customer-form-edit = Modifier { $name }
customer-form-sending = Envoi à Kash.click…
customer-form-with-sale-note = Envoyé avec la commande (journalisé avec elle, hors ligne aussi) · Ctrl-S enregistre
customer-form-file-note = Enregistré sur Kash.click tout de suite · Ctrl-S enregistre
customer-yes = oui
customer-no = non
customer-error-name = Il faut un nom ou un prénom
customer-error-email = { $field } : ce n’est pas une adresse e-mail (nom@exemple.fr)
customer-error-phone = { $field } : ce n’est pas un numéro de téléphone (06 12 34 56 78 ou +33 6 12 34 56 78)
customer-error-postcode = { $field } : ce n’est pas un code postal (cinq chiffres en France)
customer-error-country = { $field } : un code pays de deux lettres (FR, BE…)
customer-error-vat = { $field } : ce n’est pas un n° de TVA (FR + 2 caractères + 9 chiffres, ou un code pays et son numéro)
msg-customers-offline = Hors ligne : ajouter, modifier ou supprimer un client demande le serveur (Ctrl-N en crée un avec la vente)
msg-customer-none-found = Aucun client sélectionné
msg-customer-cleared = Pas de client pour la vente
msg-customer-new = Nouveau client { $name } : envoyé avec la vente
msg-customer-send = Client { $name } : Ctrl-P l’envoie avec la commande
msg-customer-busy = En attente de la réponse de Kash.click
msg-customer-unchanged = Rien n’a changé
msg-customer-sending = Envoi du client à Kash.click…
msg-customer-refused = Client non enregistré : { $error }
msg-customer-added = { $name } ajouté au fichier clients
msg-customer-edited = { $name } enregistré
msg-customer-deleted = { $name } supprimé du fichier clients
msg-customer-deleted-from-sale = Le client supprimé n’est plus sur la vente
key-sale-open_customers-label = Client
key-sale-open_customers-desc = Client : chercher par nom, téléphone, e-mail ou code postal ; créer, modifier, supprimer
key-order_details-open_customers-label = Chercher client
key-order_details-open_customers-desc = Chercher le client (Entrée sur le champ client aussi)
key-customers-up-desc = Client précédent
key-customers-down-desc = Client suivant
key-customers-page_up-desc = Page précédente
key-customers-page_down-desc = Page suivante
key-customers-accept-label = Choisir
key-customers-accept-desc = Choisir le client de la vente
key-customers-remove_line-label = Aucun
key-customers-remove_line-desc = Pas de client pour la vente
key-customers-new_customer-label = Nouveau
key-customers-new_customer-desc = Nouveau client, envoyé avec la vente (marche hors ligne)
key-customers-add_customer-label = Ajouter
key-customers-add_customer-desc = Ajouter un client au fichier tout de suite (demande le serveur)
key-customers-edit_customer-label = Modifier
key-customers-edit_customer-desc = Modifier le client sélectionné (demande le serveur)
key-customers-delete_customer-label = Supprimer
key-customers-delete_customer-desc = Supprimer le client sélectionné, après confirmation (demande le serveur)
key-customers-cancel-label = Retour
key-customers-cancel-desc = Retour, le client inchangé
key-customer_form-next_field-label = Champ suivant
key-customer_form-next_field-desc = Champ suivant
key-customer_form-prev_field-desc = Champ précédent
key-customer_form-left-desc = Liste noire : oui ou non
key-customer_form-right-desc = Liste noire : oui ou non
key-customer_form-apply-label = Enregistrer
key-customer_form-apply-desc = Enregistrer le client (Entrée aussi, hors des commentaires)
key-customer_form-accept-desc = Enregistrer ; dans un commentaire, une nouvelle ligne
key-customer_form-cancel-label = Annuler
key-customer_form-cancel-desc = Retour aux clients, rien d’enregistré
## counter
key-sale-message_log-desc = Tous les messages de la session, en entier (la ligne d'état coupe un message long)
msg-log-hint = Ctrl-L : en entier
log-title = Messages de la session ({ $count }), du plus récent · Échap retour
log-empty = Aucun message pour l'instant
msg-restored = Vente restaurée après un redémarrage ({ $lines } ligne(s)), avec sa table, ses couverts, son client et ses commentaires
msg-restored-recalled = Vente restaurée après un redémarrage : { $lines } nouvelle(s) ligne(s) pour la { $order }
confirm-negate-title = Remboursement
confirm-negate = Faire du panier un remboursement ? Chaque quantité devient négative.
confirm-positive = Refaire du panier une vente ? Chaque quantité redevient positive.
too-small = Le terminal fait { $width }x{ $height } : kash-pos demande au moins { $min_width }x{ $min_height }. Agrandissez-le ; rien n’est perdu entre-temps.
msg-typed-not-tender = { $typed } n’est pas un montant à encaisser (un code ? Entrée l’ajoute)
msg-part-tendered = { $amount } { $mode } · reste dû { $due } : une autre touche de paiement règle le reste
tender-due = Reste dû
tender-part = Paiement partiel : il restera { $rest } à payer
paid-word = payé
due-caps = RESTE
due-word = Reste dû
side-paid-of = payé { $paid } sur { $total }
line-edit-total = Total ligne
msg-discount-over-line = Une remise de { $discount } dépasse la ligne ({ $line })
msg-too-many-covers = { $covers } couverts, c’est plus que la caisse n’accepte ({ $max }, [pos] max_covers)
confirm-leave-recalled = La table ou les détails changés ici ne sont pas envoyés à la commande (Ctrl-P les envoie). La quitter sans eux ?
msg-changes-dropped = Commande quittée ; les changements faits ici n’ont pas été envoyés
msg-scan-kept = Scan { $code } gardé : il est ajouté dès la boutique chargée
## speed
msg-repriced = { $count ->
    [one] Les prix de la boutique ont changé : 1 ligne du panier mise à jour
   *[other] Les prix de la boutique ont changé : { $count } lignes du panier mises à jour
}

## shift
context-shift = Session de caisse
context-shift_form = Session de caisse : montant
shift-x-title = Rapport X · session { $number }
shift-z-title = Clôture (Z) n° { $number }
shift-since = Depuis la clôture de
shift-sales = Ventes
shift-mode-count = { $mode } ({ $count })
shift-total-count = Total ({ $count })
shift-refunds-count = Remboursements ({ $count })
shift-discounts-count = Remises ({ $count })
shift-unconfirmed-count = Pas encore confirmées ({ $count })
shift-unpaid = Commandes en attente ou impayées
shift-cash = Espèces dans le tiroir
shift-float = Fond de caisse
shift-cash-taken = + espèces encaissées
shift-cash-unconfirmed = + espèces des ventes pas encore confirmées
shift-cash-refunded = − espèces remboursées
shift-cash-in = + entrées
shift-cash-out = − sorties
shift-expected = = attendu
shift-counted = Compté
shift-difference = Écart
shift-moves = Entrées et sorties
shift-event-float = fond de caisse { $amount }
shift-event-in = entrée { $amount } : { $reason }
shift-event-out = sortie { $amount } : { $reason }
shift-event-x = rapport X
shift-event-close = clôture (Z) n° { $number } : compté { $counted }, attendu { $expected }, écart { $difference }
report-shifts = Session de caisse :
report-no-shift-events = Ni fond de caisse, ni entrée ou sortie, ni X, ni clôture ce jour-là.
shift-loading = Lecture de la session dans le journal…
shift-no-float = Pas de fond de caisse pour cette session (F1).
shift-float-at = Fond de caisse saisi à { $at }
shift-x-count = { $count ->
    [one] 1 rapport X édité
   *[other] { $count } rapports X édités
}
shift-ask-float = Fond de caisse dans le tiroir
shift-ask-in = Espèces mises dans le tiroir
shift-ask-out = Espèces sorties du tiroir
shift-ask-counted = Espèces comptées dans le tiroir
shift-amount = Montant :
shift-reason = Motif :
shift-by-note = Par billets et pièces
shift-count-total = Total compté
shift-count-hint = ↑↓ · chiffres : combien · Entrée : terminé
shift-confirm-close = Clôturer la session { $number } ?
shift-confirm-final = La clôture est définitive et numérotée.
shift-confirm-hint = Entrée : clôturer · Échap : retour
shift-closed = Session { $number } clôturée.
shift-exported = Enregistrée dans { $path }
shift-export-failed = La clôture est gardée dans le journal, mais son fichier n'a pas pu être écrit : { $error }
shift-bad-amount = « { $text } » n'est pas un montant (0 à 1 000 000, au centime).
shift-reason-needed = Indiquez le motif (il est gardé avec le montant).
shift-out-too-much = Le tiroir devrait contenir { $expected } : impossible de sortir { $amount }.
shift-recorded-float = Fond de caisse de { $amount } enregistré.
shift-recorded-in = Entrée de { $amount } enregistrée.
shift-recorded-out = Sortie de { $amount } enregistrée.
shift-recorded-x = Rapport X enregistré.
shift-printed = imprimé
shift-failed = La session n'a pas pu être écrite dans le journal : { $error }
shift-busy = Écriture dans le journal…
shift-after-close = Une nouvelle session commence : saisissez son fond de caisse avec F1.
shift-header = session { $number }
key-sale-open_shift-label = Caisse
key-sale-open_shift-desc = La session de caisse : chiffres en cours (X), fond de caisse, entrées et sorties, clôture (Z)
key-shift-shift_float-label = Fond
key-shift-shift_float-desc = Saisir le fond de caisse (un total, ou compté par billets et pièces)
key-shift-shift_cash_in-label = Entrée
key-shift-shift_cash_in-desc = Espèces mises dans le tiroir, avec leur motif
key-shift-shift_cash_out-label = Sortie
key-shift-shift_cash_out-desc = Espèces sorties du tiroir, avec leur motif
key-shift-shift_x-label = Rapport X
key-shift-shift_x-desc = Rapport X : les chiffres en cours, gardés dans le journal et imprimés ; rien n'est clôturé
key-shift-shift_close-label = Clôture (Z)
key-shift-shift_close-desc = Clôturer la session (Z) : compter les espèces, voir l'écart, une clôture numérotée
key-shift-up-desc = Remonter
key-shift-down-desc = Descendre
key-shift-back-label = Retour
key-shift-back-desc = Retour à la vente
key-shift_form-accept-label = OK
key-shift_form-accept-desc = Enregistrer le montant (le comptage, la clôture)
key-shift_form-next_field-label = Suivant
key-shift_form-next_field-desc = Montant, puis motif
key-shift_form-count_by_note-label = Par billets
key-shift_form-count_by_note-desc = Compter par billets et pièces au lieu d'un total (et retour)
key-shift_form-up-desc = Le billet ou la pièce au-dessus
key-shift_form-down-desc = Le billet ou la pièce en dessous
key-shift_form-back-label = Retour
key-shift_form-back-desc = Retour aux chiffres de la session
## cashier
context-cashiers = Qui est à la caisse
key-cashiers-up-desc = Nom précédent (ou caisse)
key-cashiers-down-desc = Nom suivant (ou caisse)
key-cashiers-accept-label = Choisir
key-cashiers-accept-desc = Choisir le vendeur (son code PIN s’il en a un), la caisse, ou valider le code
key-cashiers-set_pin-label = PIN
key-cashiers-set_pin-desc = Définir, changer ou retirer le code PIN du vendeur sélectionné (le code actuel d’abord)
key-cashiers-choose_till-label = Caisse
key-cashiers-choose_till-desc = Choisir la caisse de ce poste, retenue (sauf si la configuration la fixe)
key-cashiers-cancel-label = Retour
key-cashiers-cancel-desc = Retour : aux noms, ou à la vente sans changer de vendeur
key-sale-switch_cashier-desc = Qui est à la caisse : changer de vendeur (le panier, la table et le client restent)
cashiers-now = À la caisse : { $user }
cashiers-no-till = aucune choisie
cashiers-find = Nom :
cashiers-count = { $count } sur { $all }
cashiers-none-loaded = Les utilisateurs de la boutique ne sont pas chargés
cashiers-none-found = Aucun nom ne correspond : Échap efface le texte
cashiers-has-pin = PIN
cashiers-till-hint = La caisse de ce poste, retenue pour le prochain démarrage
cashiers-pin = Code PIN :
cashiers-pin-old = Code PIN actuel :
cashiers-pin-new = Nouveau code PIN :
cashiers-pin-again = Nouveau code à nouveau :
cashiers-pin-hint = Entrée valide · Échap retour aux noms
cashiers-pin-new-hint = { $min } à { $max } chiffres · vide retire le code · Échap retour
cashier-pin-wrong = Code PIN erroné : réessayez
cashier-pin-wrong-wait = Code PIN erroné trois fois : attendez { $seconds } s avant le prochain essai
cashier-pin-wait = Trop de codes erronés : attendez { $seconds } s
cashier-pin-differ = Les deux codes diffèrent : tapez à nouveau le nouveau code
cashier-pin-rule = Un code PIN fait de { $min } à { $max } chiffres
msg-cashier-now = { $name } est à la caisse
msg-cashier-same = { $name } est toujours à la caisse
msg-cashier-no-users = Les utilisateurs de la boutique ne sont pas chargés : impossible de changer de vendeur
msg-cashier-none-found = Aucun nom n’est sélectionné
msg-cashier-choose = Choisissez d’abord qui est à la caisse (Ctrl-C quitte)
msg-cashier-pin-set = Code PIN défini pour { $name } : il est demandé quand { $name } est choisi sur cette caisse
msg-cashier-pin-removed = Code PIN de { $name } retiré
msg-till-fixed = La caisse est fixée par la configuration ([pos] cashbox_id)
msg-till-none = La boutique n’a aucune caisse à choisir (getCashbox.php est vide)
msg-till-choose = Choisissez d’abord la caisse de ce poste
msg-till-chosen = Caisse { $till } choisie : retenue sur ce poste
msg-till-not-saved = Le fichier de la caisse n’a pas pu être écrit ({ $error }) : le choix dure jusqu’à l’arrêt de la caisse
msg-scan-kept-cashier = Scan { $code } gardé : il est ajouté dès le vendeur choisi
cli-arg-password = Se connecter plutôt par identifiant (le courriel) et mot de passe, lu sur l’entrée standard ; le code par courriel est recommandé, surtout sur une machine partagée ou distante
cli-password = Mot de passe de { $login } (non affiché) :
## reports
context-reports = La journée du serveur
context-report_save = Enregistrer un rapport
key-sale-open_reports-label = Rapports
key-sale-open_reports-desc = La journée du serveur : totaux, lignes et rapport Std d'un jour ; enregistrer un export dans un fichier
key-reports-left-label = Jour -1
key-reports-left-desc = La veille (sur les lignes : défiler vers les colonnes de gauche)
key-reports-left-desc-2 = La veille (quand aucune date n'est en cours de frappe)
key-reports-right-label = Jour +1
key-reports-right-desc = Le lendemain, pas après aujourd'hui (sur les lignes : défiler vers les colonnes de droite)
key-reports-right-desc-2 = Le lendemain (pas après aujourd'hui)
key-reports-next_field-label = Vue
key-reports-next_field-desc = Vue suivante : totaux, lignes, rapport Std
key-reports-prev_field-desc = Vue précédente
key-reports-up-desc = Remonter
key-reports-down-desc = Descendre
key-reports-page_up-desc = Page précédente
key-reports-page_down-desc = Page suivante
key-reports-accept-desc = Afficher la date tapée
key-reports-refresh-desc = Recharger le jour
key-reports-save-label = Enregistrer
key-reports-save-desc = Enregistrer un export du jour dans un fichier : PDF, XLS, CSV, FEC, SAF-T
key-reports-cancel-label = Fermer
key-reports-cancel-desc = Effacer la date tapée, sinon revenir à la vente
key-report_save-up-desc = Format précédent
key-report_save-down-desc = Format suivant
key-report_save-accept-label = Enregistrer
key-report_save-accept-desc = Télécharger et enregistrer sous le chemin affiché
key-report_save-cancel-label = Fermer
key-report_save-cancel-desc = Fermer la fenêtre (un téléchargement continue, sa fin est annoncée)
reports-no-clock = L'horloge de la caisse n'a pas encore battu : appuyez de nouveau sur F12 dans une seconde
reports-title = La journée du serveur : { $day }
reports-title-yesterday = La journée du serveur : { $day } (hier)
reports-title-today = La journée du serveur : { $day } (aujourd'hui, jusqu'ici)
reports-tab-totals = Totaux
reports-tab-rows = Lignes
reports-tab-std = Rapport Std
reports-date-hint = Tapez une date (AAAA-MM-JJ ou JJ/MM/AAAA) puis Entrée ; ← → changent le jour
reports-date-hint-rows = Une date (AAAA-MM-JJ ou JJ/MM/AAAA) puis Entrée ; - + : jour ; ← → : colonnes
reports-date = Date :
reports-loading = Chargement des ventes du jour depuis le serveur… (Échap revient à la vente)
reports-more-below = ↓ suite en dessous
reports-more-above = ↑ suite au-dessus
reports-orders = { $count ->
    [one] 1 commande
   *[other] { $count } commandes
}
reports-rows = { $count ->
    [one] 1 ligne
   *[other] { $count } lignes
}
reports-total = Total
reports-no-amount = Cet export n'a pas de colonne de montant : pas de totaux (les lignes sont sous Tab)
reports-unreadable-amounts = { $count ->
    [one] 1 ligne a un montant illisible : laissée hors des totaux (voir les lignes)
   *[other] { $count } lignes ont un montant illisible : laissées hors des totaux (voir les lignes)
}
reports-total-rows = { $count ->
    [one] La ligne de total du fichier est laissée hors des sommes
   *[other] Les { $count } lignes de total du fichier sont laissées hors des sommes
}
reports-by-mode = Par mode de paiement
reports-by-department = Par rayon
reports-by-user = Par vendeur
reports-not-in-export = absent de cet export
reports-no-rows = Aucune vente ce jour-là
reports-std-empty = Le rapport Std est vide
reports-csv-unreadable = L'export CSV n'a pas pu être lu ({ $why }). Ce que le serveur a envoyé commence par :
reports-csv-empty = la réponse est vide
reports-csv-html = une page web est arrivée à la place : une erreur ou une page de connexion
reports-csv-binary = un fichier binaire est arrivé à la place
reports-csv-no-columns = ni séparateur ni colonne connue
reports-csv-unclosed = un guillemet est ouvert et jamais fermé
reports-csv-overflow = ses sommes sont trop grandes
reports-save-title = Enregistrer le rapport du jour
reports-save-format = Format (↑ ↓) :
reports-save-path = Fichier :
reports-save-hint = Tapez pour changer le chemin ; Entrée le télécharge et l'enregistre
reports-save-asking = Demande au serveur…
reports-save-progress = { $received } octets sur { $total }
reports-save-received = { $received } octets reçus
report-save-goes-on = Le téléchargement continue : la ligne d'état dira quand il est enregistré
report-save-no-path = Tapez d'abord le chemin du fichier
report-saved = Enregistré en entier : { $path }
report-save-disk-full = Le disque est plein : { $path } n'a pas été enregistré (rien ne reste sous ce nom)
report-save-denied = Permission refusée : { $path } ne peut pas être écrit là (rien n'a été enregistré)
report-save-no-folder = Dossier introuvable pour { $path } : rien n'a été enregistré
report-save-is-folder = { $path } est un dossier : tapez un nom de fichier
report-save-failed = { $path } n'a pas pu être écrit ({ $error }) : rien ne reste sous ce nom
msg-code-searched = Aucun article n’a le code { $code } : les articles qui y répondent
## counter
msg-refund-nothing-left = { $order } est remboursée en totalité : plus rien à rembourser
msg-refund-journal-unread = Le journal de la caisse est illisible : un remboursement pas encore sur Kash.click pourrait être proposé à nouveau
refund-state-part = remboursée en partie
refund-state-all = remboursée
col-left = Reste
orders-status-waiting = pas encore sur Kash.click, en attente d’envoi
orders-status-unknown = pas encore sur Kash.click, issue inconnue (recherche en cours)
orders-status-decide = pas encore sur Kash.click, attend votre décision (Ctrl-W)
msg-parked-not-yet = Mise en attente à { $time } ({ $total }) : { $state } ; rappel possible une fois enregistrée.
msg-parked-journal-unread = Le journal de la caisse est illisible : les commandes mises en attente hors ligne ne sont pas listées
orders-row-parked = à envoyer
orders-row-waiting = en attente d’envoi
orders-row-unknown = issue inconnue
orders-row-decide = à décider (Ctrl-W)
msg-price-needed = Cet article n’a pas de prix : tapez son prix, puis Entrée
msg-no-table-numbered = Aucune table numéro { $number }
tables-typed = n° { $number }
basket-more-above = ▲ { $count } de plus au-dessus
basket-more-below = ▼ { $count } de plus en dessous

## sign-in
context-welcome = Bienvenue
context-sign_in = Connexion
key-sale-sign_in-desc = La boutique de démo : se connecter à votre boutique Kash.click (code par e-mail ou mot de passe)
key-welcome-up-desc = Le choix au-dessus
key-welcome-down-desc = Le choix en dessous
key-welcome-accept-label = Choisir
key-welcome-accept-desc = Choisir : la boutique de démo, la connexion par code e-mail ou par identifiant et mot de passe
key-welcome-cancel-label = Démo
key-welcome-cancel-desc = La boutique de démo (depuis la démo : retour à la vente)
key-welcome-quit-label = Quitter
key-welcome-quit-desc = Quitter kash-pos
key-sign_in-accept-label = OK
key-sign_in-accept-desc = Envoyer l’e-mail (un code arrive par e-mail), le code, ou l’identifiant et le mot de passe ; connecté : ouvrir la boutique
key-sign_in-next_field-label = Champ suivant
key-sign_in-next_field-desc = L’autre champ
key-sign_in-cancel-label = Retour
key-sign_in-cancel-desc = Retour : à l’e-mail, ou aux choix
welcome-title = Bienvenue dans kash-pos
welcome-intro = Une caisse au clavier pour votre boutique Kash.click. Aucune boutique n’est encore configurée sur cette machine.
welcome-demo = Essayer la boutique de démo (ventes sur aucun compte)
welcome-code = Se connecter avec un code envoyé par e-mail (conseillé)
welcome-password = Se connecter avec identifiant et mot de passe
welcome-writes = La connexion écrit { $path } et, à côté, un fichier de clé lisible par vous seul.
signin-title = Connexion à Kash.click
signin-email-intro = Kash.click envoie un code à usage unique à l’e-mail de votre compte.
signin-email = E-mail :
signin-account-id = N° de compte :
signin-account-id-hint = Le n° de compte seulement quand un e-mail a plusieurs comptes ; sinon laissez-le vide.
signin-code-intro = Un code a été envoyé à { $email } : tapez-le ici.
signin-code = Code :
signin-password-intro = Sur une machine partagée ou distante, préférez le code par e-mail.
signin-login = Identifiant :
signin-password = Mot de passe :
signin-busy = Demande à Kash.click… (Échap cesse d’attendre)
signin-done = Connecté à la boutique { $shop } (clé { $key }).
signin-done-config = Configuration : { $path }
signin-done-key = Fichier de clé : { $path } (lisible par vous seul)
signin-done-hint = Entrée ouvre votre boutique maintenant · Échap reste sur la démo (votre boutique s’ouvrira au prochain démarrage).
signin-no-config-dir = Cette machine n’a pas de dossier de configuration : connectez-vous avec `kash-pos login --config FICHIER`.
signin-email-needed = Tapez l’e-mail de votre compte (nom@domaine).
signin-code-needed = Tapez le code reçu par e-mail.
signin-password-needed = Tapez l’identifiant et le mot de passe.
signin-config-exists = { $path } existe déjà : il n’est pas écrasé.
signin-write-failed = Impossible d’écrire { $path } : { $error }
msg-signed-in-already = Cette caisse est connectée à sa boutique (pour en changer : kash-pos login --config NOUVEAU_FICHIER).
msg-demo-chosen = Démo : ventes sur aucun compte. Ctrl-S : connecter votre boutique.
msg-signin-code-sent = Code envoyé à { $email }.
msg-signed-in = Connecté à la boutique { $shop } : Entrée l’ouvre.
msg-signed-in-later = Toujours sur la démo : votre boutique s’ouvrira au prochain démarrage.
## counter
sale-label = la vente de { $time }, { $total }
sale-label-no-total = la vente de { $time }
payment-label = le paiement de { $time }, { $total }
edit-label = la modification de { $time } de la commande { $order }
key-tables-table_digit-desc = Tapez le numéro de la table : 1 2 choisit la table 12 (Retour arrière reprend un chiffre)
key-sale-basket_discount-label = Remise
key-sale-basket_discount-desc = Remise sur tout le panier : tapez 10% ou un montant, puis Ctrl-F ; sur une saisie vide, la retire
msg-basket-discount-set = Remise panier { $off } : total { $total }
msg-basket-discount-removed = Remise panier retirée : total { $total }
msg-basket-discount-how = Tapez 10% ou un montant, puis Ctrl-F : une remise sur tout le panier
msg-basket-discount-unreadable = « { $text } » n’est pas une remise : tapez 10% ou un montant comme 5
msg-basket-discount-too-large = Non appliquée : la remise dépasse le panier ({ $total })
msg-basket-discount-nothing = Non appliquée : le panier n’a rien à remiser
msg-basket-discount-recalled = Une commande rappelée ne prend pas de remise panier : remisez ses nouvelles lignes une à une (Entrée sur une ligne)
msg-basket-discount-paying = Une partie de la vente est payée : la remise panier ne peut plus changer
basket-discount-row = Remise panier { $discount }
kitchen-order-parked = Commande garée
