//! `update`: the one place the state changes, and the router. Keys find their action in the
//! keymap of the screen shown, then go to that screen's module; scans go to the basket from
//! any screen; what effects send back goes to `results`. Input that arrives while an order is
//! on its way is held here, once, and replayed when it has landed. No I/O: effects are
//! returned for the runner.

use crossterm::event::{KeyEvent, KeyEventKind};

use crate::pos::scanner::Input;

use super::actions::{Source, add_code, refresh, say, split_quantity};
use super::effect::Effect;
use super::event::Event;
use super::keymap::{lookup, lookup_global};
use super::results;
use super::screen::{Flow, PickFor, Screen};
use super::screens::{
    attention, cashiers, confirm, customers, departments, details, help, line_edit, loading,
    open_orders, order_pay, payment, receipt, refunds, reports, sale, search, shift, sign_in,
    tables, tender, unknown_code, variation,
};
use super::state::{App, LoadStatus, STARTUP_RESOURCES, Severity};

/// The effects to run when the app starts: the shop's lists, and with them (in parallel) the
/// open orders and the customers the counter needs from the first scan, and the sales of the
/// journal that wait for the cashier.
pub fn start(app: &mut App) -> Vec<Effect> {
    app.screen = Screen::Loading;
    app.load = STARTUP_RESOURCES
        .iter()
        .map(|r| (*r, LoadStatus::Pending))
        .collect();
    let mut effects: Vec<Effect> = STARTUP_RESOURCES
        .iter()
        .map(|r| Effect::LoadSaved(*r))
        .collect();
    effects.extend(refresh(app));
    effects.push(Effect::LoadAttention);
    effects
}

pub fn update(app: &mut App, event: Event) -> Vec<Effect> {
    let before = app.message.clone();
    let mut effects = handle(app, event);
    // Keys and scans held while an order was on its way are handled once it has landed (a
    // replayed key may send another order: the rest is held again, in order).
    // Likewise what was typed and scanned while the shop loaded, once it is loaded.
    // Not on the cashier picker either: they wait for the cashier to be chosen.
    while !app.screen.holds_input()
        && !matches!(
            app.screen,
            Screen::Loading | Screen::Cashiers(_) | Screen::SignIn(_)
        )
        && !app.held.is_empty()
    {
        for input in std::mem::take(&mut app.held) {
            effects.extend(handle(app, input_event(input)));
        }
    }
    if app.message != before
        && let Some(m) = &app.message
    {
        app.log_message(m.clone());
    }
    effects
}

fn input_event(input: Input) -> Event {
    match input {
        Input::Key(k) => Event::Key(k),
        Input::Scan(code) => Event::Scan(code),
    }
}

fn handle(app: &mut App, event: Event) -> Vec<Effect> {
    super::printing::before(app, &event);
    let mut effects = route(app, event);
    super::printing::after(app, &mut effects);
    effects
}

fn route(app: &mut App, event: Event) -> Vec<Effect> {
    match event {
        Event::Key(key) => on_key(app, key),
        Event::Scan(code) => on_scan(app, code),
        Event::Loaded(endpoint, result) => results::loaded(app, endpoint, result),
        Event::LoadedFromCache(endpoint, loaded, saved_at) => {
            results::loaded_from_cache(app, endpoint, loaded, saved_at)
        }
        Event::Submitted(result) => {
            results::submitted(app, result);
            Vec::new()
        }
        Event::Recorded(result) => {
            results::recorded(app, result);
            Vec::new()
        }
        Event::Delivery(event) => results::delivery(app, event),
        Event::Resolved(result) => {
            results::resolved(app, result);
            Vec::new()
        }
        Event::FlashOff => {
            app.flash = false;
            Vec::new()
        }
        Event::ParkRecorded(result) => {
            results::park_recorded(app, result);
            Vec::new()
        }
        Event::Tick(now) => {
            results::tick(app, now);
            Vec::new()
        }
        Event::RefreshDue => results::refresh_due(app),
        Event::Edited(result) => results::edited(app, result),
        Event::Pending { at, result } => results::pending(app, at, result),
        Event::Customers(result) => {
            results::customers(app, result);
            Vec::new()
        }
        Event::Validated(result) => {
            results::validated(app, result);
            Vec::new()
        }
        Event::Attention(result) => {
            results::attention(app, result);
            Vec::new()
        }
        Event::JournalParked(result) => {
            results::journal_parked(app, result);
            Vec::new()
        }
        Event::JournalRefunds(result) => {
            results::journal_refunds(app, result);
            Vec::new()
        }
        Event::Printing(note) => {
            super::printing::note(app, note);
            Vec::new()
        }
        Event::CustomerSaved(change, result) => results::customer_saved(app, change, result),
        Event::LoadedSaved(endpoint, loaded, saved_at) => {
            results::loaded_saved(app, endpoint, loaded, saved_at)
        }
        Event::LoadedAsSaved {
            endpoint,
            count,
            skipped,
        } => results::loaded_as_saved(app, endpoint, count, skipped),
        Event::Shift(result) => {
            shift::loaded(app, result);
            Vec::new()
        }
        Event::ShiftRecorded(result) => shift::recorded(app, result),
        Event::ShiftClosed(result) => shift::closed(app, result),
        Event::TillSaved(result) => {
            if let Err(e) = result {
                tracing::warn!(error = %e, "till file not saved");
                say(
                    app,
                    Severity::Warning,
                    "msg-till-not-saved",
                    &[("error", crate::i18n::s(e))],
                );
            }
            Vec::new()
        }
        Event::SalesReport { day, part } => {
            results::sales_report(app, day, part);
            Vec::new()
        }
        Event::SaveProgress { received, total } => {
            results::save_progress(app, received, total);
            Vec::new()
        }
        Event::ReportSaved(result) => {
            results::report_saved(app, result);
            Vec::new()
        }
        Event::SignInCodeSent(result) => {
            sign_in::code_sent(app, result);
            Vec::new()
        }
        Event::SignedIn(result) => {
            sign_in::signed_in(app, result);
            Vec::new()
        }
        Event::DemoRemembered(result) => {
            if let Err(e) = result {
                tracing::warn!(error = %e, "the demo's choice is not remembered");
            }
            Vec::new()
        }
        Event::CatalogBuilt(catalog) => results::catalog_built(app, *catalog),
    }
}

fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if key.kind == KeyEventKind::Release {
        return Vec::new();
    }
    if app.screen.holds_input() {
        // A key of every screen (Ctrl-C) is not held: quitting once the order has landed would
        // come as a surprise. Say why the till waits instead.
        if lookup_global(app.keymap, &key).is_some() {
            say(app, Severity::Warning, "msg-quit-waits", &[]);
        } else {
            app.held.push(Input::Key(key));
        }
        return Vec::new();
    }
    let action = lookup(app.keymap, app.screen.context(), &key);
    if matches!(app.screen, Screen::Loading)
        && action.is_none()
        && matches!(
            key.code,
            crossterm::event::KeyCode::Char(_)
                | crossterm::event::KeyCode::Enter
                | crossterm::event::KeyCode::Backspace
        )
    {
        // Typed while the shop loads: kept, and applied once it is loaded.
        app.held.push(Input::Key(key));
        return Vec::new();
    }
    // A message about the last action stays until the next key (the log keeps it); an alert
    // likewise. A warning never outlives the action that follows it.
    app.alert = None;
    app.flash = false;
    app.message = None;
    // The screen is taken out for its handler, which changes its state in place; it stays
    // unless the handler says where to go.
    let mut screen = std::mem::replace(&mut app.screen, Screen::Sale);
    let flow = match &mut screen {
        Screen::Loading => loading::on_key(app, action),
        Screen::Sale => sale::on_key(app, action, key),
        Screen::Search(s) => search::on_key(app, s, action, key),
        Screen::Departments(s) => departments::on_key(app, s, action, key),
        Screen::LineEdit(s) => line_edit::on_key(app, s, action, key),
        Screen::Variation(s) => variation::on_key(app, s, action, key),
        Screen::Payment { selected } => payment::on_key(app, selected, action, key),
        Screen::Tender { mode_index } => tender::on_key(app, *mode_index, action, key),
        Screen::Confirm(kind) => confirm::on_key(app, *kind, action),
        Screen::Receipt(_) => receipt::on_key(app, action, key),
        Screen::Help { previous, scroll } | Screen::MessageLog { previous, scroll } => {
            help::on_key(previous, scroll, action)
        }
        Screen::UnknownCode(code) => unknown_code::on_key(app, code, action),
        Screen::Attention { selected } => attention::on_key(app, selected, action, key),
        Screen::Tables { selected } => tables::on_key(app, selected, action, key),
        Screen::OpenOrders { selected, table } => open_orders::on_key(app, selected, table, action),
        Screen::Details(s) => details::on_key(app, s, action, key),
        Screen::OrderPay(s) => order_pay::on_key(app, s, action, key),
        Screen::RefundOrders(s) => refunds::orders_key(app, s, action),
        Screen::RefundLines(s) => refunds::lines_key(app, s, action),
        Screen::Customers(s) => customers::on_key(app, s, action, key),
        Screen::CustomerForm(s) => customers::form_key(app, s, action, key),
        Screen::CustomerConfirm(s) => customers::confirm_key(app, s, action),
        Screen::Shift(s) => shift::on_key(app, s, action, key),
        Screen::Cashiers(s) => cashiers::on_key(app, s, action, key),
        Screen::Reports(s) => reports::on_key(app, s, action, key),
        Screen::SignIn(s) => sign_in::on_key(app, s, action, key),
        // Held above.
        Screen::Submitting(_) | Screen::Sending { .. } => Flow::stay(),
    };
    app.screen = flow.next.unwrap_or(screen);
    flow.effects
}

/// A complete scan, wherever the focus is: it closes what is open as Esc would, is never
/// typed into a text box, and its Enter never confirms anything.
#[allow(clippy::collapsible_match)] // a guard cannot borrow the details mutably
fn on_scan(app: &mut App, code: String) -> Vec<Effect> {
    app.flash = false;
    app.alert = None;
    let mut quantity = None;
    let mut screen = std::mem::replace(&mut app.screen, Screen::Sale);
    match &mut screen {
        Screen::Loading => {
            // Kept, and added once the shop is loaded.
            app.screen = screen;
            say(
                app,
                Severity::Info,
                "msg-scan-kept",
                &[("code", crate::i18n::s(code.clone()))],
            );
            app.held.push(Input::Scan(code));
            return Vec::new();
        }
        Screen::Cashiers(c) => {
            // Typed fast into a PIN: digits of the PIN, never a code for the sale.
            if cashiers::on_scan(c, &code) {
                app.screen = screen;
                return Vec::new();
            }
            // Else kept for the sale, added once the cashier is chosen.
            app.screen = screen;
            say(
                app,
                Severity::Info,
                "msg-scan-kept-cashier",
                &[("code", crate::i18n::s(code.clone()))],
            );
            app.held.push(Input::Scan(code));
            return Vec::new();
        }
        Screen::SignIn(st) => {
            // Pasted into a field; on the welcome, kept for the sale.
            if sign_in::on_scan(st, &code) {
                app.screen = screen;
                return Vec::new();
            }
            app.screen = screen;
            app.held.push(Input::Scan(code));
            return Vec::new();
        }
        Screen::Submitting(_) | Screen::Sending { .. } => {
            // The basket's lines are on their way to the server: the scan waits.
            app.screen = screen;
            app.held.push(Input::Scan(code));
            return Vec::new();
        }
        Screen::Sale => {
            // `3*` typed before the scan is its quantity; other typed text stays put.
            if let Ok((Some(q), rest)) = split_quantity(&app.entry)
                && rest.trim().is_empty()
            {
                quantity = Some(q);
                app.entry.clear();
            }
        }
        Screen::Receipt(_) => app.message = None,
        Screen::Details(d) => {
            // A customer card where a customer is expected.
            if let Some(flow) = details::on_scan(app, d, &code) {
                app.screen = flow.next.unwrap_or(screen);
                return flow.effects;
            }
        }
        Screen::CustomerForm(f) => {
            // Typed into the focused field (the card barcode field takes a card).
            customers::form_scan(f, &code);
            app.screen = screen;
            return Vec::new();
        }
        Screen::Customers(p) if app.catalog.lookup_code(&code).is_none() => {
            let back = p.back.clone();
            if let Some(flow) = customers::on_card(app, &code, back) {
                app.screen = flow.next.unwrap_or(screen);
                return flow.effects;
            }
            // Neither a card nor an item: text for the search.
            customers::picker_text(app, p, &code);
            app.screen = screen;
            return Vec::new();
        }
        Screen::Reports(r)
            if r.save
                .as_ref()
                .is_some_and(|d| d.step == super::screen::SaveStep::Choosing) =>
        {
            // Text typed fast (a path pasted) goes to the file's path, never to the basket.
            if let Some(d) = &mut r.save {
                d.path.push_str(&code);
            }
            app.screen = screen;
            return Vec::new();
        }
        Screen::Variation(v) => variation::on_scan(app, v),
        Screen::Search(_) | Screen::Tender { .. } | Screen::Departments(_) => {
            // What was typed belonged to the dialog the scan closes.
            app.entry.clear();
        }
        _ => {}
    }
    // A burst that carries its own quantity (`2*code`, pasted text) is read the same way.
    let (quantity, code) = match split_quantity(&code) {
        Ok((Some(q), rest)) if !rest.trim().is_empty() => (Some(q), rest.trim().to_string()),
        _ => (quantity, code),
    };
    // A loyalty card picks its customer from any screen (an item's own code comes first).
    if app.catalog.lookup_code(&code).is_none()
        && let Some(flow) = customers::on_card(app, &code, PickFor::Sale)
    {
        if let Some(next) = flow.next {
            app.screen = next;
        }
        return flow.effects;
    }
    let (_, flow) = add_code(app, &code, quantity, Source::Scanned);
    if let Some(next) = flow.next {
        app.screen = next;
    }
    flow.effects
}
