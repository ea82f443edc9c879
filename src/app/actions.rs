//! What several screens do to the sale: say something on the status line, type into a text,
//! add a code, an item or a line, send the basket, start a new sale, refresh the open orders.
//! Screens call these; these never choose a screen themselves, they return the one they need.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rust_decimal::Decimal;

use crate::i18n::{Arg, s};
use crate::kash::KashError;
use crate::kash::order::{CustomerRef, Order, Payment};
use crate::money::{format_money, parse_decimal};
use crate::pos::barcode;
use crate::pos::basket::BasketLine;
use crate::pos::sale::OrderContext;

use super::effect::Effect;
use super::screen::{Flow, Screen, SearchState, Submission, VariationState};
use super::state::{App, Connection, Message, Severity};

/// How many search results are kept.
pub const SEARCH_LIMIT: usize = 50;
/// How far PageUp/PageDown move.
pub const PAGE: usize = 10;

/// The status line says the message `id` (with `args`) in the cashier's language.
pub fn say(app: &mut App, severity: Severity, id: &str, args: &[(&str, Arg<'_>)]) {
    let text = app.settings.lang.ta(id, args);
    info(app, severity, text);
}

/// The status line says `text` until the next key.
pub fn info(app: &mut App, severity: Severity, text: impl Into<String>) {
    app.message = Some(Message {
        severity,
        text: text.into(),
    });
}

/// A failure kept in view over the screen until the next key, and on the status line.
pub fn alert(app: &mut App, text: String) {
    app.alert = Some(text.clone());
    info(app, Severity::Error, text);
}

/// What a failed request says about the connection.
pub fn note_error(app: &mut App, e: &KashError) {
    tracing::warn!(error = %e, "request failed");
    if e.is_connectivity() {
        app.connection = Connection::Offline;
    } else if !matches!(e, KashError::Config(_)) {
        app.connection = Connection::Online;
    }
}

/// "order 12" → "Order 12".
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// What a text field takes from the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Any printable character.
    Text,
    /// An amount: digits, `.` and `,`.
    Amount,
    /// Digits only (covers, an order number).
    Digits,
}

impl Field {
    fn accepts(self, c: char) -> bool {
        match self {
            Self::Text => !c.is_control(),
            Self::Amount => c.is_ascii_digit() || c == '.' || c == ',',
            Self::Digits => c.is_ascii_digit(),
        }
    }
}

/// Types `key` into `text` when `field` takes it (without Ctrl/Alt), or Backspace; returns
/// whether the text was edited. The one text editor of the single-line inputs.
pub fn edit(text: &mut String, key: &KeyEvent, field: Field) -> bool {
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return false;
    }
    match key.code {
        KeyCode::Char(c) if field.accepts(c) => {
            text.push(c);
            true
        }
        KeyCode::Backspace => {
            text.pop();
            true
        }
        _ => false,
    }
}

/// A cursor moved by `delta` rows in a list of `len`, kept inside it.
pub fn step(cursor: usize, delta: isize, len: usize) -> usize {
    cursor
        .saturating_add_signed(delta)
        .min(len.saturating_sub(1))
}

/// Splits `3*code` into the quantity and the rest. `Err` when the quantity is not a number.
pub fn split_quantity(entry: &str) -> Result<(Option<Decimal>, &str), String> {
    match entry.split_once('*') {
        None => Ok((None, entry)),
        Some((q, rest)) => {
            let quantity = parse_decimal(q)
                .filter(|q| !q.is_zero())
                .ok_or_else(|| format!("Quantity {q:?} is not a number"))?;
            Ok((Some(quantity), rest))
        }
    }
}

/// Letters start a name search; digits are a code until a letter follows them ("7up",
/// "33cl"): no barcode has letters after its digits, so the entry is a name too.
pub fn starts_search(rest: &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if c.is_alphabetic() => true,
        Some(c) if c.is_ascii_digit() => chars.any(char::is_alphabetic),
        _ => false,
    }
}

/// The search screen for `query`.
pub fn search(app: &App, quantity: Option<Decimal>, query: &str) -> Screen {
    let (best, found) = app.catalog.search_counted(query, SEARCH_LIMIT);
    Screen::Search(SearchState {
        quantity,
        results: best.iter().map(|i| i.id).collect(),
        found,
        selected: 0,
    })
}

/// Runs `f` on the till as it is with `text` typed on the sale or search screen: the entry
/// holding it, and the search it starts (or narrows) with its results; then puts the till back
/// as it was. The event loop draws so the letters the scanner detector still holds (to see
/// whether a scan is starting), so they show with their results at once; the state changes
/// only when they are handed on, and a burst that proves a scan never touched it.
pub fn with_typed<R>(app: &mut App, text: &str, f: impl FnOnce(&App) -> R) -> R {
    if !app.screen.echoes_typing() {
        return f(app);
    }
    let kept = app.entry.len();
    app.entry.push_str(text);
    let preview = match split_quantity(&app.entry) {
        Ok((quantity, rest)) if starts_search(rest) => Some(search(app, quantity, rest)),
        // The search screen with no name left goes back to the sale, as the key would.
        _ if matches!(app.screen, Screen::Search(_)) => Some(Screen::Sale),
        _ => None,
    };
    let before = preview.map(|screen| std::mem::replace(&mut app.screen, screen));
    let result = f(app);
    if let Some(screen) = before {
        app.screen = screen;
    }
    app.entry.truncate(kept);
    result
}

/// Adds an item; when it has variations, returns the screen that asks for them first.
pub fn add_item(app: &mut App, item_id: u64, quantity: Decimal) -> Option<Screen> {
    let item = app.catalog.item(item_id)?;
    let sets: Vec<u64> = app
        .catalog
        .variations_of(item)
        .iter()
        .map(|v| v.id)
        .collect();
    if sets.is_empty() {
        let zero_priced = item.price.is_zero();
        let line = BasketLine::from_item(item, quantity, &[]);
        push_item_line(app, line, zero_priced)
    } else {
        Some(Screen::Variation(VariationState {
            item_id,
            quantity,
            sets,
            step: 0,
            chosen: Vec::new(),
            selected: 0,
        }))
    }
}

/// Adds an item's line (its variations chosen); an item without a price (sold by weight of
/// money, a deposit…) has its price asked at once, in the line editor on the unit price.
pub fn push_item_line(app: &mut App, line: BasketLine, zero_priced: bool) -> Option<Screen> {
    let before = app.basket.lines.len();
    push_line(app, line);
    if zero_priced && app.basket.lines.len() > before {
        let index = app.last_changed?;
        say(app, Severity::Info, "msg-price-needed", &[]);
        return line_editor(app, index, 1);
    }
    None
}

/// The line editor on line `index`, on field `field` of [`super::screen::LINE_FIELDS`].
pub fn line_editor(app: &App, index: usize, field: usize) -> Option<Screen> {
    let line = app.basket.lines.get(index)?;
    let style = app.settings.money_style;
    let values = [
        crate::money::format_quantity(line.quantity, style),
        crate::money::format_amount(line.unit_price, style),
        line.title.clone(),
        line.discount
            .map(|d| d.label(style).trim_start_matches('-').to_string())
            .unwrap_or_default(),
    ];
    Some(Screen::LineEdit(super::screen::LineEditState {
        index,
        field,
        values,
        error: None,
        typed: false,
    }))
}

/// Adds a line within the limits of `[pos]`; a line beyond them is refused with a flash.
pub fn push_line(app: &mut App, line: BasketLine) {
    let title = line.display_title();
    let index = match app.basket.push_line(line, &app.limits) {
        Ok(index) => index,
        Err(e) => {
            app.flash = true;
            let text = format!(
                "{title}: {}",
                e.message_in(app.settings.money_style, app.settings.lang)
            );
            info(app, Severity::Error, text);
            return;
        }
    };
    app.last_changed = Some(index);
    app.selected = None;
    // The total the screen shows: a recalled order's and the new lines'.
    let total = format_money(
        crate::pos::sale::sale_total(&app.basket, app.orders.recalled.as_ref()),
        app.settings.money_style,
    );
    say(
        app,
        Severity::Info,
        "msg-added",
        &[("title", s(title)), ("total", s(total))],
    );
}

/// Where a code came from: a refused scan opens the unknown-code dialog, a typed one stays in
/// the entry line for correction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Scanned,
    Typed,
}

/// Adds what `code` names: exact catalog codes first, then check digits, GS1 in-store labels
/// (price or weight), and the other forms of the same code (UPC-A in EAN-13, expanded UPC-E).
/// Returns whether the code was taken (an item added or its variation asked for), and the next
/// screen and effects.
pub fn add_code(
    app: &mut App,
    code: &str,
    quantity: Option<Decimal>,
    source: Source,
) -> (bool, Flow) {
    // A barcode the shop gave to several items: the cashier chooses, nothing is guessed.
    let holders: Vec<u64> = app
        .catalog
        .items_for_code(code)
        .iter()
        .map(|i| i.id)
        .collect();
    if holders.len() > 1 {
        app.entry.clear();
        let count = holders.len();
        say(
            app,
            Severity::Warning,
            "msg-shared-barcode",
            &[
                ("code", crate::i18n::s(code.to_string())),
                ("count", crate::i18n::n(count)),
            ],
        );
        return (
            true,
            Flow::to(Screen::Search(SearchState {
                quantity,
                found: holders.len(),
                results: holders,
                selected: 0,
            })),
        );
    }
    let typed_quantity = quantity;
    let quantity = quantity.unwrap_or(Decimal::ONE);
    // An exact barcode or item id of the catalog wins over any reading of the code.
    if let Some(item) = app.catalog.lookup_code(code) {
        let id = item.id;
        return (true, Flow::from(add_item(app, id, quantity)));
    }
    let read = match barcode::read(code) {
        Ok(read) => read,
        Err(e) => {
            app.flash = true;
            app.ring = true;
            match &e {
                barcode::BarcodeError::Empty => say(app, Severity::Error, "msg-empty-code", &[]),
                barcode::BarcodeError::BadCheckDigit { code, .. } => say(
                    app,
                    Severity::Error,
                    "msg-bad-check-digit",
                    &[("code", s(code.as_str()))],
                ),
            }
            return (false, Flow::stay().with(vec![Effect::EndFlash]));
        }
    };
    let style = app.settings.money_style;
    if let Some(label) = barcode::read_in_store(code, &app.settings.in_store) {
        let item = label
            .lookup_keys(&app.settings.in_store)
            .iter()
            .find_map(|key| app.catalog.lookup_code(key))
            .cloned();
        if let Some(item) = item {
            let mut line = label.basket_line(&item, style, app.settings.lang);
            if label.weight_kg.is_none() {
                // A price label counts one article; a typed quantity multiplies it.
                line.quantity = quantity;
            }
            push_line(app, line);
            return (true, Flow::stay());
        }
    }
    let item = read
        .keys
        .iter()
        .skip(1)
        .find_map(|key| app.catalog.by_barcode(key))
        .map(|i| i.id);
    if let Some(id) = item {
        return (true, Flow::from(add_item(app, id, quantity)));
    }
    // Eyes elsewhere: an unknown code is heard.
    app.ring = true;
    match source {
        Source::Scanned => {
            say(
                app,
                Severity::Error,
                "msg-unknown-code",
                &[("code", s(code))],
            );
            (false, Flow::to(Screen::UnknownCode(code.to_string())))
        }
        Source::Typed => {
            // Typed digits that are no code may be the start of a name or of a code: the
            // search shows what they match (the entry stays, as the query).
            if let Screen::Search(found) = search(app, typed_quantity, code)
                && !found.results.is_empty()
            {
                app.ring = false;
                say(
                    app,
                    Severity::Info,
                    "msg-code-searched",
                    &[("code", s(code))],
                );
                return (false, Flow::to(Screen::Search(found)));
            }
            say(
                app,
                Severity::Error,
                "msg-unknown-code-typed",
                &[("code", s(code))],
            );
            (false, Flow::stay())
        }
    }
}

/// Puts the order context on an order built from the basket.
fn apply_context(context: &OrderContext, order: &mut Order) {
    order.table_id = context.table_id;
    order.covers = context.covers;
    order.pager = context.pager;
    order.delivery_method = context.delivery;
    order.customer = match (&context.new_customer, context.customer_id) {
        (Some(new), _) => Some(CustomerRef::New(new.clone())),
        (None, id) => id.map(CustomerRef::Existing),
    };
    order.public_comment = Some(context.public_comment.clone()).filter(|s| !s.is_empty());
    order.private_comment = Some(context.private_comment.clone()).filter(|s| !s.is_empty());
    if let Some(origin) = context.refund_of {
        order.private_comment = Some(crate::pos::refund::tag_comment(
            order.private_comment.as_deref(),
            origin,
        ));
    }
}

/// The order for the basket as it stands.
pub fn build_order(app: &App, payment: Payment) -> Order {
    let mut order = Order::new(payment);
    order.lines = app.basket.entries(app.settings.money_style);
    order.discount = app.basket.discount_total();
    order.user_id = app.settings.user_id;
    order.cashbox_id = app.settings.cashbox_id;
    apply_context(&app.orders.context, &mut order);
    order
}

/// Sends the basket: to the journal first, then the sender delivers it.
pub fn submit(
    app: &mut App,
    payment: Payment,
    payment_label: String,
    tendered: Option<Decimal>,
) -> Flow {
    if app.basket.is_empty() {
        say(app, Severity::Warning, "msg-basket-empty", &[]);
        return Flow::stay();
    }
    let order = build_order(app, payment);
    let submission = Submission {
        payment,
        payment_label,
        total: app.basket.total(),
        tendered,
        seq: None,
        reference: None,
    };
    say(app, Severity::Info, "msg-sending-order", &[]);
    let total = submission.total;
    Flow::to(Screen::Submitting(submission)).with(vec![Effect::Record(Box::new(order), total)])
}

/// A new sale: no basket, no context, no recalled order.
pub fn reset_sale(app: &mut App) {
    app.basket = crate::pos::basket::Basket::default();
    app.selected = None;
    app.last_changed = None;
    app.entry.clear();
    app.orders.context = OrderContext::default();
    app.orders.recalled = None;
    app.tenders.clear();
}

/// Starts a refresh of the open orders unless one is under way (and loads the customers once).
pub fn refresh(app: &mut App) -> Vec<Effect> {
    if app.orders.pending.refreshing {
        return Vec::new();
    }
    app.orders.pending.refreshing = true;
    app.orders.pending.changed_meanwhile = false;
    let mut effects = vec![Effect::RefreshPending];
    if !app.orders.customers_requested {
        app.orders.customers_requested = true;
        effects.push(Effect::LoadCustomers);
    }
    effects
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_letters_show_their_results_before_they_are_handed_on() {
        use crate::app::testing::shop;
        let mut app = shop();
        let before = app.screen.clone();
        let (entry, results) = with_typed(&mut app, "crois", |app| {
            let results: Vec<String> = match &app.screen {
                Screen::Search(s) => s
                    .results
                    .iter()
                    .filter_map(|id| app.catalog.item(*id))
                    .map(|i| i.title.to_string())
                    .collect(),
                other => panic!("{other:?}"),
            };
            (app.entry.clone(), results)
        });
        assert_eq!(entry, "crois");
        assert!(results.iter().any(|t| t == "Croissant"), "{results:?}");
        // Put back: the keys, once handed on, make the same search for real.
        assert_eq!(app.screen, before);
        assert!(app.entry.is_empty());
        let Screen::Search(real) = search(&app, None, "crois") else {
            panic!()
        };
        let titles: Vec<String> = real
            .results
            .iter()
            .filter_map(|id| app.catalog.item(*id))
            .map(|i| i.title.to_string())
            .collect();
        assert_eq!(titles, results);

        // Digits stay a code: the sale screen shows them in the entry, no search.
        let shown = with_typed(&mut app, "376", |app| {
            (app.entry.clone(), app.screen.clone())
        });
        assert_eq!(shown, ("376".to_string(), Screen::Sale));

        // Narrowing from the search screen, with a quantity typed before the name.
        app.entry = "2*cr".to_string();
        app.screen = search(&app, Some(Decimal::TWO), "cr");
        let narrowed = with_typed(&mut app, "ois", |app| match &app.screen {
            Screen::Search(s) => (s.quantity, s.results.len()),
            other => panic!("{other:?}"),
        });
        assert_eq!(narrowed.0, Some(Decimal::TWO));
        assert!(narrowed.1 >= 1);
        assert_eq!(app.entry, "2*cr");
        assert!(matches!(&app.screen, Screen::Search(s) if s.quantity == Some(Decimal::TWO)));
    }

    #[test]
    fn a_zero_priced_item_opens_the_price_entry() {
        use crate::app::testing::{key, shop};
        use crossterm::event::KeyCode;
        let mut app = shop();
        let mut items = app.catalog.items().to_vec();
        items[0].price = Decimal::ZERO;
        app.catalog = crate::pos::catalog::Catalog::new(
            items,
            app.catalog.departments().to_vec(),
            app.catalog.groups().to_vec(),
            Vec::new(),
        );
        for c in "3760000000017\n".chars() {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            let _ = crate::app::update(&mut app, super::super::event::Event::Key(key(code)));
        }
        let Screen::LineEdit(s) = &app.screen else {
            panic!("{:?}", app.screen)
        };
        assert_eq!((s.index, s.field), (0, 1), "on the unit price");
        for code in [
            KeyCode::Char('2'),
            KeyCode::Char(','),
            KeyCode::Char('4'),
            KeyCode::Enter,
        ] {
            let _ = crate::app::update(&mut app, super::super::event::Event::Key(key(code)));
        }
        assert_eq!(app.screen, Screen::Sale);
        assert_eq!(app.basket.total(), rust_decimal_macros::dec!(2.40));
        // An item with a price goes straight in.
        assert!(add_item(&mut app, 2, Decimal::ONE).is_none());
    }

    #[test]
    fn cursor_steps_stay_inside_the_list() {
        assert_eq!(step(0, -1, 5), 0);
        assert_eq!(step(4, 1, 5), 4);
        assert_eq!(step(2, 10, 5), 4);
        assert_eq!(step(7, -10, 5), 0);
        assert_eq!(step(3, 1, 0), 0);
    }

    #[test]
    fn fields_take_what_they_should() {
        let k = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let mut t = String::new();
        assert!(edit(&mut t, &k('4'), Field::Digits));
        assert!(!edit(&mut t, &k(','), Field::Digits));
        assert!(edit(&mut t, &k(','), Field::Amount));
        assert!(!edit(&mut t, &k('x'), Field::Amount));
        assert!(edit(&mut t, &k('x'), Field::Text));
        let ctrl = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::CONTROL);
        assert!(!edit(&mut t, &ctrl, Field::Text));
        assert_eq!(t, "4,x");
        let bs = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
        assert!(edit(&mut t, &bs, Field::Digits));
        assert_eq!(t, "4,");
    }

    #[test]
    fn a_barcode_on_two_items_offers_the_choice() {
        let mut app = crate::app::testing::shop();
        let mut items = app.catalog.items().to_vec();
        let first = items[0].barcode.clone();
        items[1].barcode.clone_from(&first);
        app.catalog = crate::pos::catalog::Catalog::new(items, Vec::new(), Vec::new(), Vec::new());
        let (taken, flow) = add_code(&mut app, &first, Some(Decimal::TWO), Source::Scanned);
        assert!(taken);
        let Some(Screen::Search(s)) = flow.next else {
            panic!("{flow:?}")
        };
        assert_eq!(s.results.len(), 2);
        assert_eq!(s.quantity, Some(Decimal::TWO));
        assert!(app.basket.is_empty(), "nothing added before the choice");
    }

    #[test]
    fn quantities_split_from_codes() {
        assert_eq!(split_quantity("3*376"), Ok((Some(Decimal::from(3)), "376")));
        assert_eq!(split_quantity("376"), Ok((None, "376")));
        assert!(split_quantity("x*376").is_err());
        assert!(split_quantity("0*376").is_err());
        assert!(starts_search("croissant"));
        assert!(!starts_search("376"));
    }
}
