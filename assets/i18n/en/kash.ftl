# kash-pos, English. Every message exists in both files with the same arguments (a test checks).

context-loading = Start-up
context-sale = Sale
context-search = Search
context-departments = Departments
context-line_edit = Line edit
context-variation = Variation choice
context-payment = Payment
context-tender = Cash tendered
context-confirm = Confirmation
context-receipt = Sale recorded
context-help = Help
context-unknown_code = Unknown code
context-attention = Sales to settle
context-tables = Tables
context-open_orders = Open orders
context-order_details = Order details
context-order_pay = Payments of a recalled order
context-refund_orders = Refund: choose the order
context-refund_lines = Refund: choose the lines
context-sending = Sending an order
count-lines = { $count ->
    [one] { $count } line
   *[other] { $count } lines
}
header-connecting = ○ connecting
header-online = ● online
header-offline = ✗ offline
header-queued = { $count } queued
header-blind = blind look-ups
header-to-settle = { $count } to settle: Ctrl-W
header-demo = DEMO
header-shop = shop { $shop }
header-user = user { $user }
header-till = till { $till }
header-catalog-incomplete = catalog incomplete
header-local-lists = lists from local copy
basket-empty = Basket — empty
basket-count = Basket — { $lines ->
    [one] { $lines } line
   *[other] { $lines } lines
}, { $articles_n ->
    [one] { $articles } article
   *[other] { $articles } articles
}
basket-short = Basket ({ $lines })
basket-hint-1 = Scan a barcode, type a code or an item id and Enter,
basket-hint-2 = or type letters to search by name.  F10: departments.  ?: help
total-caps = TOTAL
entry-search = Search by name
entry-department = Amount for a free line in the department
entry-tender = Cash tendered (Enter alone: exact amount)
entry-code = Code, quantity (3*) or name
entry-refused = Code refused: scan again
side-total = Total
side-every-mode = Every mode, unpaid, open
side-pay = Pay
context-covers = { $covers } cov.
context-pager = pager { $pager }
recalled-validated = validated
recalled-gone = closed elsewhere
recalled-sep-validated = validated: F9 records payments
recalled-sep-new = new lines: scan or type; F9 pays
recalled-sep-unsent = not sent: Ctrl-P sends, F9 pays
recalled-unreadable = { $count ->
    [one] { $count } line could not be read (server total)
   *[other] { $count } lines could not be read (server total)
}
msg-unreadable-confirm = { $count ->
    [one] { $count } line of this order could not be read: its total on Kash.click is { $total }. To pay for that total, press the key again
   *[other] { $count } lines of this order could not be read: its total on Kash.click is { $total }. To pay for that total, press the key again
}
col-item = Item
col-qty = Qty
col-unit = Unit
col-total = Total
payment-title = Payment — total { $total }
payment-refund-kind = refund
tender-total = Total
tender-tendered = Tendered
tender-change = Change
tender-not-enough = Not enough
tender-hint = Type the amount tendered, then Enter
receipt-recorded = Order { $order } recorded
receipt-provisional = PROVISIONAL — sale queued, not yet on Kash.click
receipt-order-number = Order number
receipt-to-come = to come
receipt-total = Total
receipt-payment = Payment
receipt-tendered = Tendered
receipt-change = Change due
receipt-change-caps = CHANGE DUE
receipt-invoice = Invoice
receipt-next = Any key: next sale (a scan starts it)
confirm-clear-title = New sale
confirm-clear = Clear the basket? Its lines are lost.
confirm-quit-title = Quit
confirm-quit = Quit kash-pos? The basket is kept for the next start.
confirm-keys = Enter / Y: yes     Esc / N: no
unknown-title = Unknown code
unknown-no-item = No item has the code
unknown-search = search the item by name
unknown-free-line = free line at a typed price in a department
unknown-ignore = ignore: nothing is added
search-results = { $count ->
    [one] { $count } result
   *[other] { $count } results
}
search-results-quantity = { $count ->
    [one] { $count } result
   *[other] { $count } results
} · quantity { $quantity }
search-results-best = first { $shown } of { $count } results
search-results-best-quantity = first { $shown } of { $count } results · quantity { $quantity }
search-none = No item matches.
sending-title = Sending
sending-order = Sending the order to Kash.click…
sending-basket-stays = The basket stays until the server answers
sending-keys-wait = Keys wait for the answer.
help-title = Keys ({ $from }–{ $to } of { $count }) — ↑/↓ PgUp/PgDn scroll, Esc closes
help-entry-line = Entry line
help-digits = digits
help-digits-desc = A barcode or an item id, then Enter (a scanner sends Enter itself)
help-quantity = 3*
help-quantity-desc = Quantity for the next code: 3*, 0.350* for weighed goods
help-letters = letters
help-letters-desc = Search by name; ↑/↓ and Enter to add



# Screens of orders, start-up, dialogs.
loading-shop = Loading the shop { $shop } ({ $done }/{ $count })
loading-pending = loading
loading-skipped = { $count } ({ $skipped } unreadable, skipped)
loading-cached = { $count } from the local copy of { $when }
list-items = items
list-departments = departments
list-department-groups = department groups
list-customers = customers
list-variations = variations
list-delivery-methods = delivery methods
list-payment-modes = payment modes
list-cashboxes = cashboxes
list-delivery-zones = delivery zones
list-relay-points = relay points
list-discounts = discounts
list-users = users
list-tables = tables
list-open-orders = open orders
loading-failed = { $count ->
    [one] { $count } list could not be loaded.
   *[other] { $count } lists could not be loaded.
}
loading-keys-required = R retry · Ctrl-Q quit (items and payment modes are needed)
loading-keys = R retry · C continue without them · Ctrl-Q quit
loading-wait = Please wait…
line-edit-title = Line { $number }: { $title }
field-quantity = Quantity
field-unit-price = Unit price
field-title = Title
field-discount = Discount
field-covers = Covers
field-pager = Pager
field-delivery = Delivery
field-customer = Customer
field-public-comment = Public comment
field-private-comment = Private comment
variation-step = Choice { $step } of { $count }
count-items = { $count ->
    [one] { $count } item
   *[other] { $count } items
}
tables-title = Table
tables-free = free
tables-open = { $count } open · { $total }
tables-seats = { $count } seats
attention-hint = Their outcome is unknown. Check Kash.click, then choose.
attention-order-number = Order number if already recorded:
attention-refund-copy = Enter: refund the copy, from its lines on Kash.click
delivery-take-away = Take away
delivery-to-be-delivered = To be delivered
delivery-on-site = On site
delivery-drive-thru = Drive-thru
delivery-counter-sale = Counter sale
delivery-relay-point = Relay point
delivery-to-be-shipped = To be shipped
details-no-customers = no customers loaded
details-customers = { $count } customers: ←/→
details-public = Public comment (on the receipt)
details-private = Private comment (staff only)
details-comment-keys = Enter: new line · Ctrl-S: apply
order-pay-title = Payments — { $order }
order-label = order { $number }
order-pay-total = Total
order-pay-paid = Paid
order-pay-due = Still due
order-pay-recorded = Recorded here:
order-pay-done = Paid in full.
order-pay-change = Change to give: { $change }
order-pay-next = Any key: new sale
order-pay-empty = (empty: { $due })
order-pay-amount = Amount
order-pay-hint = Type an amount, then F1–F8 or Enter
order-pay-mode = Mode


# Open orders and refunds.
orders-status-paid = paid { $amount }
orders-status-validated = validated
orders-status-open = open
orders-all-tables = all tables
orders-none = No open order. Ctrl-P on the sale screen parks one.
col-order = Order
col-table = Table
col-covers = Cov.
col-age = Age
age-no-date = no date
age-bad-date = bad date
orders-note-no-date = { $count ->
    [one] The server sent one order without a date: its age is not known.
   *[other] The server sent { $count } orders without a date: their age is not known.
}
orders-note-bad-date = { $count ->
    [one] One order has a date the till cannot read: its age is not known.
   *[other] { $count } orders have a date the till cannot read: their age is not known.
}
count-lines-unreadable = { $count ->
    [one] { $count } line
   *[other] { $count } lines
}, { $unreadable } unreadable
col-customer = Customer
col-status = Status
col-lines = Lines
col-sold = Sold
col-refund = Refund
refund-orders-title = Refund — validated orders of the last 7 days
refund-note = A validated order is never changed: the refund is a new order with negative quantities.
refund-loading = Loading the validated orders…
refund-none = No validated order in the last 7 days.
refund-from = Refund from { $order }
refund-lines-note = { $order } is validated and stays as it is (French law on POS software): the refund is a new order with negative quantities.
refund-total = Refund total { $total }
fresh-ago = { $age } ago
fresh-failed = List from{ $ago } — refresh failed: { $why }
fresh-not-loaded = Open orders not loaded: { $why }
fresh-updated = Updated{ $ago }
fresh-refreshing = , refreshing…
fresh-loading = Loading the open orders…

# Status messages.
msg-added = { $title } added · total { $total }
msg-unknown-code = Unknown code { $code }
msg-unknown-code-typed = Unknown code { $code }: correct it, or type letters to search
msg-basket-empty = The basket is empty
msg-sending-order = Sending the order…
msg-load-required = Items and payment modes are needed to sell: retry (R)
msg-started-without = Started without { $lists }
msg-skipped = { $count ->
    [one] { $count } unreadable or out-of-limit element skipped: see the log
   *[other] { $count } unreadable or out-of-limit elements skipped: see the log
}
msg-duplicate-barcodes = { $count ->
    [one] { $count } barcode on more than one item: see the log
   *[other] { $count } barcodes on more than one item: see the log
}
msg-offline-start = Offline start: lists saved { $when }; sales will queue
msg-ready-restored = Ready: { $items } items · basket restored after a restart ({ $lines ->
    [one] { $lines } line
   *[other] { $lines } lines
})
msg-ready = Ready: { $items } items
msg-left-recalled = Left { $order } (still on the server): new sale
msg-details-cleared = Order details cleared
msg-no-attention = No sale is waiting for a decision
msg-select-line = Select a line first (↑/↓)
msg-removed = Removed { $title }
msg-weighed-line = Weighed line: edit its quantity (Enter)
msg-quantity-zero = Quantity cannot be 0: Del removes the line
msg-quantity-set = Quantity set: now scan or type the code
msg-no-tables = No tables in this shop
msg-nothing-to-park = The basket is empty: nothing to park
msg-parking = Parking the order…
msg-parking-label = Parking the order
msg-leave-recalled-first = Leave the recalled order first (Ctrl-N), then Ctrl-R
msg-negated = Refund: quantities made negative — pay it out with a refund mode (Ctrl-R again undoes)
msg-positive-again = Quantities made positive again: a sale
msg-no-payment-mode = No payment mode { $key }
msg-not-an-amount = { $typed } is not an amount
msg-basket-cleared = Basket cleared
msg-search-none = No item matches: change the search or Esc
msg-type-name = Type the name of the item for { $code }
msg-not-added = Not added
msg-no-departments = No departments in this shop

msg-journal-write-failed = Not recorded: the local journal could not be written ({ $error }). The basket is kept.
msg-order-recorded = Order { $order } recorded
msg-not-recorded = Not recorded: { $why }
msg-keys-ignored = { $count ->
    [one] { $count } key typed meanwhile was ignored
   *[other] { $count } keys typed meanwhile were ignored
}
msg-recorded-as = { $sale } was recorded as order { $order }
msg-refused-by-kash = refused by Kash.click: { $message }
msg-journal-error = Journal: { $error }
msg-need-decision = { $count ->
    [one] { $count } sale needs your decision: Ctrl-W
   *[other] { $count } sales need your decision: Ctrl-W
}
msg-provisional = Provisional: queued, sent when Kash.click answers
msg-settled = Settled: the journal is up to date
msg-journal-update-failed = Could not update the journal: { $error }
msg-no-longer-open = { $order } is no longer open: it was closed or paid on another terminal
msg-parked = Parked{ $table }: { $sale }; new sale
msg-not-parked = Not parked: the local journal could not be written ({ $error }); the basket is kept
msg-updated-pay = { $order } updated: now pay
msg-updated-open = { $order } updated and kept open: new sale
msg-validated-pay = { $order } validated: record its payments
msg-paid-full = { $order } paid in full
msg-paid-part = { $amount } by { $mode }: still due { $due }
msg-answer-lost = { $order }: the answer was lost ({ $why }); it may have been recorded. Check the open orders (refreshing now) before trying again
msg-outcome-unknown = Outcome unknown: see the message; refreshing
msg-payment-not-recorded = { $order }: payment not recorded
msg-not-validated-why = Not validated: { $why }
msg-not-validated = { $order } not validated
msg-not-changed = { $order } not changed: { $why } (what you typed is kept)

msg-law = a validated order is never changed or deleted (French law on POS software): refund it instead (Ctrl-R)
msg-validated-no-change = { $order } is validated: its lines and details cannot be changed — { $law }. The new lines stay in the basket.
msg-sending-again = Sending { $sale } again
msg-type-order-number = Type the order number shown in Kash.click, then Enter
msg-department-empty = No items here: type an amount and Enter for a free line
msg-department-amount = Here the entry takes an amount for a free line
msg-no-customers = No customers loaded from the shop
msg-customer = Customer { $name }
msg-not-a-number = { $what } { $typed } is not a number
msg-details-set-send = Order details set: Ctrl-P sends them
msg-details-set = Order details set
msg-no-such-discount = The shop has no such discount
msg-bad-quantity = Quantity { $typed } is not a number (not 0)
msg-bad-price = Price { $typed } is not an amount
msg-empty-title = The title cannot be empty
msg-bad-discount = Discount { $typed }: type 10% or an amount
msg-line-gone = The line is gone
msg-refresh-under-way = A refresh is already under way
msg-is-validated-law = { $order } is validated: { $law }
msg-stays-open = { $order } stays open: recall it (Enter) to pay it or add to it; orders are never deleted from the till
msg-nothing-to-recall = No open order to recall
msg-park-before-recall = Park (Ctrl-P) or clear (Ctrl-N) the current sale before recalling an order
msg-recalled-validated = { $order } recalled; it is validated: F9 records its payments
msg-recalled = { $order } recalled: add lines, Ctrl-P sends them and keeps it open, F9 pays
msg-already-validated = { $order } is already validated
msg-validating = Validating { $order }
msg-recording-payment = Recording { $amount } by { $mode }
payment-validated-unpaid = Validated, unpaid
payment-open-order = Open order
msg-nothing-to-refund = Nothing to refund: every quantity is 0
refund-comment = Refund of { $order }
msg-refund-in-basket = Refund of { $order }: pay it out with a refund mode{ $key }
msg-table-open-orders = { $table }: { $count ->
    [one] { $count } open order
   *[other] { $count } open orders
} there — Ctrl-O to recall
msg-no-table = No table
msg-tendered-short = { $tendered } tendered is less than the total { $total }
msg-variation-interrupted = { $title } was not added: a scan came before its choice
msg-cannot-change = { $order } cannot be changed: { $law }
msg-left-open = { $order } left open, unchanged: new sale
msg-sending-to = Sending to { $order }
msg-sending-new-lines = Sending the new lines to { $order }


# Key names on the keyboard.
keyname-enter = Enter
keyname-esc = Esc
keyname-del = Del
keyname-ins = Ins
keyname-space = Space
keyname-backspace = Backspace
keyname-home = Home
keyname-end = End
keyname-pgup = PgUp
keyname-pgdn = PgDn
keyname-shift = Shift


# The command line.
cli-config-error = configuration error in { $error }
cli-otp-sent = A one-time password was sent to { $email }. Type it:
cli-logged-in = Logged in: shop { $shop }, key { $key } saved in { $key_file }; configuration in { $config }
cli-unknown-format = unknown format { $format }: csv or json
cli-warning = warning: { $warning }
cli-check-json = Print the report as JSON, for scripts
check-title = kash-pos check: shop { $shop } at { $url }
check-col-endpoint = Endpoint
check-col-answer = Answer
check-col-elements = Elements
check-col-unreadable = Unreadable
check-col-time = Time
check-answer-json = JSON
check-answer-not-served = not served (404)
check-answer-not-json = not JSON
check-answer-refused = refused
check-answer-failed = no answer
check-lookup = Look-up
check-clock = Server clock
check-rtt = Round trip
check-sighted = sighted: the last sale this till confirmed ({ $reference }) is found by its reference
check-blind = blind: { $why }
check-not-known-no-journal = not known yet: this till has no journal yet (no sale made)
check-not-known-demo = not checked: the demo shop starts empty every time, so this till's earlier sales are not on it
check-not-known-no-sale = not known yet: this till has confirmed no sale yet to check the look-up against
check-not-known-journal = not known yet: the journal cannot be read ({ $error })
check-lookup-failed = no answer: { $error }
check-clock-unknown = not known (no answer carried a date)
check-clock-ok = within a minute of this machine
check-skew-minutes = { $minutes } min { $seconds } s
check-skew-seconds = { $seconds } s
check-skew-ahead = { $amount } ahead of this machine (the till uses the server's clock for its look-ups)
check-skew-behind = { $amount } behind this machine (the till uses the server's clock for its look-ups)
check-rtt-none = no answer
check-rtt-median = median { $median } over { $count ->
    [one] { $count } answer
   *[other] { $count } answers
}
check-all-good = Everything the till relies on answers.
check-mark-missing = MISSING
check-mark-warning = note
check-no-answer = The server does not answer any request: the till cannot start on this account.
check-missing-catalog = getPlus.php does not list the catalog: the till cannot start.
check-missing-modes = getPaymentModes.php lists no payment mode: sales cannot be paid.
check-missing-pending = getPending.php does not list the open orders: parked orders cannot be recalled, and a sale whose answer is lost cannot be looked up.
check-missing-orders = getOrders.php does not answer: a paid sale cannot be looked up, so a sale whose answer is lost will wait for your decision (Ctrl-W).
check-missing-blind = The look-up is blind: a sale whose answer is lost will wait for your decision (Ctrl-W), never sent again by itself.
check-missing-lookup = The look-up did not answer: a sale whose answer is lost waits until it does.
check-warn-no-comments = No order in the listings carries a private comment: the look-up will probably be blind once a sale is confirmed (run check again after a sale).
check-warn-unreadable = { $count ->
    [one] { $count } element
   *[other] { $count } elements
} of { $endpoint }.php could not be read: the till leaves them out and says so.
check-warn-no-dates = { $count ->
    [one] { $count } order
   *[other] { $count } orders
} of { $endpoint }.php have no date: their age is not shown.
check-warn-unreadable-lines = { $count ->
    [one] { $count } line
   *[other] { $count } lines
} in { $orders ->
    [one] { $orders } order
   *[other] { $orders } orders
} of { $endpoint }.php could not be read: such an order is paid only for the server's total, after you confirm it.
check-warn-list = { $endpoint }.php does not answer: the till starts without it.
check-warn-clock = The server's clock is { $skew }.

msg-empty-code = Empty code
msg-bad-check-digit = Bad check digit in { $code }: misread, scan again

cli-about = Keyboard-first terminal point of sale for Kash.click
cli-arg-config = Configuration file (default: the user's config directory; none there: the demo shop)
cli-arg-sign-in-url = With no configuration: the service the till's sign-in goes to (default https://kash.click)
cli-sim = Serve the Kash.click simulator with the demo shop (shop id `demo`, key `demo`)
cli-check = Check the configuration and the connection, then exit
cli-login = Obtain the shop id and API key by email one-time password (the vendor's recommended way) or, with --password, by login and password, and write them to the configuration (the key to a file readable by you alone)
cli-arg-email = The account's email
cli-arg-account-id = The account's internal id, when one email has several accounts
cli-arg-base-url = The service (default https://kash.click)
cli-report = A day's report: the server's (`getSales.php`, the bytes as sent) or this till's figures from its journal (`--till`). Read-only; runs beside an open till
cli-arg-day = The day, YYYY-MM-DD (default: yesterday, as the server; with --till, today)
cli-arg-report-format = std, pdf, xls, csv, frafec or saft
cli-arg-output = Write to this file (whole or not at all) instead of standard output
cli-arg-till = This till's figures from its journal: per payment mode, refunds, what is not confirmed
cli-arg-till-json = With --till: the figures as JSON
report-bad-day = { $day } is not a day: write it YYYY-MM-DD, e.g. 2026-11-30
report-future-day = { $day } has not come yet: there are no sales to report
report-bad-format = unknown format { $format }: std, pdf, xls, csv, frafec or saft
report-binary-to-terminal = { $format } is a binary file: write it with -o FILE (or redirect the output), not to the terminal
report-empty = the server sent an empty answer for the { $format } report: nothing written
report-html = the server sent a web page instead of the { $format } report (an error or a sign-in page): nothing written
report-not-pdf = the server's answer is not a PDF file: nothing written
report-written = { $bytes } bytes written to { $path }
report-till-title = This till's sales on { $day } (from its journal)
report-col-mode = Payment mode
report-col-payments = Payments
report-col-total = Total
report-total = Total
report-refunds = Refunds
report-discounts = Discounts
report-unpaid = Orders not paid: { $parked } parked open, { $validated } validated unpaid.
report-unconfirmed = { $count ->
    [one] { $count } sale is
   *[other] { $count } sales are
} not confirmed by the server yet ({ $total }): not in the totals above.
report-refused = { $count ->
    [one] { $count } sale was
   *[other] { $count } sales were
} refused by the server: not in the totals.
report-amount-on-server = { $count ->
    [one] { $count } payment of a recalled order was
   *[other] { $count } payments of recalled orders were
} for the whole order: their amount is on the server, not in these totals.
cli-export = Export the local journal of sales (every entry, confirmed or not) to standard output
cli-arg-format = `csv` or `json`

# The keymap's labels and descriptions (assets/keymap.toml); the English is the file's text.
key-global-quit-desc = Quit, as Ctrl-Q where it is bound
key-sale-pay-desc = Pay with the {"{n}"} payment mode (labels on screen)
key-sale-open_payment-label = Payment
key-sale-open_payment-desc = Payment screen: every mode, validate unpaid, keep open
key-sale-open_departments-label = Depts
key-sale-open_departments-desc = Browse departments, free amount in a department
key-sale-up-desc = Select the line above
key-sale-down-desc = Select the line below
key-sale-accept-desc = Add the typed code; on an empty entry, edit the selected line
key-sale-quantity_plus-label = More
key-sale-quantity_plus-desc = One more of the selected line
key-sale-quantity_minus-label = Less
key-sale-quantity_minus-desc = One less of the selected line
key-sale-remove_line-label = Remove
key-sale-remove_line-desc = Remove the selected line
key-sale-cancel-desc = Clear the entry, then the selection
key-sale-clear_basket-label = New sale
key-sale-clear_basket-desc = Clear the basket (asks first)
key-sale-open_help-label = Help
key-sale-open_help-desc = This help
key-sale-open_attention-desc = Sales waiting for a decision (outcome unknown)
key-sale-quit-label = Quit
key-sale-quit-desc = Quit kash-pos (asks first when the basket is not empty)
key-sale-quit-desc-2 = Quit, as Ctrl-Q
key-sale-open_tables-label = Table
key-sale-open_tables-desc = Choose the table (shows which have open orders)
key-sale-order_details-label = Details
key-sale-order_details-desc = Order details: covers, pager, delivery, customer, comments
key-sale-park-label = Park
key-sale-park-desc = Park: send open, new sale; recalled: send its new lines
key-sale-open_orders-label = Orders
key-sale-open_orders-desc = Open orders: recall one to add lines or pay it (F9, F1-F8)
key-sale-refund-label = Refund
key-sale-refund-desc = Refund a validated order (empty basket), or negate the basket
key-tables-up-desc = Previous table
key-tables-down-desc = Next table
key-tables-accept-label = Choose
key-tables-accept-desc = Choose the table
key-tables-remove_line-label = No table
key-tables-remove_line-desc = No table
key-tables-open_orders-label = Its orders
key-tables-open_orders-desc = The open orders of this table
key-tables-cancel-label = Back
key-tables-cancel-desc = Back to the sale
key-open_orders-up-desc = Previous order
key-open_orders-down-desc = Next order
key-open_orders-accept-label = Recall
key-open_orders-accept-desc = Recall the order: see its lines, add lines, pay
key-open_orders-filter_table-label = Table filter
key-open_orders-filter_table-desc = Filter by table: each table in turn, then all
key-open_orders-refresh-label = Refresh
key-open_orders-refresh-desc = Refresh the list now
key-open_orders-remove_line-desc = Orders are never deleted: says why
key-open_orders-cancel-label = Back
key-open_orders-cancel-desc = Back to the sale
key-order_details-next_field-label = Next field
key-order_details-next_field-desc = Next field
key-order_details-prev_field-desc = Previous field
key-order_details-left-desc = Delivery method, customer: previous choice
key-order_details-right-label = Choose
key-order_details-right-desc = Delivery method, customer: next choice
key-order_details-apply-label = Apply
key-order_details-apply-desc = Apply the details (Enter too, outside the comments)
key-order_details-accept-desc = Apply; in a comment, a new line
key-order_details-cancel-label = Cancel
key-order_details-cancel-desc = Close without changing the details
key-order_pay-pay-desc = Pay with the {"{n}"} payment mode (labels on screen)
key-order_pay-up-desc = Previous mode
key-order_pay-down-desc = Next mode
key-order_pay-accept-label = Pay
key-order_pay-accept-desc = Pay the amount typed (or what is due) with the selected mode
key-order_pay-validate_unpaid-label = Validate
key-order_pay-validate_unpaid-desc = Validate the order without payment
key-order_pay-cancel-label = Back
key-order_pay-cancel-desc = Back to the order
key-refund_orders-up-desc = Previous order
key-refund_orders-down-desc = Next order
key-refund_orders-accept-label = Choose
key-refund_orders-accept-desc = Refund from this order
key-refund_orders-cancel-label = Back
key-refund_orders-cancel-desc = Back to the sale
key-refund_lines-up-desc = Previous line
key-refund_lines-down-desc = Next line
key-refund_lines-quantity_plus-label = More
key-refund_lines-quantity_plus-desc = Refund one more of the line
key-refund_lines-quantity_minus-label = Less
key-refund_lines-quantity_minus-desc = Refund one less of the line
key-refund_lines-remove_line-label = None
key-refund_lines-remove_line-desc = Refund none of the line
key-refund_lines-accept-label = Refund
key-refund_lines-accept-desc = Put the refund in the basket, to pay out with a refund mode
key-refund_lines-cancel-label = Back
key-refund_lines-cancel-desc = Back to the sale
key-search-up-desc = Previous result
key-search-down-desc = Next result
key-search-page_up-desc = Previous page of results
key-search-page_down-desc = Next page of results
key-search-accept-label = Add
key-search-accept-desc = Add the selected result
key-search-cancel-label = Close
key-search-cancel-desc = Close the search
key-departments-up-desc = Previous
key-departments-down-desc = Next
key-departments-page_up-desc = Previous page
key-departments-page_down-desc = Next page
key-departments-accept-label = Open/Add
key-departments-accept-desc = Open the department, add the item, or type a free amount
key-departments-back-desc = Back to the departments
key-departments-cancel-label = Back
key-departments-cancel-desc = Back, then close
key-line_edit-next_field-label = Next field
key-line_edit-next_field-desc = Next field
key-line_edit-prev_field-desc = Previous field
key-line_edit-apply_discount-desc = Apply the shop's {"{n}"} discount
key-line_edit-remove_line-label = Remove
key-line_edit-remove_line-desc = Remove the line
key-line_edit-accept-label = Apply
key-line_edit-accept-desc = Apply the changes
key-line_edit-cancel-label = Cancel
key-line_edit-cancel-desc = Close without changing the line
key-variation-up-desc = Previous choice
key-variation-down-desc = Next choice
key-variation-accept-label = Choose
key-variation-accept-desc = Choose (or type the choice's number)
key-variation-cancel-label = Cancel
key-variation-cancel-desc = Do not add the item
key-payment-pay-desc = Pay with the {"{n}"} payment mode (labels on screen)
key-payment-up-desc = Previous mode
key-payment-down-desc = Next mode
key-payment-accept-label = Pay
key-payment-accept-desc = Pay with the selected mode (or type its number)
key-payment-validate_unpaid-label = Validate unpaid
key-payment-validate_unpaid-desc = Validate the order without payment
key-payment-keep_open-label = Keep open
key-payment-keep_open-desc = Record the order open, not validated
key-payment-cancel-label = Back
key-payment-cancel-desc = Back to the sale
key-tender-accept-label = Pay
key-tender-accept-desc = Pay; with no amount typed, the exact amount
key-tender-cancel-label = Back
key-tender-cancel-desc = Back to the sale
key-confirm-accept-label = Yes
key-confirm-accept-desc = Yes
key-confirm-cancel-label = No
key-confirm-cancel-desc = No
key-receipt-accept-label = Next sale
key-receipt-accept-desc = Next sale (any key, a scan too)
key-loading-retry-label = Retry
key-loading-retry-desc = Load what failed again
key-loading-continue_anyway-label = Continue
key-loading-continue_anyway-desc = Start without what failed (the status bar says so)
key-loading-quit-label = Quit
key-loading-quit-desc = Quit kash-pos
key-unknown_code-accept-label = Search by name
key-unknown_code-accept-desc = Close, and type the item's name to search
key-unknown_code-open_departments-label = Free line
key-unknown_code-open_departments-desc = A free line at a typed price in a department
key-unknown_code-cancel-label = Ignore
key-unknown_code-cancel-desc = Close: nothing is added
key-attention-up-desc = Previous sale
key-attention-down-desc = Next sale
key-attention-retry-label = Send again
key-attention-retry-desc = Not on the server: send it again
key-attention-accept-label = Recorded as
key-attention-accept-desc = Already on the server: type its order number, then Enter
key-attention-cancel-label = Close
key-attention-cancel-desc = Close; the sales wait
key-help-up-desc = Scroll up
key-help-down-desc = Scroll down
key-help-page_up-label = Page up
key-help-page_up-desc = Page up
key-help-page_down-label = Page down
key-help-page_down-desc = Page down
key-help-cancel-label = Close
key-help-cancel-desc = Close the help

## Errors of the Kash.click service, as the cashier reads them
err-unreachable = Kash.click unreachable: check the network
err-connection-lost = Connection lost during the request
err-timeout = Kash.click did not answer within { $seconds }s
err-http = Kash.click answered HTTP { $status }
err-unexpected = Unexpected answer from Kash.click: { $detail }
err-refused = Kash.click refused: { $message }
err-bad-credentials = Shop id or API key refused: check the config file

## Payment rules
tender-refund-mode-needed = Negative total: pay with a refund mode, not { $mode }
tender-not-a-refund = { $mode } is a refund mode: the total is not negative
tender-minimum = { $mode } needs at least { $amount }
tender-maximum = { $mode } takes at most { $amount }
tender-maximum-part = { $mode } takes at most { $amount }: type the amount for it
tender-nothing-due = Nothing is due
tender-refund-order = Refund order: pay it out with a refund mode, not { $mode }
tender-is-refund-mode = { $mode } is a refund mode
tender-not-positive = The amount must be above zero
tender-over-due = { $mode } cannot take more than what is due ({ $amount })

## Limits of a basket line
limit-quantity = Quantity { $quantity } refused: the limit is { $max } a line ([pos] max_quantity)
limit-unit-price = Price { $price } refused: the limit is { $max } a unit ([pos] max_unit_price)
limit-line-total = Line total { $total } refused: the limit is { $max } a line ([pos] max_line_total)
limit-overflow = Amount too large to compute: line refused
limit-too-large = too large
limit-amount-too-large = an amount too large

## Look-ups
sight-unknown = Look-ups: not known yet whether the server shows the till's references
sight-sighted = Look-ups see the till's references (control { $control })
sight-blind = Look-ups are blind ({ $why }): a sale whose answer is lost will wait for your decision
blind-no-control = no sale confirmed yet to check the look-up against
blind-open-only = the last confirmed sale is seen among the open orders only: a paid sale cannot be seen
blind-no-period-not-open = getOrders.php is not served and the last confirmed sale is not open
blind-not-listed = the last confirmed sale (order { $order }) is not in the server's listings with its reference

## Exactly once, seen by the cashier
msg-shared-barcode = { $code } is the barcode of { $count } items: choose one (↑/↓, Enter)
msg-double = { $sale } was recorded twice on Kash.click: orders { $kept } and { $copy }. Ctrl-W, Enter refunds order { $copy } (the copy)
attention-double = recorded twice: orders { $kept } and { $copy }; Enter refunds { $copy } (the copy)
msg-journal-unreadable = The journal could not be read ({ $error }): see the log
msg-refund-copy = Refund of order { $order }, the copy: Enter puts it in the basket
msg-copy-not-found = Order { $order } is not among the validated orders of the last week: refund it from Kash.click
msg-quit-waits = Sending an order: kash-pos waits for Kash.click's answer (or its timeout) before it can quit
label-price = Label price { $price }

## printer
print-duplicate = DUPLICATE
print-refund = REFUND
print-order = Receipt { $order }
print-provisional = PROVISIONAL
print-provisional-reference = Not yet recorded on Kash.click: the order number comes later
print-cashier = Cashier: { $cashier }
print-table = Table: { $table }
print-total = TOTAL
print-vat = VAT { $rate } % (excl. { $base })
print-change = Change
print-invoice-qr = Your invoice: scan the code
print-kitchen = KITCHEN
print-kitchen-table-covers = { $table } - { $covers } covers
print-kitchen-covers = { $covers } covers
msg-print-queued = Receipt sent to the printer
msg-print-duplicate-queued = Duplicate sent to the printer
msg-print-nothing = No receipt to print yet
msg-print-off = No printer configured: set [printer] connection
msg-print-never = Receipts are off here ([printer] receipts = "never")
msg-printer-waiting = { $printer }: { $count } waiting (Ctrl-G: drop) — { $error }
msg-printed = Printed: { $what }
msg-print-dropped = { $count } document(s) dropped from the printer queue
msg-drawer-opened = Drawer opening sent ({ $why }); journaled
msg-drawer-failed = Drawer not opened: { $error }
msg-drawer-off = The drawer is off ([printer] drawer = false)
drawer-why-cash = cash payment { $reference }
drawer-why-key = no sale (Ctrl-D)
header-printer = { $count } to print
receipt-preview = Receipt
receipt-print-hint = Ctrl-G prints the receipt
receipt-printed-hint = Ctrl-G prints a duplicate
receipt-scan = Scan for the invoice
kitchen-order-reference = Order { $reference }
confirm-drop-print-title = Printer queue
confirm-drop-print = Drop what waits for the printer?
key-sale-print_receipt-label = Print
key-sale-print_receipt-desc = Print the last receipt (again: a duplicate); a stuck printer queue offers to drop it
key-sale-open_drawer-label = Drawer
key-sale-open_drawer-desc = Open the cash drawer (journaled; typed text is the reason)
key-receipt-print_receipt-label = Print
key-receipt-print_receipt-desc = Print the receipt (again: a duplicate)
msg-printer-failed = { $printer }: { $error }
printer-receipt = Receipt printer
printer-kitchen = Kitchen printer
## customers
context-customers = Customers
context-customer_form = Customer form
context-new-customer = { $name } (new)
field-last-name = Last name
field-first-name = First name
field-email = Email
field-phone = Phone
field-address = Address
field-address-line-2 = Address line 2
field-address-comment = Address comment
field-postcode = Postcode
field-city = City
field-country = Country
field-vat-number = VAT number
field-card-barcode = Card barcode
field-blacklisted = Blacklisted
customers-find = Find:
customers-count = { $count ->
    [one] 1 customer
   *[other] { $count } customers
}
customers-matching = { $count } of { $all } match
customers-hint = name, phone, email or postcode
customers-offline = Offline: adding, editing and deleting need the server
customers-none-loaded = No customers loaded from the shop: Ctrl-N creates one with the sale
customers-none-found = No customer matches: Ctrl-N creates one with the sale
customer-blacklisted = Blacklisted
customer-blacklisted-why = Blacklisted: { $comment }
customer-blacklisted-title = Blacklisted customer
customer-blacklisted-sell = Sell to this customer anyway?
customer-delete-title = Delete a customer
customer-delete = Delete { $name } from the customer file?
customer-delete-note = Their past orders stay on Kash.click.
customer-form-with-sale = New customer, sent with the sale
customer-form-add = New customer in the file
customer-form-edit = Edit { $name }
customer-form-sending = Sending to Kash.click…
customer-form-with-sale-note = Sent with the order (journaled with it, also offline) · Ctrl-S saves
customer-form-file-note = Saved on Kash.click now · Ctrl-S saves
customer-yes = yes
customer-no = no
customer-error-name = A last or a first name is needed
customer-error-email = { $field }: not an email address (name@example.com)
customer-error-phone = { $field }: not a phone number (06 12 34 56 78 or +33 6 12 34 56 78)
customer-error-postcode = { $field }: not a postcode (five digits in France)
customer-error-country = { $field }: a two-letter country code (FR, BE…)
customer-error-vat = { $field }: not a VAT number (FR + 2 characters + 9 digits, or a country code and its number)
msg-customers-offline = Offline: adding, editing and deleting customers need the server (Ctrl-N creates one with the sale)
msg-customer-none-found = No customer selected
msg-customer-cleared = No customer for the sale
msg-customer-new = New customer { $name }: sent with the sale
msg-customer-send = Customer { $name }: Ctrl-P sends it with the order
msg-customer-busy = Waiting for Kash.click's answer
msg-customer-unchanged = Nothing changed
msg-customer-sending = Sending the customer to Kash.click…
msg-customer-refused = Customer not saved: { $error }
msg-customer-added = { $name } added to the customer file
msg-customer-edited = { $name } saved
msg-customer-deleted = { $name } deleted from the customer file
msg-customer-deleted-from-sale = The deleted customer is no longer on the sale
key-sale-open_customers-label = Customer
key-sale-open_customers-desc = Customer: find by name, phone, email or postcode; new, edit, delete
key-order_details-open_customers-label = Find customer
key-order_details-open_customers-desc = Find the customer (Enter on the customer field too)
key-customers-up-desc = Previous customer
key-customers-down-desc = Next customer
key-customers-page_up-desc = Previous page
key-customers-page_down-desc = Next page
key-customers-accept-label = Choose
key-customers-accept-desc = Choose the customer for the sale
key-customers-remove_line-label = None
key-customers-remove_line-desc = No customer for the sale
key-customers-new_customer-label = New
key-customers-new_customer-desc = New customer, sent with the sale (works offline)
key-customers-add_customer-label = Add
key-customers-add_customer-desc = Add a customer to the file now (needs the server)
key-customers-edit_customer-label = Edit
key-customers-edit_customer-desc = Edit the selected customer (needs the server)
key-customers-delete_customer-label = Delete
key-customers-delete_customer-desc = Delete the selected customer, after a confirmation (needs the server)
key-customers-cancel-label = Back
key-customers-cancel-desc = Back, the customer unchanged
key-customer_form-next_field-label = Next field
key-customer_form-next_field-desc = Next field
key-customer_form-prev_field-desc = Previous field
key-customer_form-left-desc = Blacklisted: yes or no
key-customer_form-right-desc = Blacklisted: yes or no
key-customer_form-apply-label = Save
key-customer_form-apply-desc = Save the customer (Enter too, outside the comments)
key-customer_form-accept-desc = Save; in a comment, a new line
key-customer_form-cancel-label = Cancel
key-customer_form-cancel-desc = Back to the customers, nothing saved
## counter
key-sale-message_log-desc = Every message of this session, whole (the status line cuts a long one)
msg-log-hint = Ctrl-L: whole
log-title = Messages of this session ({ $count }), newest first · Esc back
log-empty = No message yet
msg-restored = Sale restored after a restart ({ $lines } line(s)), with its table, covers, customer and comments
msg-restored-recalled = Sale restored after a restart: { $lines } new line(s) for { $order }
confirm-negate-title = Refund
confirm-negate = Make the basket a refund? Every quantity turns negative.
confirm-positive = Make the basket a sale again? Every quantity turns positive.
too-small = The terminal is { $width }x{ $height }: kash-pos needs at least { $min_width }x{ $min_height }. Enlarge it; nothing is lost meanwhile.
msg-typed-not-tender = { $typed } is not an amount to tender (a code? Enter adds it)
msg-part-tendered = { $amount } { $mode } · still due { $due }: another payment key pays the rest
tender-due = Still due
tender-part = Part payment: { $rest } will still be due
paid-word = paid
due-caps = DUE
due-word = Due
side-paid-of = paid { $paid } of { $total }
line-edit-total = Line total
msg-discount-over-line = A discount of { $discount } is more than the line ({ $line })
msg-too-many-covers = { $covers } covers is more than the till takes ({ $max }, [pos] max_covers)
confirm-leave-recalled = The table or details changed here are not sent to the order (Ctrl-P sends them). Leave it without them?
msg-changes-dropped = Left the order; the changes made here were not sent
msg-scan-kept = Scan { $code } kept: it is added once the shop is loaded
## speed
msg-repriced = { $count ->
    [one] The shop's prices changed: 1 basket line repriced
   *[other] The shop's prices changed: { $count } basket lines repriced
}

## shift
context-shift = Shift
context-shift_form = Shift: amount
shift-x-title = X report · shift { $number }
shift-z-title = Close (Z) no. { $number }
shift-since = Since the close at
shift-sales = Sales
shift-mode-count = { $mode } ({ $count })
shift-total-count = Total ({ $count })
shift-refunds-count = Refunds ({ $count })
shift-discounts-count = Discounts ({ $count })
shift-unconfirmed-count = Not confirmed yet ({ $count })
shift-unpaid = Orders parked or unpaid
shift-cash = Cash in the drawer
shift-float = Float
shift-cash-taken = + cash taken
shift-cash-unconfirmed = + cash of sales not confirmed yet
shift-cash-refunded = − cash refunded
shift-cash-in = + cash in
shift-cash-out = − cash out
shift-expected = = expected
shift-counted = Counted
shift-difference = Difference
shift-moves = Cash in and out
shift-event-float = float { $amount }
shift-event-in = cash in { $amount }: { $reason }
shift-event-out = cash out { $amount }: { $reason }
shift-event-x = X report
shift-event-close = close (Z) no. { $number }: counted { $counted }, expected { $expected }, difference { $difference }
report-shifts = Shift events:
report-no-shift-events = No float, cash in or out, X or close that day.
shift-loading = Reading the shift from the journal…
shift-no-float = No float entered for this shift (F1).
shift-float-at = Float entered at { $at }
shift-x-count = { $count ->
    [one] 1 X report taken
   *[other] { $count } X reports taken
}
shift-ask-float = Float in the drawer
shift-ask-in = Cash put in the drawer
shift-ask-out = Cash taken out of the drawer
shift-ask-counted = Cash counted in the drawer
shift-amount = Amount:
shift-reason = Reason:
shift-by-note = By note and coin
shift-count-total = Total counted
shift-count-hint = ↑↓ · digits: how many · Enter: done
shift-confirm-close = Close shift { $number }?
shift-confirm-final = The close is final and numbered.
shift-confirm-hint = Enter: close the shift · Esc: back
shift-closed = Shift { $number } closed.
shift-exported = Saved to { $path }
shift-export-failed = The close is kept in the journal, but its file could not be written: { $error }
shift-bad-amount = “{ $text }” is not an amount (0 to 1 000 000, cents at most).
shift-reason-needed = Say why (the reason is kept with the amount).
shift-out-too-much = The drawer should hold { $expected }: { $amount } cannot be taken out.
shift-recorded-float = Float of { $amount } recorded.
shift-recorded-in = Cash in of { $amount } recorded.
shift-recorded-out = Cash out of { $amount } recorded.
shift-recorded-x = X report recorded.
shift-printed = printed
shift-failed = The shift could not be written to the journal: { $error }
shift-busy = Writing to the journal…
shift-after-close = A new shift begins with the next sale: enter its float with F1.
shift-header = shift { $number }
key-sale-open_shift-label = Shift
key-sale-open_shift-desc = The drawer's shift: figures so far (X), float, cash in and out, close (Z)
key-shift-shift_float-label = Float
key-shift-shift_float-desc = Enter the opening float (a total, or counted by note and coin)
key-shift-shift_cash_in-label = Cash in
key-shift-shift_cash_in-desc = Cash put in the drawer, with its reason
key-shift-shift_cash_out-label = Cash out
key-shift-shift_cash_out-desc = Cash taken out of the drawer, with its reason
key-shift-shift_x-label = X report
key-shift-shift_x-desc = X report: the figures so far, kept in the journal and printed; nothing closed
key-shift-shift_close-label = Close (Z)
key-shift-shift_close-desc = Close the shift (Z): count the cash, see the difference, a numbered close
key-shift-up-desc = Scroll up
key-shift-down-desc = Scroll down
key-shift-back-label = Back
key-shift-back-desc = Back to the sale
key-shift_form-accept-label = OK
key-shift_form-accept-desc = Record the amount (the count, the close)
key-shift_form-next_field-label = Next
key-shift_form-next_field-desc = Amount, then reason
key-shift_form-count_by_note-label = By note
key-shift_form-count_by_note-desc = Count by note and coin instead of a total (and back)
key-shift_form-up-desc = The note or coin above
key-shift_form-down-desc = The note or coin below
key-shift_form-back-label = Back
key-shift_form-back-desc = Back to the shift's figures
## cashier
context-cashiers = Who is at the till
key-cashiers-up-desc = Previous name (or till)
key-cashiers-down-desc = Next name (or till)
key-cashiers-accept-label = Choose
key-cashiers-accept-desc = Choose the cashier (their PIN when they have one), the till, or confirm the PIN
key-cashiers-set_pin-label = PIN
key-cashiers-set_pin-desc = Set, change or remove the selected cashier's PIN (the PIN set now first)
key-cashiers-choose_till-label = Till
key-cashiers-choose_till-desc = Choose this machine's till, remembered (unless the configuration fixes it)
key-cashiers-cancel-label = Back
key-cashiers-cancel-desc = Back: to the names, or to the sale with the cashier unchanged
key-sale-switch_cashier-desc = Who is at the till: switch cashier (the basket, table and customer stay)
cashiers-now = At the till: { $user }
cashiers-no-till = none chosen
cashiers-find = Name:
cashiers-count = { $count } of { $all }
cashiers-none-loaded = The shop's users are not loaded
cashiers-none-found = No name matches: Esc clears the text
cashiers-has-pin = PIN
cashiers-till-hint = This machine's till, remembered for the next start
cashiers-pin = PIN:
cashiers-pin-old = PIN set now:
cashiers-pin-new = New PIN:
cashiers-pin-again = New PIN again:
cashiers-pin-hint = Enter confirms · Esc back to the names
cashiers-pin-new-hint = { $min } to { $max } digits · empty removes the PIN · Esc back
cashier-pin-wrong = Wrong PIN: try again
cashier-pin-wrong-wait = Wrong PIN three times: wait { $seconds } s before the next try
cashier-pin-wait = Too many wrong PINs: wait { $seconds } s
cashier-pin-differ = The two PINs differ: type the new PIN again
cashier-pin-rule = A PIN is { $min } to { $max } digits
msg-cashier-now = { $name } is at the till
msg-cashier-same = { $name } is still at the till
msg-cashier-no-users = The shop's users are not loaded: the cashier cannot be changed
msg-cashier-none-found = No name is selected
msg-cashier-choose = Choose who is at the till first (Ctrl-C quits)
msg-cashier-pin-set = PIN set for { $name }: it is asked when { $name } is chosen on this till
msg-cashier-pin-removed = PIN of { $name } removed
msg-till-fixed = The till is fixed by the configuration ([pos] cashbox_id)
msg-till-none = The shop has no till to choose (getCashbox.php is empty)
msg-till-choose = Choose this machine's till first
msg-till-chosen = Till { $till } chosen: remembered on this machine
msg-till-not-saved = The till file could not be written ({ $error }): the choice lasts until the till stops
msg-scan-kept-cashier = Scan { $code } kept: it is added once the cashier is chosen
cli-arg-password = Sign in by login (the email) and password instead, read from standard input; the code by email is recommended, above all on a shared or remote machine
cli-password = Password of { $login } (not shown):
## reports
context-reports = The server's day
context-report_save = Save a report
key-sale-open_reports-label = Reports
key-sale-open_reports-desc = The server's day: totals, rows and Std report of a day; save an export to a file
key-reports-left-label = Day -1
key-reports-left-desc = The day before (on the rows: scroll to the columns on the left)
key-reports-left-desc-2 = The day before (when no date is being typed)
key-reports-right-label = Day +1
key-reports-right-desc = The day after, not after today (on the rows: scroll to the columns on the right)
key-reports-right-desc-2 = The day after (not after today)
key-reports-next_field-label = View
key-reports-next_field-desc = Next view: totals, rows, Std report
key-reports-prev_field-desc = Previous view
key-reports-up-desc = Scroll up
key-reports-down-desc = Scroll down
key-reports-page_up-desc = Page up
key-reports-page_down-desc = Page down
key-reports-accept-desc = Show the date typed
key-reports-refresh-desc = Load the day again
key-reports-save-label = Save
key-reports-save-desc = Save an export of the day to a file: PDF, XLS, CSV, FEC, SAF-T
key-reports-cancel-label = Close
key-reports-cancel-desc = Clear the date typed, else back to the sale
key-report_save-up-desc = Previous format
key-report_save-down-desc = Next format
key-report_save-accept-label = Save
key-report_save-accept-desc = Download and save under the path shown
key-report_save-cancel-label = Close
key-report_save-cancel-desc = Close the dialog (a download goes on, its end is said)
reports-no-clock = The till's clock has not ticked yet: press F12 again in a second
reports-title = The server's day: { $day }
reports-title-yesterday = The server's day: { $day } (yesterday)
reports-title-today = The server's day: { $day } (today, so far)
reports-tab-totals = Totals
reports-tab-rows = Rows
reports-tab-std = Std report
reports-date-hint = Type a date (YYYY-MM-DD or DD/MM/YYYY) then Enter; ← → change the day
reports-date-hint-rows = A date (YYYY-MM-DD or DD/MM/YYYY) then Enter; - + change the day; ← → scroll
reports-date = Date:
reports-loading = Loading the day's sales from the server… (Esc goes back to the sale)
reports-more-below = ↓ more below
reports-more-above = ↑ more above
reports-orders = { $count ->
    [one] 1 order
   *[other] { $count } orders
}
reports-rows = { $count ->
    [one] 1 row
   *[other] { $count } rows
}
reports-total = Total
reports-no-amount = This export has no amount column: no totals (the rows are under Tab)
reports-unreadable-amounts = { $count ->
    [one] 1 row has an amount that cannot be read: left out of the totals (see the rows)
   *[other] { $count } rows have an amount that cannot be read: left out of the totals (see the rows)
}
reports-total-rows = { $count ->
    [one] The file's own total line is left out of the sums
   *[other] The file's { $count } total lines are left out of the sums
}
reports-by-mode = By payment mode
reports-by-department = By department
reports-by-user = By user
reports-not-in-export = not in this export
reports-no-rows = No sales on this day
reports-std-empty = The Std report is empty
reports-csv-unreadable = The CSV export could not be read ({ $why }). What the server sent begins:
reports-csv-empty = the answer is empty
reports-csv-html = a web page came instead: an error or a sign-in page
reports-csv-binary = a binary file came instead
reports-csv-no-columns = no separator and no column the reader knows
reports-csv-unclosed = a quote is opened and never closed
reports-csv-overflow = its sums are too large
reports-save-title = Save the day's report
reports-save-format = Format (↑ ↓):
reports-save-path = File:
reports-save-hint = Type to change the path; Enter downloads and saves it
reports-save-asking = Asking the server…
reports-save-progress = { $received } of { $total } bytes
reports-save-received = { $received } bytes received
report-save-goes-on = The download goes on: the status line says when it is saved
report-save-no-path = Type the file's path first
report-saved = Saved whole: { $path }
report-save-disk-full = The disk is full: { $path } was not saved (nothing is left under that name)
report-save-denied = Permission denied: { $path } cannot be written there (nothing was saved)
report-save-no-folder = No such folder for { $path }: nothing was saved
report-save-is-folder = { $path } is a folder: type a file name
report-save-failed = { $path } could not be written ({ $error }): nothing is left under that name
msg-code-searched = No item has the code { $code }: the items that match it
## counter
msg-refund-nothing-left = { $order } is refunded in full: nothing is left to refund
msg-refund-journal-unread = This till's journal could not be read: a refund not yet on Kash.click may be offered again
refund-state-part = part refunded
refund-state-all = refunded
col-left = Left
orders-status-waiting = not on Kash.click yet, waiting to be sent
orders-status-unknown = not on Kash.click yet, outcome unknown (being looked up)
orders-status-decide = not on Kash.click yet, waiting for your decision (Ctrl-W)
msg-parked-not-yet = Parked at { $time } ({ $total }): { $state }; it can be recalled once recorded.
msg-parked-journal-unread = This till's journal could not be read: orders parked offline are not listed
orders-row-parked = not sent
orders-row-waiting = waiting to be sent
orders-row-unknown = outcome unknown
orders-row-decide = for you to decide (Ctrl-W)
msg-price-needed = This item has no price: type its price, then Enter
msg-no-table-numbered = No table numbered { $number }
tables-typed = number { $number }
basket-more-above = ▲ { $count } more above
basket-more-below = ▼ { $count } more below

## sign-in
context-welcome = Welcome
context-sign_in = Sign in
key-sale-sign_in-desc = The demo shop: sign in to your own Kash.click shop (by email code or password)
key-welcome-up-desc = The choice above
key-welcome-down-desc = The choice below
key-welcome-accept-label = Choose
key-welcome-accept-desc = Choose: the demo shop, sign in by email code, or by login and password
key-welcome-cancel-label = Demo
key-welcome-cancel-desc = The demo shop (from the demo: back to the sale)
key-welcome-quit-label = Quit
key-welcome-quit-desc = Quit kash-pos
key-sign_in-accept-label = OK
key-sign_in-accept-desc = Send the email (a code comes by email), the code, or the login and password; signed in: open the shop
key-sign_in-next_field-label = Next field
key-sign_in-next_field-desc = The other field
key-sign_in-cancel-label = Back
key-sign_in-cancel-desc = Back: to the email, or to the choices
welcome-title = Welcome to kash-pos
welcome-intro = A keyboard till for your Kash.click shop. No shop is set up on this machine yet.
welcome-demo = Try the demo shop (its sales go to no account)
welcome-code = Sign in with a code sent by email (recommended)
welcome-password = Sign in with your login and password
welcome-writes = Signing in writes { $path } and a key file beside it, readable by you alone.
signin-title = Sign in to Kash.click
signin-email-intro = Kash.click sends a one-time code to your account's email.
signin-email = Email:
signin-account-id = Account id:
signin-account-id-hint = The account id only when one email has several accounts; else leave it empty.
signin-code-intro = A code was sent to { $email }: type it here.
signin-code = Code:
signin-password-intro = On a shared or remote machine, prefer the code by email.
signin-login = Login:
signin-password = Password:
signin-busy = Asking Kash.click… (Esc stops waiting)
signin-done = Signed in to shop { $shop } (key { $key }).
signin-done-config = Configuration: { $path }
signin-done-key = Key file: { $path } (readable by you alone)
signin-done-hint = Enter opens your shop now · Esc stays on the demo (your shop opens at the next start).
signin-no-config-dir = This machine has no configuration directory: sign in with `kash-pos login --config FILE`.
signin-email-needed = Type your account's email (name@domain).
signin-code-needed = Type the code the email brought.
signin-password-needed = Type the login and the password.
signin-config-exists = { $path } exists already: it is not written over.
signin-write-failed = Cannot write { $path }: { $error }
msg-signed-in-already = This till is signed in to its shop (to change shop: kash-pos login --config NEW_FILE).
msg-demo-chosen = Demo shop: its sales go to no account. Ctrl-S: sign in to your shop.
msg-signin-code-sent = Code sent to { $email }.
msg-signed-in = Signed in to shop { $shop }: Enter opens it.
msg-signed-in-later = Still on the demo: your shop opens at the next start.
## counter
sale-label = the sale of { $time }, { $total }
sale-label-no-total = the sale of { $time }
payment-label = the payment of { $time }, { $total }
edit-label = the change of { $time } to order { $order }
key-tables-table_digit-desc = Type the table's number: 1 2 chooses Table 12 (Backspace takes a digit back)
key-sale-basket_discount-label = Discount
key-sale-basket_discount-desc = Discount on the whole basket: type 10% or an amount, then Ctrl-F; on an empty entry, removes it
msg-basket-discount-set = Basket discount { $off }: total { $total }
msg-basket-discount-removed = Basket discount removed: total { $total }
msg-basket-discount-how = Type 10% or an amount, then Ctrl-F: a discount on the whole basket
msg-basket-discount-unreadable = “{ $text }” is not a discount: type 10% or an amount such as 5
msg-basket-discount-too-large = Not applied: the discount is larger than the basket ({ $total })
msg-basket-discount-nothing = Not applied: the basket has nothing to discount
msg-basket-discount-recalled = A recalled order cannot take a basket discount: discount its new lines one by one (Enter on a line)
msg-basket-discount-paying = Part of the sale is paid: the basket discount can no longer change
basket-discount-row = Basket discount { $discount }
kitchen-order-parked = Parked order
