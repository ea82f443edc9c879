//! What effects and the background sender send back, and what the till makes of it: lists
//! loaded, a sale on disk then recorded (or queued, or waiting for the cashier), open orders
//! refreshed, a recalled order changed or paid.

use rust_decimal::Decimal;
use time::OffsetDateTime;

use crate::journal::Entry;
use crate::journal::delivery::{Outcome, SenderEvent};
use crate::kash::model::{OrderLine, OrderReceipt, PendingOrder};
use crate::kash::{KashError, ListEndpoint};
use crate::money::format_money;
use crate::pos::basket::{Basket, LineKind};
use crate::pos::tender::change_due;

use super::actions::{alert, capitalise, info, note_error, refresh, reset_sale, say};
use super::effect::Effect;
use super::event::Loaded;
use super::screen::{PayState, PickFor, Purpose, ReceiptState, Screen};
use super::screens::loading;
use super::state::{App, Attention, Connection, LoadStatus, Severity};
use crate::i18n::{n, s};

// ---------------------------------------------------------------- start-up

pub fn loaded(
    app: &mut App,
    endpoint: ListEndpoint,
    result: Result<Loaded, KashError>,
) -> Vec<Effect> {
    let saved = app
        .load
        .iter()
        .any(|(r, s)| *r == endpoint && matches!(s, LoadStatus::Cached { .. }));
    if app.staged.ready || app.staged.building || saved {
        // The fresh list behind a saved copy: swapped in whole; on failure the copy stays.
        let mut effects = Vec::new();
        match result {
            Ok(loaded) => {
                app.connection = Connection::Online;
                let (count, skipped) = loaded.counts();
                if app.staged.ready || app.staged.building {
                    effects = swap_in(app, loaded);
                } else {
                    stage(app, loaded);
                }
                effects.extend(set_status(
                    app,
                    endpoint,
                    LoadStatus::Done { count, skipped },
                ));
            }
            Err(e) => {
                note_error(app, &e);
                if e.is_connectivity() {
                    // The till goes on with the copy it started from, saved at that time.
                    let copy = app.load.iter().find_map(|(r, s)| match s {
                        LoadStatus::Cached { saved_at, .. } if *r == endpoint => {
                            Some(saved_at.clone())
                        }
                        _ => None,
                    });
                    if copy.is_some() {
                        app.offline_lists = copy;
                    }
                }
            }
        }
        return effects;
    }
    let status = match result {
        Ok(loaded) => {
            app.connection = Connection::Online;
            let (count, skipped) = loaded.counts();
            stage(app, loaded);
            LoadStatus::Done { count, skipped }
        }
        Err(e) => {
            note_error(app, &e);
            LoadStatus::Failed(e.cashier_message_in(app.settings.lang))
        }
    };
    set_status(app, endpoint, status)
}

pub fn loaded_from_cache(
    app: &mut App,
    endpoint: ListEndpoint,
    loaded: Loaded,
    saved_at: String,
) -> Vec<Effect> {
    app.connection = Connection::Offline;
    if app.staged.ready || app.staged.building {
        // Started from this copy already; the server could not be reached for a fresh one.
        app.offline_lists = Some(saved_at);
        return Vec::new();
    }
    let (count, _) = loaded.counts();
    stage(app, loaded);
    app.offline_lists = Some(saved_at.clone());
    set_status(app, endpoint, LoadStatus::Cached { count, saved_at })
}

/// A list saved at the last start: the till starts from it, and loads the fresh one behind it.
pub fn loaded_saved(
    app: &mut App,
    endpoint: ListEndpoint,
    loaded: Loaded,
    saved_at: String,
) -> Vec<Effect> {
    let (count, _) = loaded.counts();
    if app.staged.ready || app.staged.building {
        return Vec::new();
    }
    stage(app, loaded);
    let mut effects = vec![Effect::LoadFresh(endpoint)];
    effects.extend(set_status(
        app,
        endpoint,
        LoadStatus::Cached { count, saved_at },
    ));
    effects
}

/// The fresh list behind a saved copy is that copy: the lists stay as they are (no catalog is
/// built again, no line repriced), and the list is known fresh.
pub fn loaded_as_saved(
    app: &mut App,
    endpoint: ListEndpoint,
    count: usize,
    skipped: usize,
) -> Vec<Effect> {
    app.connection = Connection::Online;
    set_status(app, endpoint, LoadStatus::Done { count, skipped })
}

/// A fresh list once the till has started: a catalog list replaces the one in the catalog (fresh
/// items make a new catalog, built off the event loop when big; while one is built, what comes
/// waits for it), and the basket's lines whose price changed are repriced, the cashier told.
fn swap_in(app: &mut App, loaded: Loaded) -> Vec<Effect> {
    if app.staged.building {
        let fresh = &mut app.staged.fresh;
        match loaded {
            Loaded::Items(l) => fresh.items = Some(l.items),
            Loaded::Variations(l) => fresh.variations = Some(l.items),
            Loaded::Departments(l) => fresh.departments = Some(l.items),
            Loaded::DepartmentGroups(l) => fresh.groups = Some(l.items),
            other => stage(app, other),
        }
        return Vec::new();
    }
    match loaded {
        Loaded::Items(l) => {
            let lists = crate::pos::catalog::CatalogLists {
                items: l.items,
                departments: app.catalog.departments().to_vec(),
                groups: app.catalog.groups().to_vec(),
                variations: app.catalog.variations().to_vec(),
                limits: app.limits,
            };
            let off_loop = app.staged.swap_off_loop
                && lists.items.len()
                    >= app
                        .staged
                        .in_place_below
                        .unwrap_or(super::state::BUILD_IN_PLACE_BELOW);
            if !off_loop {
                // The old catalog goes before the new one is built: the two are never held
                // together (at 300 000 items, the difference between ~400 MiB and more).
                app.catalog = crate::pos::catalog::Catalog::default();
                installed(app, lists.build());
                return Vec::new();
            }
            app.staged.building = true;
            return vec![Effect::BuildCatalog(Box::new(lists))];
        }
        Loaded::Variations(l) => app.catalog.set_variations(l.items),
        Loaded::Departments(l) => app.catalog.set_departments(l.items),
        Loaded::DepartmentGroups(l) => app.catalog.set_groups(l.items),
        other => {
            stage(app, other);
            return Vec::new();
        }
    }
    repriced(app);
    Vec::new()
}

/// A catalog built off the event loop: the start's, or a fresh one that replaces the catalog in
/// use (with the small lists as they are now: one may have come while it was built).
pub fn catalog_built(app: &mut App, catalog: crate::pos::catalog::Catalog) -> Vec<Effect> {
    if !app.staged.building {
        tracing::warn!("a catalog built with none asked for");
        return Vec::new();
    }
    let fresh = std::mem::take(&mut app.staged.fresh);
    if app.staged.ready {
        app.staged.building = false;
        let mut catalog = catalog;
        let (_, departments, groups, variations) = std::mem::take(&mut app.catalog).into_lists();
        catalog.set_departments(departments);
        catalog.set_groups(groups);
        catalog.set_variations(variations);
        installed(app, catalog);
    } else {
        let next = loading::built(app, catalog);
        if app.screen == Screen::Loading {
            app.screen = next;
        }
    }
    // What came while it was built.
    let mut effects = Vec::new();
    let lists = [
        fresh
            .variations
            .map(|items| Loaded::Variations(listed(items))),
        fresh
            .departments
            .map(|items| Loaded::Departments(listed(items))),
        fresh
            .groups
            .map(|items| Loaded::DepartmentGroups(listed(items))),
        fresh.items.map(|items| Loaded::Items(listed(items))),
    ];
    for loaded in lists.into_iter().flatten() {
        effects.extend(swap_in(app, loaded));
    }
    effects
}

fn listed<T>(items: Vec<T>) -> crate::kash::Listed<T> {
    crate::kash::Listed {
        items,
        skipped: Vec::new(),
    }
}

/// A fresh catalog in use: the basket repriced from it.
fn installed(app: &mut App, catalog: crate::pos::catalog::Catalog) {
    app.catalog = catalog;
    repriced(app);
}

/// The basket's lines whose price changed repriced, the cashier told.
fn repriced(app: &mut App) {
    // A recalled order keeps the server's prices.
    if app.orders.recalled.is_none() {
        let repriced = app.catalog.reprice(&mut app.basket);
        if repriced > 0 {
            say(
                app,
                Severity::Warning,
                "msg-repriced",
                &[("count", n(repriced))],
            );
        }
    }
}

fn set_status(app: &mut App, endpoint: ListEndpoint, status: LoadStatus) -> Vec<Effect> {
    if let Some(slot) = app.load.iter_mut().find(|(r, _)| *r == endpoint) {
        slot.1 = status;
    }
    if app.screen == Screen::Loading
        && !app.staged.building
        && !app.staged.ready
        && loading::all_loaded(app)
    {
        match loading::build(app) {
            loading::Built::Now(next) => app.screen = *next,
            loading::Built::Later(effect) => return vec![effect],
        }
    }
    Vec::new()
}

fn stage(app: &mut App, loaded: Loaded) {
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

// ---------------------------------------------------------------- a sale

/// The sale is on disk: from now on it cannot be lost; the sender takes it from here.
pub fn recorded(app: &mut App, result: Result<Box<Entry>, String>) {
    let Screen::Submitting(submission) = &mut app.screen else {
        return;
    };
    match result {
        Ok(entry) => {
            tracing::info!(seq = entry.seq, reference = %entry.reference, "sale journaled");
            submission.seq = Some(entry.seq);
            submission.reference = Some(entry.reference);
            app.queue_waiting += 1;
        }
        Err(e) => {
            // Not on disk: it must not go on the wire either. The basket stays.
            tracing::error!(error = %e, "journal write failed");
            app.held.clear();
            app.screen = Screen::Sale;
            let text = app
                .settings
                .lang
                .ta("msg-journal-write-failed", &[("error", s(e.clone()))]);
            alert(app, text);
        }
    }
}

/// The final answer for the sale on screen.
pub fn submitted(app: &mut App, result: Result<OrderReceipt, KashError>) {
    let Screen::Submitting(submission) = &app.screen else {
        tracing::warn!("an order answer arrived with no order being sent");
        return;
    };
    let submission = submission.clone();
    match result {
        Ok(receipt) => {
            app.connection = Connection::Online;
            let change = submission
                .tendered
                .and_then(|t| change_due(submission.total, t));
            let link = receipt.invoice.or(receipt.quote).or(receipt.payment_link);
            tracing::info!(order = receipt.order_id, "order recorded");
            reset_sale(app);
            app.screen = Screen::Receipt(ReceiptState {
                order_id: Some(receipt.order_id),
                submission,
                change,
                link,
            });
            say(
                app,
                Severity::Success,
                "msg-order-recorded",
                &[("order", s(receipt.order_id.to_string()))],
            );
        }
        Err(e) => {
            note_error(app, &e);
            let held = std::mem::take(&mut app.held);
            app.screen = Screen::Sale;
            let l = app.settings.lang;
            let mut text = l.ta(
                "msg-not-recorded",
                &[("why", s(e.cashier_message_in(app.settings.lang)))],
            );
            if !held.is_empty() {
                text.push_str(&format!(
                    " ({})",
                    l.ta("msg-keys-ignored", &[("count", n(held.len()))])
                ));
            }
            alert(app, text);
        }
    }
}

/// What the background sender did with a journal entry.
pub fn delivery(app: &mut App, event: SenderEvent) -> Vec<Effect> {
    app.queue_waiting = event.waiting;
    let ours = matches!(&app.screen, Screen::Submitting(s) if s.seq == Some(event.seq));
    let waiting_for_ours = matches!(&app.screen, Screen::Submitting(s) if s.seq.is_some());
    match &event.outcome {
        Outcome::Confirmed(receipt) => {
            app.connection = Connection::Online;
            app.attention.retain(|a| a.seq != event.seq);
            if ours {
                submitted(app, Ok(receipt.clone()));
                return Vec::new();
            }
            // A part of the split payment on screen: its order is the one shown, nothing to add.
            if let Screen::Receipt(r) = &app.screen
                && r.order_id == Some(receipt.order_id)
                && r.submission.seq != Some(event.seq)
            {
                return refresh(app);
            }
            // The provisional receipt on screen is this sale's: it becomes the recorded one.
            if let Screen::Receipt(r) = &mut app.screen
                && r.order_id.is_none()
                && r.submission.seq == Some(event.seq)
            {
                r.order_id = Some(receipt.order_id);
                r.link.clone_from(
                    &receipt
                        .invoice
                        .clone()
                        .or_else(|| receipt.quote.clone())
                        .or_else(|| receipt.payment_link.clone()),
                );
            }
            // The cashier never met the reference: the sale is named by its time and total.
            let sale = app.sale_label(&event.created_at, event.request.as_deref());
            tracing::info!(
                reference = %event.reference,
                order = receipt.order_id,
                "recorded after the receipt screen"
            );
            let text = super::actions::capitalise(&app.settings.lang.ta(
                "msg-recorded-as",
                &[
                    ("sale", s(sale)),
                    ("order", s(receipt.order_id.to_string())),
                ],
            ));
            info(app, Severity::Success, text);
            // A parked or queued order just landed: the open-orders list shows it.
            return refresh(app);
        }
        Outcome::Refused(message) => {
            if ours {
                submitted(
                    app,
                    Err(KashError::Refused {
                        endpoint: "webapp".to_string(),
                        message: message.clone(),
                    }),
                );
                return Vec::new();
            }
            let why = app
                .settings
                .lang
                .ta("msg-refused-by-kash", &[("message", s(message.as_str()))]);
            push_attention(app, &event, why);
        }
        Outcome::NeedsCashier(why) => {
            push_attention(app, &event, why.clone());
            if waiting_for_ours {
                provisional(app);
            }
        }
        Outcome::Offline(e) | Outcome::Uncertain(e) => {
            app.connection = if e.is_connectivity() {
                Connection::Offline
            } else {
                Connection::Online
            };
            // The queue is blocked (by this sale or an earlier one): the cashier goes on selling.
            if waiting_for_ours {
                provisional(app);
            }
        }
        Outcome::Settling { .. } => {
            // Looked up, not found yet: the queue goes on, the sale is safe in the journal.
            app.connection = Connection::Online;
            if waiting_for_ours {
                provisional(app);
            }
        }
        Outcome::Double(d) => {
            // A validated order is never changed: the copy is refunded, on one key (Ctrl-W).
            let lang = app.settings.lang;
            let sale = app.sale_label(&event.created_at, event.request.as_deref());
            let orders = [
                ("sale", s(sale)),
                ("kept", s(d.kept_order_id.to_string())),
                ("copy", s(d.second_order_id.to_string())),
            ];
            let text = super::actions::capitalise(&lang.ta("msg-double", &orders));
            if !app
                .attention
                .iter()
                .any(|a| a.double == Some(d.second_order_id))
            {
                app.attention.push(Attention {
                    seq: event.seq,
                    reference: d.reference.clone(),
                    created_at: event.created_at.clone(),
                    request: event.request.as_deref().cloned(),
                    why: lang.ta("attention-double", &orders),
                    double: Some(d.second_order_id),
                });
            }
            alert(app, text);
        }
        Outcome::Sight(sight) => {
            app.sight = Some(sight.clone());
            if matches!(sight, crate::journal::Sight::Blind { .. }) {
                info(
                    app,
                    Severity::Warning,
                    sight.cashier_message_in(app.settings.lang),
                );
            }
        }
        // A part of a split payment waits for its sale: nothing to say.
        Outcome::Waiting => {}
        Outcome::JournalFailed(e) => {
            say(
                app,
                Severity::Error,
                "msg-journal-error",
                &[("error", s(e.clone()))],
            );
            if waiting_for_ours {
                provisional(app);
            }
        }
    }
    Vec::new()
}

fn push_attention(app: &mut App, event: &SenderEvent, why: String) {
    if !app.attention.iter().any(|a| a.seq == event.seq) {
        app.attention.push(Attention {
            seq: event.seq,
            reference: event.reference.clone(),
            created_at: event.created_at.clone(),
            request: event.request.as_deref().cloned(),
            why,
            double: None,
        });
    }
    let n = app.attention.len();
    say(
        app,
        Severity::Warning,
        "msg-need-decision",
        &[("count", crate::i18n::n(n))],
    );
}

/// The sale is safe in the journal but not confirmed yet: a provisional receipt, and the next
/// sale can start. The number will come from the server.
fn provisional(app: &mut App) {
    let Screen::Submitting(submission) = &app.screen else {
        return;
    };
    let submission = submission.clone();
    let change = submission
        .tendered
        .and_then(|t| change_due(submission.total, t));
    app.basket = Basket::default();
    app.tenders.clear();
    app.selected = None;
    app.last_changed = None;
    app.entry.clear();
    app.screen = Screen::Receipt(ReceiptState {
        order_id: None,
        submission,
        change,
        link: None,
    });
    say(app, Severity::Warning, "msg-provisional", &[]);
}

/// The journal's sales waiting for the cashier, read at start: the header counts them and
/// Ctrl-W lists them, as if they had just been reported.
pub fn attention(app: &mut App, result: Result<Vec<Attention>, String>) {
    match result {
        Ok(list) => {
            for a in list {
                if !app.attention.iter().any(|x| x.seq == a.seq) {
                    app.attention.push(a);
                }
            }
        }
        Err(e) => {
            tracing::error!(error = %e, "the journal's sales to settle could not be read");
            let text = app
                .settings
                .lang
                .ta("msg-journal-unreadable", &[("error", s(e))]);
            app.warnings.push(text);
        }
    }
}

/// The cashier's decision on a sale to settle is in the journal, or could not be written.
pub fn resolved(app: &mut App, result: Result<i64, String>) {
    match result {
        Ok(seq) => {
            app.attention.retain(|a| a.seq != seq);
            say(app, Severity::Success, "msg-settled", &[]);
        }
        Err(e) => say(
            app,
            Severity::Error,
            "msg-journal-update-failed",
            &[("error", s(e))],
        ),
    }
}

// ---------------------------------------------------------------- open orders

pub fn tick(app: &mut App, now: OffsetDateTime) {
    app.orders.now = Some(now);
}

pub fn refresh_due(app: &mut App) -> Vec<Effect> {
    if app.screen == Screen::Loading {
        Vec::new()
    } else {
        refresh(app)
    }
}

pub fn customers(app: &mut App, result: Result<Vec<crate::kash::model::Customer>, KashError>) {
    match result {
        Ok(list) => app.orders.customers = list.into(),
        Err(e) => tracing::warn!(error = %e, "customers not loaded"),
    }
    let screen = std::mem::replace(&mut app.screen, Screen::Sale);
    app.screen = match screen {
        Screen::Customers(mut p) => {
            super::screens::customers::research(app, &mut p);
            Screen::Customers(p)
        }
        other => other,
    };
}

/// The orders parked in the journal, not confirmed yet: listed with the open orders.
pub fn journal_parked(app: &mut App, result: Result<Vec<super::state::ParkedInJournal>, String>) {
    match result {
        Ok(mut list) => {
            for p in &mut list {
                if p.total.is_none() {
                    p.total = app.parked_total(&p.lines);
                }
            }
            app.orders.parked_in_journal = list;
        }
        Err(e) => {
            tracing::warn!(error = %e, "journal parked orders not read");
            say(app, Severity::Warning, "msg-parked-journal-unread", &[]);
        }
    }
}

/// The refunds in the journal: kept with the list of orders to refund from.
pub fn journal_refunds(app: &mut App, result: Result<Vec<crate::pos::refund::Refund>, String>) {
    match result {
        Ok(list) => {
            if let Screen::RefundOrders(s) = &mut app.screen {
                s.journal_refunds = list;
            }
        }
        // The server's list still tells what other refunds gave back; said, not hidden.
        Err(e) => {
            tracing::warn!(error = %e, "journal refunds not read");
            say(app, Severity::Warning, "msg-refund-journal-unread", &[]);
        }
    }
}

pub fn validated(app: &mut App, result: Result<Vec<PendingOrder>, KashError>) {
    let Screen::RefundOrders(s) = &mut app.screen else {
        return;
    };
    s.loading = false;
    match result {
        Ok(mut list) => {
            // Newest first; a refund is never refunded, but what it gave back is not offered again.
            list.reverse();
            s.refunds = list
                .iter()
                .filter_map(crate::pos::refund::Refund::from_listed)
                .collect();
            list.retain(|o| !crate::pos::refund::is_refund(o));
            s.orders = list;
        }
        Err(e) => s.error = Some(e.cashier_message_in(app.settings.lang)),
    }
    if let Some(id) = s.preselect.take() {
        match s.orders.iter().position(|o| o.order_id == id) {
            Some(i) => {
                s.selected = i;
                let order = s.orders[i].clone();
                let left = s.left(&order);
                app.screen = Screen::RefundLines(super::screens::refunds::rest(order, left));
                say(
                    app,
                    Severity::Warning,
                    "msg-refund-copy",
                    &[("order", crate::i18n::s(id.to_string()))],
                );
            }
            None if s.error.is_none() => {
                s.error = Some(app.settings.lang.ta(
                    "msg-copy-not-found",
                    &[("order", crate::i18n::s(id.to_string()))],
                ));
            }
            None => {}
        }
    }
}

pub fn pending(
    app: &mut App,
    at: OffsetDateTime,
    result: Result<Vec<PendingOrder>, KashError>,
) -> Vec<Effect> {
    app.orders.pending.refreshing = false;
    if app.orders.now.is_none_or(|n| n < at) {
        app.orders.now = Some(at);
    }
    let list = match result {
        Err(e) => {
            tracing::warn!(error = %e, "open orders not refreshed");
            app.orders.pending.error = Some((e.cashier_message_in(app.settings.lang), at));
            return Vec::new();
        }
        Ok(list) => list,
    };
    let stale = app.orders.pending.changed_meanwhile;
    app.orders.pending.orders = list;
    app.orders.pending.refreshed_at = Some(at);
    app.orders.pending.error = None;
    if stale {
        // The answer may predate a change made here: ask again.
        return refresh(app);
    }
    let lang = app.settings.lang;
    let mut warn = None;
    if let Some(r) = &mut app.orders.recalled {
        if let Some(fresh) = app
            .orders
            .pending
            .orders
            .iter()
            .find(|o| o.order_id == r.order.order_id)
        {
            r.order = fresh.clone();
            r.unsynced_paid = Decimal::ZERO;
            r.gone = false;
        } else {
            if !r.gone && r.due() != Decimal::ZERO {
                warn = Some(lang.ta(
                    "msg-no-longer-open",
                    &[("order", s(lang.order_label(&r.order)))],
                ));
            }
            r.gone = true;
        }
    }
    if let Some(w) = warn {
        info(app, Severity::Warning, capitalise(&w));
    }
    Vec::new()
}

/// The parked order is safe on disk: the new sale starts at once; the order number comes when
/// the sender has delivered it (the open-orders list shows it after the next refresh).
pub fn park_recorded(app: &mut App, result: Result<String, String>) {
    app.screen = Screen::Sale;
    match result {
        Ok(reference) => {
            let table = app
                .orders
                .context
                .table_id
                .map(|t| format!(" ({})", app.table_title(t)))
                .unwrap_or_default();
            // Its number comes from the server later: until then it is the sale of 12:04.
            let sale = app.sale_label_now(app.basket.total());
            tracing::info!(%reference, "parked");
            reset_sale(app);
            app.queue_waiting += 1;
            say(
                app,
                Severity::Success,
                "msg-parked",
                &[("table", s(table)), ("sale", s(sale))],
            );
            app.orders.pending.changed_meanwhile = true;
        }
        Err(e) => {
            let text = app.settings.lang.ta("msg-not-parked", &[("error", s(e))]);
            alert(app, text);
        }
    }
}

/// The answer to a change of the recalled order.
pub fn edited(app: &mut App, result: Result<OrderReceipt, KashError>) -> Vec<Effect> {
    let Screen::Sending { purpose, .. } = &app.screen else {
        return Vec::new();
    };
    let purpose = purpose.clone();
    let lang = app.settings.lang;
    let Some(label) = app
        .orders
        .recalled
        .as_ref()
        .map(|r| capitalise(&lang.order_label(&r.order)))
    else {
        app.screen = Screen::Sale;
        return Vec::new();
    };
    match result {
        Ok(_) => edit_done(app, purpose, &label),
        Err(e) => edit_failed(app, purpose, &label, &e),
    }
    refresh(app)
}

fn edit_done(app: &mut App, purpose: Purpose, label: &str) {
    app.orders.pending.changed_meanwhile = true;
    match purpose {
        Purpose::Park => {}
        Purpose::Send { then_pay } => {
            merge_sent_lines(app);
            if then_pay {
                // An amount typed before the payment key waits in the amount field.
                let amount = if crate::money::parse_decimal(app.entry.trim()).is_some() {
                    std::mem::take(&mut app.entry).trim().to_string()
                } else {
                    String::new()
                };
                app.screen = Screen::OrderPay(PayState {
                    amount,
                    ..PayState::default()
                });
                say(
                    app,
                    Severity::Success,
                    "msg-updated-pay",
                    &[("order", s(label))],
                );
            } else {
                reset_sale(app);
                app.screen = Screen::Sale;
                say(
                    app,
                    Severity::Success,
                    "msg-updated-open",
                    &[("order", s(label))],
                );
            }
        }
        Purpose::Validate => {
            if let Some(r) = &mut app.orders.recalled {
                r.order.validated = true;
            }
            app.screen = Screen::OrderPay(PayState::default());
            say(
                app,
                Severity::Success,
                "msg-validated-pay",
                &[("order", s(label))],
            );
        }
        Purpose::Pay {
            mode_title,
            amount,
            change,
            mut state,
        } => {
            let style = app.settings.money_style;
            let due = if let Some(r) = &mut app.orders.recalled {
                r.order.validated = true;
                r.unsynced_paid += amount;
                r.payments.push((mode_title.clone(), amount));
                r.due()
            } else {
                Decimal::ZERO
            };
            state.amount.clear();
            state.error = None;
            if due.is_zero() {
                state.done = Some(change.unwrap_or(Decimal::ZERO));
                say(
                    app,
                    Severity::Success,
                    "msg-paid-full",
                    &[("order", s(label))],
                );
            } else {
                say(
                    app,
                    Severity::Success,
                    "msg-paid-part",
                    &[
                        ("amount", s(format_money(amount, style))),
                        ("mode", s(mode_title)),
                        ("due", s(format_money(due, style))),
                    ],
                );
            }
            app.screen = Screen::OrderPay(state);
        }
    }
}

fn edit_failed(app: &mut App, purpose: Purpose, label: &str, e: &KashError) {
    let why = e.cashier_message_in(app.settings.lang);
    let l = app.settings.lang;
    // editOrder has no idempotency key, and a payment on a validated order cannot carry our
    // reference: when the answer was lost the change may be on the server. Say so, and let the
    // refresh show the server's paid total before anyone pays again.
    if e.outcome_unknown() {
        let text = l.ta(
            "msg-answer-lost",
            &[("order", s(label)), ("why", s(why.as_str()))],
        );
        if let Purpose::Pay { mut state, .. } = purpose {
            state.error = Some(l.t("msg-outcome-unknown"));
            app.screen = Screen::OrderPay(state);
            info(app, Severity::Warning, text);
        } else {
            app.screen = Screen::Sale;
            alert(app, text);
        }
        return;
    }
    match purpose {
        Purpose::Pay { mut state, .. } => {
            state.error = Some(l.ta("msg-not-recorded", &[("why", s(why.as_str()))]));
            app.screen = Screen::OrderPay(state);
            say(
                app,
                Severity::Error,
                "msg-payment-not-recorded",
                &[("order", s(label))],
            );
        }
        Purpose::Validate => {
            app.screen = Screen::OrderPay(PayState {
                error: Some(l.ta("msg-not-validated-why", &[("why", s(why.as_str()))])),
                ..PayState::default()
            });
            say(
                app,
                Severity::Error,
                "msg-not-validated",
                &[("order", s(label))],
            );
        }
        Purpose::Send { .. } | Purpose::Park => {
            app.screen = Screen::Sale;
            alert(
                app,
                l.ta("msg-not-changed", &[("order", s(label)), ("why", s(why))]),
            );
        }
    }
}

/// After a successful send: the basket's lines are now the order's.
fn merge_sent_lines(app: &mut App) {
    let lines = std::mem::take(&mut app.basket.lines);
    let context = app.orders.context.clone();
    if let Some(r) = &mut app.orders.recalled {
        for l in &lines {
            let id = match l.kind {
                LineKind::Item { id } => id,
                _ => 0,
            };
            r.order.price += l.total();
            r.order.items.push(OrderLine {
                id,
                title: l.display_title(),
                quantity: l.quantity,
                price: l.effective_unit_price(),
                declinaisons: l.variations.iter().map(|(v, _)| *v).collect(),
            });
        }
        r.context_at_recall = context;
    }
    app.selected = None;
    app.last_changed = None;
}

/// The answer to a change of the customer file: the list is read again; a refusal keeps the
/// form (or the confirmation) as it was, with the server's message.
pub fn customer_saved(
    app: &mut App,
    change: super::effect::CustomerChange,
    result: Result<u64, KashError>,
) -> Vec<Effect> {
    use super::effect::CustomerChange;
    use super::screens::customers::research;
    let l = app.settings.lang;
    let id = match result {
        Ok(id) => id,
        Err(e) => {
            note_error(app, &e);
            let text = e.cashier_message_in(l);
            match &mut app.screen {
                Screen::CustomerForm(f) if f.busy => {
                    f.busy = false;
                    f.error = Some(text.clone());
                }
                Screen::CustomerConfirm(c) if c.busy => {
                    c.busy = false;
                    c.error = Some(text.clone());
                }
                _ => {}
            }
            say(
                app,
                Severity::Error,
                "msg-customer-refused",
                &[("error", s(text))],
            );
            return Vec::new();
        }
    };
    app.connection = Connection::Online;
    let name = match (&app.screen, change) {
        (Screen::CustomerForm(f), _) => {
            let v = &f.values;
            format!(
                "{} {}",
                v[super::screen::CF_FIRST_NAME],
                v[super::screen::CF_LAST_NAME]
            )
            .trim()
            .to_string()
        }
        _ => app.orders.customer_name(id),
    };
    let picker = match std::mem::replace(&mut app.screen, Screen::Sale) {
        Screen::CustomerForm(f) if f.busy => Some(f.picker),
        Screen::CustomerConfirm(c) if c.busy => Some(c.picker),
        other => {
            app.screen = other;
            None
        }
    };
    if let Some(mut p) = picker {
        if change == CustomerChange::Deleted(id) {
            if let PickFor::Details(d) = &mut p.back
                && d.customer_id == Some(id)
            {
                d.customer_id = None;
            }
        } else {
            // The customer just saved, selected once the list is read again.
            p.query.clone_from(&name);
            p.select = Some(id);
        }
        research(app, &mut p);
        app.screen = Screen::Customers(p);
    }
    let message = match change {
        CustomerChange::Added => "msg-customer-added",
        CustomerChange::Edited(_) => "msg-customer-edited",
        CustomerChange::Deleted(_) => "msg-customer-deleted",
    };
    say(app, Severity::Success, message, &[("name", s(name))]);
    if change == CustomerChange::Deleted(id) && app.orders.context.customer_id == Some(id) {
        app.orders.context.customer_id = None;
        say(
            app,
            Severity::Warning,
            "msg-customer-deleted-from-sale",
            &[],
        );
    }
    app.orders.customers_requested = true;
    vec![Effect::LoadCustomers]
}

/// A part of the server's day: kept when the reports screen still shows that day.
pub fn sales_report(app: &mut App, day: time::Date, part: super::event::ReportPart) {
    use super::event::ReportPart;
    use super::screen::Fetch;
    let Screen::Reports(state) = &mut app.screen else {
        return;
    };
    if state.day != day {
        return;
    }
    fn fetched<T>(r: Result<T, String>) -> Fetch<T> {
        match r {
            Ok(v) => Fetch::Ready(v),
            Err(e) => Fetch::Failed(e),
        }
    }
    match part {
        ReportPart::Csv(r) => state.csv = fetched(r),
        ReportPart::Std(r) => state.std = fetched(r),
    }
}

/// Bytes of the report being saved.
pub fn save_progress(app: &mut App, received: u64, total: Option<u64>) {
    use super::screen::SaveStep;
    if let Screen::Reports(state) = &mut app.screen
        && let Some(save) = &mut state.save
        && matches!(save.step, SaveStep::Saving { .. })
    {
        save.step = SaveStep::Saving { received, total };
    }
}

/// A report saved, or not: the dialog says so when it is open; the status line always.
pub fn report_saved(app: &mut App, result: Result<std::path::PathBuf, String>) {
    use super::screen::SaveStep;
    let text = match &result {
        Ok(path) => {
            let path = path.display().to_string();
            say(
                app,
                Severity::Info,
                "report-saved",
                &[("path", s(path.clone()))],
            );
            SaveStep::Saved(path)
        }
        Err(e) => {
            info(app, Severity::Error, e.clone());
            SaveStep::Failed(e.clone())
        }
    };
    if let Screen::Reports(state) = &mut app.screen
        && let Some(save) = &mut state.save
        && matches!(save.step, SaveStep::Saving { .. })
    {
        save.step = text;
    }
}

#[cfg(test)]
mod warm_start_tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::app::actions::add_item;
    use crate::app::event::Event;
    use crate::app::state::STARTUP_RESOURCES;
    use crate::app::testing::shop;
    use crate::app::update::{start, update};
    use crate::kash::Listed;
    use crate::kash::model::Item;

    fn listed(items: Vec<Item>) -> Loaded {
        Loaded::Items(Listed {
            items,
            skipped: Vec::new(),
        })
    }

    /// The catalog with the croissant (item 2) at `price` and the baguette (item 1) gone.
    fn fresh(app: &App, price: Decimal) -> Loaded {
        let items = app
            .catalog
            .items()
            .iter()
            .filter(|i| i.id != 1)
            .map(|i| Item {
                price: if i.id == 2 { price } else { i.price },
                ..i.clone()
            })
            .collect();
        listed(items)
    }

    #[test]
    fn a_fresh_catalog_is_swapped_in_and_changed_prices_reprice_the_basket() {
        let mut app = shop();
        assert!(add_item(&mut app, 2, Decimal::ONE).is_none());
        assert!(add_item(&mut app, 1, Decimal::ONE).is_none());
        let mut by_hand = app.basket.lines[0].clone();
        by_hand.unit_price = dec!(0.50);
        by_hand.price_overridden = true;
        app.basket.lines.push(by_hand);
        app.message = None;
        let loaded = fresh(&app, dec!(1.35));
        let effects = update(&mut app, Event::Loaded(ListEndpoint::Items, Ok(loaded)));
        assert!(effects.is_empty());
        assert_eq!(app.catalog.item(2).map(|i| i.price), Some(dec!(1.35)));
        assert!(
            app.catalog.item(1).is_none(),
            "the fresh list replaces the old one whole"
        );
        // The croissant is repriced; the price set by hand and the item gone are left alone.
        let prices: Vec<Decimal> = app.basket.lines.iter().map(|l| l.unit_price).collect();
        assert_eq!(prices, vec![dec!(1.35), dec!(1.30), dec!(0.50)]);
        let message = app
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default();
        assert!(message.contains("1 basket line repriced"), "{message}");
        // The same prices again: nothing repriced, nothing said.
        app.message = None;
        let loaded = fresh(&app, dec!(1.35));
        let _ = update(&mut app, Event::Loaded(ListEndpoint::Items, Ok(loaded)));
        assert!(app.message.is_none());
    }

    /// The catalog of a `BuildCatalog` effect, built as the runner builds it.
    fn build_of(effects: &[Effect]) -> Box<crate::pos::catalog::Catalog> {
        let built: Vec<_> = effects
            .iter()
            .filter_map(|e| match e {
                Effect::BuildCatalog(lists) => Some(Box::new((**lists).clone().build())),
                _ => None,
            })
            .collect();
        assert_eq!(built.len(), 1, "{effects:?}");
        built.into_iter().next().unwrap()
    }

    #[test]
    fn a_big_catalog_is_built_off_the_event_loop_at_start_and_at_a_swap() {
        let ready = shop();
        let mut app = App::new(ready.settings.clone());
        let _ = start(&mut app);
        // Every catalog counts as big here, and a fresh one is built off the event loop too.
        app.staged.in_place_below = Some(0);
        app.staged.swap_off_loop = true;
        let mut effects = Vec::new();
        for (endpoint, loaded) in [
            (ListEndpoint::Items, listed(ready.catalog.items().to_vec())),
            (
                ListEndpoint::Departments,
                Loaded::Departments(Listed {
                    items: ready.catalog.departments().to_vec(),
                    skipped: Vec::new(),
                }),
            ),
            (
                ListEndpoint::PaymentModes,
                Loaded::PaymentModes(Listed {
                    items: ready.lists.payment_modes.clone(),
                    skipped: Vec::new(),
                }),
            ),
        ] {
            effects.extend(update(&mut app, Event::Loaded(endpoint, Ok(loaded))));
        }
        let loaded = [
            ListEndpoint::Items,
            ListEndpoint::Departments,
            ListEndpoint::PaymentModes,
        ];
        for r in STARTUP_RESOURCES.iter().copied() {
            if !loaded.contains(&r) {
                effects.extend(update(
                    &mut app,
                    Event::Loaded(r, Err(KashError::Config("not here".into()))),
                ));
            }
        }
        assert!(effects.is_empty(), "{effects:?}");
        // Continue without the lists that failed: the loading screen stays while it is built.
        let flow = loading::on_key(&mut app, Some(crate::app::keymap::Action::ContinueAnyway));
        assert_eq!(app.screen, Screen::Loading);
        assert!(app.catalog.items().is_empty());
        let catalog = build_of(&flow.effects);
        // Pressed again meanwhile: nothing more is built.
        let again = loading::on_key(&mut app, Some(crate::app::keymap::Action::ContinueAnyway));
        assert!(again.effects.is_empty());
        let _ = update(&mut app, Event::CatalogBuilt(catalog));
        assert_eq!(app.screen, Screen::Sale);
        assert_eq!(app.catalog.items().len(), ready.catalog.items().len());
        assert!(!app.catalog.departments().is_empty());

        // A fresh catalog: built behind, the old one in use until it is here.
        assert!(add_item(&mut app, 2, Decimal::ONE).is_none());
        let before = app.basket.lines[0].unit_price;
        assert_ne!(before, dec!(1.45));
        let loaded = fresh(&app, dec!(1.45));
        let effects = update(&mut app, Event::Loaded(ListEndpoint::Items, Ok(loaded)));
        let catalog = build_of(&effects);
        assert!(
            app.catalog.item(1).is_some(),
            "the old catalog sells meanwhile"
        );
        assert_eq!(app.basket.lines[0].unit_price, before);
        // Fresh departments while it is built, and fresh items again: they wait for it.
        let mut departments = ready.catalog.departments().to_vec();
        departments.truncate(1);
        let waits = update(
            &mut app,
            Event::Loaded(
                ListEndpoint::Departments,
                Ok(Loaded::Departments(Listed {
                    items: departments.clone(),
                    skipped: Vec::new(),
                })),
            ),
        );
        assert!(waits.is_empty());
        let loaded = fresh(&app, dec!(1.50));
        assert!(update(&mut app, Event::Loaded(ListEndpoint::Items, Ok(loaded))).is_empty());
        let next = update(&mut app, Event::CatalogBuilt(catalog));
        assert!(app.catalog.item(1).is_none(), "swapped in whole");
        assert_eq!(app.basket.lines[0].unit_price, dec!(1.45));
        assert_eq!(app.catalog.departments(), &departments[..]);
        // The items that came meanwhile are built next.
        let catalog = build_of(&next);
        assert!(update(&mut app, Event::CatalogBuilt(catalog)).is_empty());
        assert_eq!(app.basket.lines[0].unit_price, dec!(1.50));
        assert_eq!(app.catalog.departments(), &departments[..]);
        assert!(!app.staged.building);
        // By default a fresh catalog is built in place, the old one dropped first.
        app.staged.swap_off_loop = false;
        let loaded = fresh(&app, dec!(1.55));
        assert!(update(&mut app, Event::Loaded(ListEndpoint::Items, Ok(loaded))).is_empty());
        assert_eq!(app.basket.lines[0].unit_price, dec!(1.55));
        // A catalog nobody asked for is not taken.
        let stray = Box::new(crate::pos::catalog::Catalog::default());
        let _ = update(&mut app, Event::CatalogBuilt(stray));
        assert_eq!(app.catalog.items().len(), ready.catalog.items().len() - 1);
    }

    #[test]
    fn the_till_starts_from_its_saved_lists_and_loads_fresh_ones_behind() {
        let ready = shop();
        let mut app = App::new(ready.settings.clone());
        let effects = start(&mut app);
        for r in STARTUP_RESOURCES.iter().copied() {
            assert!(effects.contains(&Effect::LoadSaved(r)), "{r:?}");
        }
        let saved_at = "2026-11-21T18:42:07.000Z".to_string();
        let lists = [
            (ListEndpoint::Items, listed(ready.catalog.items().to_vec())),
            (
                ListEndpoint::Departments,
                Loaded::Departments(Listed {
                    items: ready.catalog.departments().to_vec(),
                    skipped: Vec::new(),
                }),
            ),
            (
                ListEndpoint::PaymentModes,
                Loaded::PaymentModes(Listed {
                    items: ready.lists.payment_modes.clone(),
                    skipped: Vec::new(),
                }),
            ),
        ];
        let mut refreshes = Vec::new();
        for (endpoint, loaded) in lists {
            refreshes.extend(update(
                &mut app,
                Event::LoadedSaved(endpoint, loaded, saved_at.clone()),
            ));
        }
        // Every list saved: the others come from the server at once.
        for r in STARTUP_RESOURCES.iter().copied() {
            if ![
                ListEndpoint::Items,
                ListEndpoint::Departments,
                ListEndpoint::PaymentModes,
            ]
            .contains(&r)
            {
                let _ = update(
                    &mut app,
                    Event::Loaded(r, Err(KashError::Config("not here".into()))),
                );
            }
        }
        assert_eq!(
            refreshes,
            vec![
                Effect::LoadFresh(ListEndpoint::Items),
                Effect::LoadFresh(ListEndpoint::Departments),
                Effect::LoadFresh(ListEndpoint::PaymentModes),
            ]
        );
        // Lists that failed are not required: continue; the sale opens on the saved catalog.
        let flow = loading::on_key(&mut app, Some(crate::app::keymap::Action::ContinueAnyway));
        assert_eq!(flow, crate::app::screen::Flow::sale());
        assert_eq!(app.catalog.items().len(), ready.catalog.items().len());
        assert!(
            app.offline_lists.is_none(),
            "a saved copy is no offline start"
        );
        // The fresh catalog, then a refresh that cannot reach the server.
        assert!(add_item(&mut app, 2, Decimal::ONE).is_none());
        let loaded = fresh(&app, dec!(1.40));
        let _ = update(&mut app, Event::Loaded(ListEndpoint::Items, Ok(loaded)));
        assert_eq!(app.basket.lines[0].unit_price, dec!(1.40));
        assert_eq!(app.connection, Connection::Online);
        // The saved copy is not read again: the till goes on with the one it started from.
        let _ = update(
            &mut app,
            Event::Loaded(
                ListEndpoint::Departments,
                Err(KashError::Unreachable {
                    endpoint: "getDepartments".into(),
                    detail: "no route".into(),
                }),
            ),
        );
        assert_eq!(app.connection, Connection::Offline);
        assert_eq!(app.offline_lists.as_deref(), Some(saved_at.as_str()));
        assert_eq!(app.basket.lines[0].unit_price, dec!(1.40));
    }
}
