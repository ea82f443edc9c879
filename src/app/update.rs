//! `update`: the one place the state changes. It never does I/O; it returns the effects to run.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use rust_decimal::Decimal;

use crate::kash::KashError;
use crate::kash::ListEndpoint;
use crate::kash::model::{OrderReceipt, PaymentMode};
use crate::kash::order::{Order, Payment};
use crate::money::{format_money, parse_decimal};
use crate::pos::basket::{BasketLine, LineDiscount};
use crate::pos::catalog::Catalog;
use crate::pos::tender::change_due;

use super::effect::{Effect, Event, Loaded};
use super::keymap::{Action, lookup};
use super::state::{
    App, ConfirmKind, Connection, DepartmentsState, LINE_FIELDS, LineEditState, LoadStatus,
    Message, Mode, REQUIRED_RESOURCES, ReceiptState, STARTUP_RESOURCES, SearchState, Severity,
    Submission, VariationState,
};

/// How many search results are kept.
pub const SEARCH_LIMIT: usize = 50;
/// How far PageUp/PageDown move.
const PAGE: usize = 10;

/// The effects to run when the app starts.
pub fn start(app: &mut App) -> Vec<Effect> {
    app.mode = Mode::Loading;
    app.load = STARTUP_RESOURCES
        .iter()
        .map(|r| (*r, LoadStatus::Pending))
        .collect();
    STARTUP_RESOURCES.iter().map(|r| Effect::Load(*r)).collect()
}

pub fn update(app: &mut App, event: Event) -> Vec<Effect> {
    let mut effects = handle(app, event);
    // Keys and scans held while an order was on its way are handled once it has landed.
    let busy = matches!(&app.mode, Mode::Submitting(_))
        || matches!(&app.mode, Mode::Orders(m) if matches!(**m, super::orders::OrdersMode::Sending { .. }));
    if !busy && !app.held.is_empty() {
        for held in std::mem::take(&mut app.held) {
            effects.extend(update(app, held));
        }
    }
    effects
}

fn handle(app: &mut App, event: Event) -> Vec<Effect> {
    match event {
        Event::Key(key) => {
            if key.kind == KeyEventKind::Release {
                return Vec::new();
            }
            on_key(app, key)
        }
        Event::Loaded(endpoint, result) => {
            on_loaded(app, endpoint, result);
            Vec::new()
        }
        Event::Submitted(result) => on_submitted(app, result),
        Event::Scan(code) => super::scan::on_scan(app, code),
        Event::LoadedFromCache(endpoint, loaded, saved_at) => {
            on_loaded_from_cache(app, endpoint, loaded, saved_at);
            Vec::new()
        }
        Event::Recorded(result) => on_recorded(app, result),
        Event::Delivery(event) => super::delivery::on_delivery(app, event),
        Event::Resolved(result) => {
            match result {
                Ok(seq) => {
                    app.attention.retain(|a| a.seq != seq);
                    info(app, Severity::Success, "Settled: the journal is up to date");
                }
                Err(e) => info(
                    app,
                    Severity::Error,
                    format!("Could not update the journal: {e}"),
                ),
            }
            Vec::new()
        }
        Event::FlashOff => {
            app.flash = false;
            Vec::new()
        }
        Event::Orders(e) => super::orders::on_event(app, e),
    }
}

pub(super) fn info(app: &mut App, severity: Severity, text: impl Into<String>) {
    app.message = Some(Message {
        severity,
        text: text.into(),
    });
}

fn note_error(app: &mut App, e: &KashError) {
    tracing::warn!(error = %e, "request failed");
    if e.is_connectivity() {
        app.connection = Connection::Offline;
    } else if !matches!(e, KashError::Config(_)) {
        app.connection = Connection::Online;
    }
}

// ---------------------------------------------------------------- start-up

fn on_loaded(app: &mut App, endpoint: ListEndpoint, result: Result<Loaded, KashError>) {
    let status = match result {
        Ok(loaded) => {
            app.connection = Connection::Online;
            let (count, skipped) = loaded.counts();
            stage(app, loaded);
            LoadStatus::Done { count, skipped }
        }
        Err(e) => {
            note_error(app, &e);
            LoadStatus::Failed(e.cashier_message())
        }
    };
    if let Some(slot) = app.load.iter_mut().find(|(r, _)| *r == endpoint) {
        slot.1 = status;
    }
    if app.mode == Mode::Loading
        && app
            .load
            .iter()
            .all(|(_, s)| matches!(s, LoadStatus::Done { .. } | LoadStatus::Cached { .. }))
    {
        finish_loading(app);
    }
}

fn on_loaded_from_cache(app: &mut App, endpoint: ListEndpoint, loaded: Loaded, saved_at: String) {
    app.connection = Connection::Offline;
    let (count, _) = loaded.counts();
    stage(app, loaded);
    if let Some(slot) = app.load.iter_mut().find(|(r, _)| *r == endpoint) {
        slot.1 = LoadStatus::Cached {
            count,
            saved_at: saved_at.clone(),
        };
    }
    app.offline_lists = Some(saved_at);
    if app.mode == Mode::Loading
        && app
            .load
            .iter()
            .all(|(_, s)| matches!(s, LoadStatus::Done { .. } | LoadStatus::Cached { .. }))
    {
        finish_loading(app);
    }
}

/// The sale is on disk: from now on it cannot be lost; the sender takes it from here.
fn on_recorded(app: &mut App, result: Result<Box<crate::journal::Entry>, String>) -> Vec<Effect> {
    let Mode::Submitting(mut submission) = app.mode.clone() else {
        return Vec::new();
    };
    match result {
        Ok(entry) => {
            tracing::info!(seq = entry.seq, reference = %entry.reference, "sale journaled");
            submission.seq = Some(entry.seq);
            submission.reference = Some(entry.reference);
            app.queue_waiting += 1;
            app.mode = Mode::Submitting(submission);
        }
        Err(e) => {
            // Not on disk: it must not go on the wire either. The basket stays.
            tracing::error!(error = %e, "journal write failed");
            app.held.clear();
            app.mode = Mode::Sale;
            let text = format!(
                "Not recorded: the local journal could not be written ({e}). The basket is kept."
            );
            app.alert = Some(text.clone());
            info(app, Severity::Error, text);
        }
    }
    Vec::new()
}

pub(super) fn stage(app: &mut App, loaded: Loaded) {
    match loaded {
        Loaded::Items(l) => app.staged.items = l.items,
        Loaded::Variations(l) => app.staged.variations = l.items,
        Loaded::Departments(l) => app.staged.departments = l.items,
        Loaded::DepartmentGroups(l) => app.staged.groups = l.items,
        Loaded::PaymentModes(l) => app.lists.payment_modes = l.items,
        Loaded::Tables(l) => app.lists.tables = l.items,
        Loaded::Users(l) => app.lists.users = l.items,
        Loaded::Cashboxes(l) => app.lists.cashboxes = l.items,
        Loaded::Discounts(l) => app.lists.discounts = l.items,
    }
}

fn finish_loading(app: &mut App) {
    let staged = std::mem::take(&mut app.staged);
    app.catalog = Catalog::with_limits(
        staged.items,
        staged.departments,
        staged.groups,
        staged.variations,
        &app.limits,
    );
    app.missing = app
        .load
        .iter()
        .filter(|(_, s)| matches!(s, LoadStatus::Failed(_)))
        .map(|(r, _)| *r)
        .collect();
    let skipped: usize = app
        .load
        .iter()
        .map(|(_, s)| {
            if let LoadStatus::Done { skipped, .. } = s {
                *skipped
            } else {
                0
            }
        })
        .sum::<usize>()
        + app.catalog.rejected().len();
    let duplicates = app.catalog.duplicate_barcodes().len();
    app.mode = Mode::Sale;
    if !app.missing.is_empty() {
        let names: Vec<&str> = app.missing.iter().map(|r| r.label()).collect();
        info(
            app,
            Severity::Warning,
            format!("Started without {}", names.join(", ")),
        );
    } else if skipped > 0 {
        info(
            app,
            Severity::Warning,
            format!("{skipped} unreadable or out-of-limit element(s) skipped: see the log"),
        );
    } else if duplicates > 0 {
        info(
            app,
            Severity::Warning,
            format!("{duplicates} barcode(s) on more than one item: see the log"),
        );
    } else {
        let n = app.catalog.items().len();
        let restored = app.basket.lines.len();
        if let Some(w) = app.warnings.first().cloned() {
            info(app, Severity::Warning, w);
        } else if let Some(saved_at) = &app.offline_lists {
            let when = saved_at.get(..16).unwrap_or(saved_at).replace('T', " ");
            info(
                app,
                Severity::Warning,
                format!("Offline start: lists saved {when} UTC; sales will queue"),
            );
        } else if restored > 0 {
            info(
                app,
                Severity::Warning,
                format!("Ready: {n} items · basket restored after a restart ({restored} line(s))"),
            );
        } else {
            info(app, Severity::Success, format!("Ready: {n} items"));
        }
    }
}

fn loading_key(app: &mut App, action: Option<Action>) -> Vec<Effect> {
    let all_settled = app
        .load
        .iter()
        .all(|(_, s)| !matches!(s, LoadStatus::Pending));
    match action {
        Some(Action::Retry) if all_settled => {
            let mut effects = Vec::new();
            for (r, s) in &mut app.load {
                if matches!(s, LoadStatus::Failed(_)) {
                    *s = LoadStatus::Pending;
                    effects.push(Effect::Load(*r));
                }
            }
            effects
        }
        Some(Action::ContinueAnyway) if all_settled => {
            let required_failed = app
                .load
                .iter()
                .any(|(r, s)| REQUIRED_RESOURCES.contains(r) && matches!(s, LoadStatus::Failed(_)));
            if required_failed {
                info(
                    app,
                    Severity::Error,
                    "Items and payment modes are needed to sell: retry (R)",
                );
            } else {
                finish_loading(app);
            }
            Vec::new()
        }
        Some(Action::Quit) => {
            app.quit = true;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

// ---------------------------------------------------------------- keys

fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    // Ctrl-C always quits the same way Ctrl-Q does.
    let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('c' | 'C'));
    if let Mode::Submitting(_) = app.mode {
        if !ctrl_c {
            app.held.push(Event::Key(key));
        }
        return Vec::new();
    }
    let context = app.mode.context();
    let action = if ctrl_c {
        Some(Action::Quit)
    } else {
        lookup(app.keymap, context, &key)
    };
    // A message about the last action stays until the next key; an alert likewise.
    app.alert = None;
    app.flash = false;
    match app.mode.clone() {
        Mode::Loading => loading_key(app, action),
        Mode::Sale | Mode::Submitting(_) => sale_key(app, action, key),
        Mode::Search(state) => search_key(app, state, action, key),
        Mode::Departments(state) => departments_key(app, state, action, key),
        Mode::LineEdit(state) => line_edit_key(app, state, action, key),
        Mode::Variation(state) => variation_key(app, state, action, key),
        Mode::Payment { selected } => payment_key(app, selected, action, key),
        Mode::Tender { mode_index } => tender_key(app, mode_index, action, key),
        Mode::Confirm(kind) => confirm_key(app, kind, action),
        Mode::Attention { selected } => super::delivery::attention_key(app, selected, action, key),
        Mode::UnknownCode(code) => {
            match action {
                Some(Action::Accept) => {
                    app.mode = Mode::Sale;
                    app.entry.clear();
                    info(
                        app,
                        Severity::Info,
                        format!("Type the name of the item for {code}"),
                    );
                }
                Some(Action::OpenDepartments) => {
                    app.mode = Mode::Sale;
                    return sale_key(app, Some(Action::OpenDepartments), key);
                }
                Some(Action::Cancel) => app.mode = Mode::Sale,
                _ => {}
            }
            Vec::new()
        }
        Mode::Orders(m) => super::orders::on_key(app, *m, action, key),
        Mode::Receipt(_) => {
            app.mode = Mode::Sale;
            app.message = None;
            // Any key goes on to the next sale; typed text (a scan) is the next sale's first key.
            if action.is_none() {
                sale_key(app, lookup(app.keymap, app.mode.context(), &key), key)
            } else {
                Vec::new()
            }
        }
        Mode::Help { previous, scroll } => {
            app.mode = match action {
                Some(Action::Cancel) => *previous,
                Some(Action::Up) => Mode::Help {
                    previous,
                    scroll: scroll.saturating_sub(1),
                },
                Some(Action::Down) => Mode::Help {
                    previous,
                    scroll: scroll.saturating_add(1),
                },
                Some(Action::PageUp) => Mode::Help {
                    previous,
                    scroll: scroll.saturating_sub(PAGE as u16),
                },
                Some(Action::PageDown) => Mode::Help {
                    previous,
                    scroll: scroll.saturating_add(PAGE as u16),
                },
                _ => Mode::Help { previous, scroll },
            };
            Vec::new()
        }
    }
}

/// Typed text for the entry line: printable characters without Ctrl/Alt, and Backspace.
fn edit_text(text: &mut String, key: &KeyEvent) -> bool {
    edit_filtered(text, key, |c| !c.is_control())
}

/// Typed text for an amount: digits, `.` and `,`, and Backspace; anything else is refused.
pub(super) fn edit_amount(text: &mut String, key: &KeyEvent) -> bool {
    edit_filtered(text, key, |c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// Types `key` into `text` when it is a character `accept` takes (without Ctrl/Alt), or
/// Backspace; returns whether the text was edited.
fn edit_filtered(text: &mut String, key: &KeyEvent, accept: impl Fn(char) -> bool) -> bool {
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return false;
    }
    match key.code {
        KeyCode::Char(c) if accept(c) => {
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

/// Splits `3*code` into the quantity and the rest. `Err` when the quantity is not a number.
pub(super) fn split_quantity(entry: &str) -> Result<(Option<Decimal>, &str), String> {
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

fn starts_search(rest: &str) -> bool {
    rest.chars().next().is_some_and(char::is_alphabetic)
}

fn sale_key(app: &mut App, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    if let Some(effects) = super::orders::sale_action(app, action) {
        return effects;
    }
    match action {
        Some(Action::PayWith(n)) => return pay_with(app, usize::from(n)),
        Some(Action::OpenPayment) => {
            if app.basket.is_empty() {
                info(app, Severity::Warning, "The basket is empty");
            } else {
                app.mode = Mode::Payment { selected: 0 };
            }
        }
        Some(Action::OpenDepartments) => {
            if app.catalog.visible_departments().is_empty() {
                info(app, Severity::Warning, "No departments in this shop");
            } else {
                app.mode = Mode::Departments(DepartmentsState {
                    department: 0,
                    item: None,
                });
            }
        }
        Some(Action::OpenAttention) => {
            if app.attention.is_empty() {
                info(app, Severity::Info, "No sale is waiting for a decision");
            } else {
                app.entry.clear();
                app.mode = Mode::Attention { selected: 0 };
            }
        }
        Some(Action::OpenHelp) => {
            app.mode = Mode::Help {
                previous: Box::new(Mode::Sale),
                scroll: 0,
            }
        }
        Some(Action::Quit) => {
            if app.basket.is_empty() {
                app.quit = true;
            } else {
                app.mode = Mode::Confirm(ConfirmKind::Quit);
            }
        }
        Some(Action::ClearBasket) => {
            if !app.basket.is_empty() {
                app.mode = Mode::Confirm(ConfirmKind::ClearBasket);
            }
        }
        Some(Action::Up) => {
            let n = app.basket.lines.len();
            if n > 0 {
                app.selected = Some(app.selected.map_or(n - 1, |s| s.saturating_sub(1)));
            }
        }
        Some(Action::Down) => {
            let n = app.basket.lines.len();
            if n > 0 {
                app.selected = Some(app.selected.map_or(0, |s| (s + 1).min(n - 1)));
            }
        }
        Some(Action::Cancel) => {
            if app.entry.is_empty() {
                app.selected = None;
            } else {
                app.entry.clear();
            }
            app.message = None;
        }
        Some(Action::Accept) => return accept_entry(app),
        Some(Action::RemoveLine) => match app.selected {
            Some(i) => {
                if let Some(line) = app.basket.remove(i) {
                    info(
                        app,
                        Severity::Info,
                        format!("Removed {}", line.display_title()),
                    );
                }
                app.selected = if app.basket.is_empty() {
                    None
                } else {
                    Some(i.min(app.basket.lines.len() - 1))
                };
                app.last_changed = None;
            }
            None => info(app, Severity::Warning, "Select a line first (↑/↓)"),
        },
        Some(Action::QuantityPlus) => step_quantity(app, Decimal::ONE),
        Some(Action::QuantityMinus) => step_quantity(app, Decimal::NEGATIVE_ONE),
        Some(_) => {}
        None => {
            if edit_text(&mut app.entry, &key)
                && let Ok((quantity, rest)) = split_quantity(&app.entry)
                && starts_search(rest)
            {
                let rest = rest.to_string();
                open_search(app, quantity, &rest);
            }
        }
    }
    Vec::new()
}

fn step_quantity(app: &mut App, step: Decimal) {
    let Some(i) = app.selected.or(app.last_changed) else {
        info(app, Severity::Warning, "Select a line first (↑/↓)");
        return;
    };
    let Some(line) = app.basket.lines.get_mut(i) else {
        return;
    };
    if !line.quantity.fract().is_zero() {
        info(
            app,
            Severity::Warning,
            "Weighed line: edit its quantity (Enter)",
        );
        return;
    }
    let Some(new) = line.quantity.checked_add(step) else {
        return;
    };
    if new.is_zero() {
        info(
            app,
            Severity::Warning,
            "Quantity cannot be 0: Del removes the line",
        );
        return;
    }
    let candidate = BasketLine {
        quantity: new,
        ..line.clone()
    };
    if let Err(e) = app.limits.check(&candidate) {
        let text = e.message(app.settings.money_style);
        info(app, Severity::Error, text);
        return;
    }
    line.quantity = new;
    app.last_changed = Some(i);
}

fn accept_entry(app: &mut App) -> Vec<Effect> {
    let entry = app.entry.trim().to_string();
    if entry.is_empty() {
        if let Some(i) = app.selected {
            open_line_edit(app, i);
        }
        return Vec::new();
    }
    let (quantity, code) = match split_quantity(&entry) {
        Ok(v) => v,
        Err(m) => {
            info(app, Severity::Error, m);
            return Vec::new();
        }
    };
    let code = code.trim();
    if code.is_empty() {
        info(
            app,
            Severity::Warning,
            "Quantity set: now scan or type the code",
        );
        return Vec::new();
    }
    let code = code.to_string();
    let (taken, effects) = super::scan::add_code(app, &code, quantity, super::scan::Source::Typed);
    if taken {
        app.entry.clear();
    }
    effects
}

/// Adds an item, asking for its variations first when it has some.
pub(super) fn add_item(app: &mut App, item_id: u64, quantity: Decimal) {
    let Some(item) = app.catalog.item(item_id) else {
        return;
    };
    let sets: Vec<u64> = app
        .catalog
        .variations_of(item)
        .iter()
        .map(|v| v.id)
        .collect();
    if sets.is_empty() {
        let line = BasketLine::from_item(item, quantity, &[]);
        push_line(app, line);
    } else {
        app.mode = Mode::Variation(VariationState {
            item_id,
            quantity,
            sets,
            step: 0,
            chosen: Vec::new(),
            selected: 0,
        });
    }
}

pub(super) fn push_line(app: &mut App, line: BasketLine) {
    let title = line.display_title();
    let index = match app.basket.push_line(line, &app.limits) {
        Ok(index) => index,
        Err(e) => {
            app.flash = true;
            let text = format!("{title}: {}", e.message(app.settings.money_style));
            info(app, Severity::Error, text);
            return;
        }
    };
    app.last_changed = Some(index);
    app.selected = None;
    let total = format_money(app.basket.total(), app.settings.money_style);
    info(
        app,
        Severity::Info,
        format!("{title} added · total {total}"),
    );
}

// ---------------------------------------------------------------- search

fn open_search(app: &mut App, quantity: Option<Decimal>, query: &str) {
    let results = app
        .catalog
        .search(query, SEARCH_LIMIT)
        .iter()
        .map(|i| i.id)
        .collect();
    app.mode = Mode::Search(SearchState {
        quantity,
        results,
        selected: 0,
    });
}

fn search_key(
    app: &mut App,
    mut state: SearchState,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    match action {
        Some(Action::Up) => state.selected = state.selected.saturating_sub(1),
        Some(Action::Down) => {
            state.selected = (state.selected + 1).min(state.results.len().saturating_sub(1))
        }
        Some(Action::PageUp) => state.selected = state.selected.saturating_sub(PAGE),
        Some(Action::PageDown) => {
            state.selected = (state.selected + PAGE).min(state.results.len().saturating_sub(1))
        }
        Some(Action::Cancel) => {
            app.entry.clear();
            app.mode = Mode::Sale;
            return Vec::new();
        }
        Some(Action::Accept) => {
            let Some(id) = state.results.get(state.selected).copied() else {
                info(
                    app,
                    Severity::Warning,
                    "No item matches: change the search or Esc",
                );
                return Vec::new();
            };
            app.entry.clear();
            app.mode = Mode::Sale;
            add_item(app, id, state.quantity.unwrap_or(Decimal::ONE));
            return Vec::new();
        }
        _ => {
            if edit_text(&mut app.entry, &key) {
                match split_quantity(&app.entry) {
                    Ok((quantity, rest)) if starts_search(rest) => {
                        let rest = rest.to_string();
                        open_search(app, quantity, &rest);
                    }
                    _ => app.mode = Mode::Sale,
                }
                return Vec::new();
            }
        }
    }
    app.mode = Mode::Search(state);
    Vec::new()
}

// ---------------------------------------------------------------- departments

fn departments_key(
    app: &mut App,
    mut state: DepartmentsState,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    let departments = app.catalog.visible_departments();
    let Some(department) = departments.get(state.department).map(|d| (*d).clone()) else {
        app.mode = Mode::Sale;
        return Vec::new();
    };
    let dept_count = departments.len();
    let item_ids: Vec<u64> = app
        .catalog
        .department_items(department.id)
        .iter()
        .map(|i| i.id)
        .collect();
    let len = if state.item.is_some() {
        item_ids.len()
    } else {
        dept_count
    };
    let cursor = state.item.unwrap_or(state.department);
    let moved = |c: usize| -> usize { c.min(len.saturating_sub(1)) };
    let new_cursor = match action {
        Some(Action::Up) => Some(cursor.saturating_sub(1)),
        Some(Action::Down) => Some(moved(cursor + 1)),
        Some(Action::PageUp) => Some(cursor.saturating_sub(PAGE)),
        Some(Action::PageDown) => Some(moved(cursor + PAGE)),
        _ => None,
    };
    if let Some(c) = new_cursor {
        if state.item.is_some() {
            state.item = Some(c);
        } else {
            state.department = c;
        }
        app.mode = Mode::Departments(state);
        return Vec::new();
    }
    match action {
        Some(Action::Accept) => {
            let amount = app.entry.trim().to_string();
            if !amount.is_empty() {
                // A typed amount is a free line in this department.
                match parse_decimal(&amount) {
                    Some(price) if !price.is_zero() => {
                        app.entry.clear();
                        push_line(
                            app,
                            BasketLine::free(Some((department.id, &department.title)), price, None),
                        );
                    }
                    _ => info(app, Severity::Error, format!("{amount:?} is not an amount")),
                }
            } else if let Some(i) = state.item {
                if let Some(id) = item_ids.get(i).copied() {
                    app.mode = Mode::Departments(state);
                    add_item(app, id, Decimal::ONE);
                    return Vec::new();
                }
            } else if item_ids.is_empty() {
                info(
                    app,
                    Severity::Info,
                    "No items here: type an amount and Enter for a free line",
                );
            } else {
                state.item = Some(0);
            }
        }
        Some(Action::Back) if app.entry.is_empty() => state.item = None,
        Some(Action::Cancel) => {
            if !app.entry.is_empty() {
                app.entry.clear();
            } else if state.item.is_some() {
                state.item = None;
            } else {
                app.mode = Mode::Sale;
                return Vec::new();
            }
        }
        _ => {
            if !edit_amount(&mut app.entry, &key) && matches!(key.code, KeyCode::Char(_)) {
                info(
                    app,
                    Severity::Warning,
                    "Here the entry takes an amount for a free line",
                );
            }
        }
    }
    app.mode = Mode::Departments(state);
    Vec::new()
}

// ---------------------------------------------------------------- variations

fn variation_key(
    app: &mut App,
    mut state: VariationState,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    let Some(set) = state
        .sets
        .get(state.step)
        .and_then(|id| app.catalog.variation(*id))
        .cloned()
    else {
        app.mode = Mode::Sale;
        return Vec::new();
    };
    let n = set.choices.len();
    let mut choose = None;
    match action {
        Some(Action::Up) => state.selected = state.selected.saturating_sub(1),
        Some(Action::Down) => state.selected = (state.selected + 1).min(n.saturating_sub(1)),
        Some(Action::Accept) => choose = Some(state.selected),
        Some(Action::Cancel) => {
            app.mode = Mode::Sale;
            info(app, Severity::Info, "Not added");
            return Vec::new();
        }
        _ => {
            if let KeyCode::Char(c) = key.code
                && let Some(d) = c.to_digit(10)
            {
                let d = d as usize;
                if d >= 1 && d <= n {
                    choose = Some(d - 1);
                }
            }
        }
    }
    if let Some(i) = choose {
        if let Some(choice) = set.choices.get(i) {
            state.chosen.push(choice.id);
            state.step += 1;
            state.selected = 0;
        }
        if state.step >= state.sets.len() {
            let Some(item) = app.catalog.item(state.item_id) else {
                app.mode = Mode::Sale;
                return Vec::new();
            };
            let choices: Vec<_> = state
                .chosen
                .iter()
                .filter_map(|c| app.catalog.choice(*c).map(|(_, ch)| ch))
                .collect();
            let line = BasketLine::from_item(item, state.quantity, &choices);
            app.mode = Mode::Sale;
            push_line(app, line);
            return Vec::new();
        }
    }
    app.mode = Mode::Variation(state);
    Vec::new()
}

// ---------------------------------------------------------------- line edit

fn open_line_edit(app: &mut App, index: usize) {
    let Some(line) = app.basket.lines.get(index) else {
        return;
    };
    let style = app.settings.money_style;
    let values = [
        crate::money::format_quantity(line.quantity, style),
        crate::money::format_amount(line.unit_price, style),
        line.title.clone(),
        line.discount
            .map(|d| d.label(style).trim_start_matches('-').to_string())
            .unwrap_or_default(),
    ];
    app.mode = Mode::LineEdit(LineEditState {
        index,
        field: 0,
        values,
        error: None,
    });
}

fn line_edit_key(
    app: &mut App,
    mut state: LineEditState,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    match action {
        Some(Action::NextField) => state.field = (state.field + 1) % LINE_FIELDS.len(),
        Some(Action::PrevField) => {
            state.field = (state.field + LINE_FIELDS.len() - 1) % LINE_FIELDS.len()
        }
        Some(Action::Cancel) => {
            app.mode = Mode::Sale;
            return Vec::new();
        }
        Some(Action::RemoveLine) => {
            app.mode = Mode::Sale;
            app.selected = Some(state.index);
            return sale_key(app, Some(Action::RemoveLine), key);
        }
        Some(Action::ApplyDiscount(n)) => match app.lists.discounts.get(usize::from(n)) {
            Some(d) => {
                state.values[3] = match d.kind {
                    crate::kash::model::DiscountKind::Percent => {
                        format!("{}%", d.value.normalize())
                    }
                    crate::kash::model::DiscountKind::Amount => {
                        crate::money::format_amount(d.value, app.settings.money_style)
                    }
                };
                state.field = 3;
            }
            None => state.error = Some("The shop has no such discount".to_string()),
        },
        Some(Action::Accept) => match apply_line_edit(app, &state) {
            Ok(()) => {
                app.mode = Mode::Sale;
                return Vec::new();
            }
            Err(e) => state.error = Some(e),
        },
        _ => {
            if edit_text(&mut state.values[state.field], &key) {
                state.error = None;
            }
        }
    }
    app.mode = Mode::LineEdit(state);
    Vec::new()
}

fn apply_line_edit(app: &mut App, state: &LineEditState) -> Result<(), String> {
    let quantity = parse_decimal(&state.values[0])
        .filter(|q| !q.is_zero())
        .ok_or_else(|| format!("Quantity {:?} is not a number (not 0)", state.values[0]))?;
    let price = parse_decimal(&state.values[1])
        .ok_or_else(|| format!("Price {:?} is not an amount", state.values[1]))?;
    let title = state.values[2].trim().to_string();
    if title.is_empty() {
        return Err("The title cannot be empty".to_string());
    }
    let discount = if state.values[3].trim().is_empty() {
        None
    } else {
        Some(
            LineDiscount::parse(&state.values[3])
                .ok_or_else(|| format!("Discount {:?}: type 10% or an amount", state.values[3]))?,
        )
    };
    let style = app.settings.money_style;
    let limits = app.limits;
    let line = app
        .basket
        .lines
        .get_mut(state.index)
        .ok_or("The line is gone")?;
    let mut edited = line.clone();
    edited.quantity = quantity;
    if price != edited.unit_price {
        edited.unit_price = price;
        edited.price_overridden = true;
    }
    if title != edited.title {
        edited.title = title;
        edited.title_overridden = true;
    }
    edited.discount = discount;
    limits.check(&edited).map_err(|e| e.message(style))?;
    *line = edited;
    app.last_changed = Some(state.index);
    Ok(())
}

// ---------------------------------------------------------------- payment

fn mode_label(mode: &PaymentMode) -> String {
    mode.title.clone()
}

/// Why the basket cannot be paid with this mode, if it cannot.
fn payment_refusal(app: &App, mode: &PaymentMode) -> Option<String> {
    let total = app.basket.total();
    let style = app.settings.money_style;
    if app.basket.is_empty() {
        return Some("The basket is empty".to_string());
    }
    if total < Decimal::ZERO && !mode.is_refund() {
        return Some(format!(
            "Negative total: pay with a refund mode, not {}",
            mode.title
        ));
    }
    if total >= Decimal::ZERO && mode.is_refund() {
        return Some(format!(
            "{} is a refund mode: the total is not negative",
            mode.title
        ));
    }
    if let Some(min) = mode.minimum_amount
        && total.abs() < min
    {
        return Some(format!(
            "{} needs at least {}",
            mode.title,
            format_money(min, style)
        ));
    }
    if let Some(max) = mode.maximum_amount
        && total.abs() > max
    {
        return Some(format!(
            "{} takes at most {}",
            mode.title,
            format_money(max, style)
        ));
    }
    None
}

fn pay_with(app: &mut App, index: usize) -> Vec<Effect> {
    let Some(mode) = app.lists.payment_modes.get(index).cloned() else {
        info(
            app,
            Severity::Warning,
            format!("No payment mode F{}", index + 1),
        );
        return Vec::new();
    };
    if let Some(why) = payment_refusal(app, &mode) {
        info(app, Severity::Error, why);
        return Vec::new();
    }
    if mode.is_cash() {
        app.entry.clear();
        app.mode = Mode::Tender { mode_index: index };
        return Vec::new();
    }
    submit(app, Payment::Mode(mode.id), mode_label(&mode), None)
}

fn payment_key(
    app: &mut App,
    selected: usize,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    let n = app.lists.payment_modes.len();
    match action {
        Some(Action::PayWith(i)) => return pay_with(app, usize::from(i)),
        Some(Action::Up) => {
            app.mode = Mode::Payment {
                selected: selected.saturating_sub(1),
            }
        }
        Some(Action::Down) => {
            app.mode = Mode::Payment {
                selected: (selected + 1).min(n.saturating_sub(1)),
            }
        }
        Some(Action::Accept) => return pay_with(app, selected),
        Some(Action::ValidateUnpaid) => {
            return submit(
                app,
                Payment::Validated,
                "Validated, unpaid".to_string(),
                None,
            );
        }
        Some(Action::KeepOpen) => {
            return submit(app, Payment::Open, "Open order".to_string(), None);
        }
        Some(Action::Cancel) => app.mode = Mode::Sale,
        _ => {
            if let KeyCode::Char(c) = key.code
                && let Some(d) = c.to_digit(10)
            {
                let d = d as usize;
                if d >= 1 && d <= n {
                    return pay_with(app, d - 1);
                }
            }
        }
    }
    Vec::new()
}

fn tender_key(
    app: &mut App,
    mode_index: usize,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    match action {
        Some(Action::Cancel) => {
            app.entry.clear();
            app.mode = Mode::Sale;
        }
        Some(Action::Accept) => {
            let Some(mode) = app.lists.payment_modes.get(mode_index).cloned() else {
                app.mode = Mode::Sale;
                return Vec::new();
            };
            let total = app.basket.total();
            let typed = app.entry.trim().to_string();
            let tendered = if typed.is_empty() {
                total
            } else {
                match parse_decimal(&typed) {
                    Some(t) => t,
                    None => {
                        info(app, Severity::Error, format!("{typed:?} is not an amount"));
                        return Vec::new();
                    }
                }
            };
            let Some(change) = change_due(total, tendered) else {
                let style = app.settings.money_style;
                info(
                    app,
                    Severity::Error,
                    format!(
                        "{} tendered is less than the total {}",
                        format_money(tendered, style),
                        format_money(total, style)
                    ),
                );
                return Vec::new();
            };
            app.entry.clear();
            let _ = change;
            return submit(
                app,
                Payment::Mode(mode.id),
                mode_label(&mode),
                Some(tendered),
            );
        }
        _ => {
            edit_amount(&mut app.entry, &key);
        }
    }
    Vec::new()
}

/// The order for the basket as it stands.
pub fn build_order(app: &App, payment: Payment) -> Order {
    let mut order = Order::new(payment);
    order.lines = app.basket.entries(app.settings.money_style);
    order.user_id = app.settings.user_id;
    order.cashbox_id = app.settings.cashbox_id;
    super::orders::apply_context(app, &mut order);
    order
}

fn submit(
    app: &mut App,
    payment: Payment,
    payment_label: String,
    tendered: Option<Decimal>,
) -> Vec<Effect> {
    if app.basket.is_empty() {
        info(app, Severity::Warning, "The basket is empty");
        return Vec::new();
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
    app.mode = Mode::Submitting(submission);
    info(app, Severity::Info, "Sending the order…");
    vec![Effect::Record(Box::new(order))]
}

pub(super) fn on_submitted(app: &mut App, result: Result<OrderReceipt, KashError>) -> Vec<Effect> {
    let Mode::Submitting(submission) = app.mode.clone() else {
        tracing::warn!("an order answer arrived with no order being sent");
        return Vec::new();
    };
    match result {
        Ok(receipt) => {
            app.connection = Connection::Online;
            let change = submission
                .tendered
                .and_then(|t| change_due(submission.total, t));
            let link = receipt.invoice.or(receipt.quote).or(receipt.payment_link);
            tracing::info!(order = receipt.order_id, "order recorded");
            super::orders::reset_sale(app);
            app.basket = Default::default();
            app.selected = None;
            app.last_changed = None;
            app.entry.clear();
            app.mode = Mode::Receipt(ReceiptState {
                order_id: Some(receipt.order_id),
                submission,
                change,
                link,
            });
            info(
                app,
                Severity::Success,
                format!("Order {} recorded", receipt.order_id),
            );
            let held = std::mem::take(&mut app.held);
            let mut effects = Vec::new();
            for event in held {
                effects.extend(update(app, event));
            }
            effects
        }
        Err(e) => {
            note_error(app, &e);
            let held = std::mem::take(&mut app.held);
            app.mode = Mode::Sale;
            let mut text = format!("Not recorded: {}", e.cashier_message());
            if !held.is_empty() {
                text.push_str(&format!(
                    " ({} key(s) typed meanwhile were ignored)",
                    held.len()
                ));
            }
            app.alert = Some(text.clone());
            info(app, Severity::Error, text);
            Vec::new()
        }
    }
}

fn confirm_key(app: &mut App, kind: ConfirmKind, action: Option<Action>) -> Vec<Effect> {
    match action {
        Some(Action::Accept) => {
            match kind {
                ConfirmKind::ClearBasket => {
                    super::orders::reset_sale(app);
                    app.basket = Default::default();
                    app.selected = None;
                    app.last_changed = None;
                    app.entry.clear();
                    info(app, Severity::Info, "Basket cleared");
                }
                ConfirmKind::Quit => app.quit = true,
            }
            app.mode = Mode::Sale;
        }
        Some(Action::Cancel) => app.mode = Mode::Sale,
        _ => {}
    }
    Vec::new()
}
