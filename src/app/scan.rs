//! Codes, scanned or typed: exact catalog codes first, then check digits, GS1 in-store labels
//! (price or weight), and the other forms of the same code (UPC-A in EAN-13, expanded UPC-E).
//! A scan arrives whatever the cashier is doing: it closes what is open as Esc would, is never
//! typed into a text box, and its Enter never confirms anything.

use rust_decimal::Decimal;

use super::effect::{Effect, Event};
use super::orders::OrdersMode;
use super::state::{App, Mode, Severity};
use super::update::{add_item, info, push_line, split_quantity};
use crate::pos::barcode;

/// Where a code came from: a refused scan opens the unknown-code dialog, a typed one stays in
/// the entry line for correction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Scanned,
    Typed,
}

/// Adds what `code` names. Returns whether the code was taken (an item added or its variation
/// asked for) and the effects to run.
pub fn add_code(
    app: &mut App,
    code: &str,
    quantity: Option<Decimal>,
    source: Source,
) -> (bool, Vec<Effect>) {
    let quantity = quantity.unwrap_or(Decimal::ONE);
    // An exact barcode or item id of the catalog wins over any reading of the code.
    if let Some(item) = app.catalog.lookup_code(code) {
        let id = item.id;
        add_item(app, id, quantity);
        return (true, Vec::new());
    }
    let read = match barcode::read(code) {
        Ok(read) => read,
        Err(e) => {
            app.flash = true;
            info(app, Severity::Error, e.to_string());
            return (false, vec![Effect::EndFlash]);
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
            let mut line = label.basket_line(&item, style);
            if label.weight_kg.is_none() {
                // A price label counts one article; a typed quantity multiplies it.
                line.quantity = quantity;
            }
            push_line(app, line);
            return (true, Vec::new());
        }
    }
    let item = read
        .keys
        .iter()
        .skip(1)
        .find_map(|key| app.catalog.by_barcode(key))
        .map(|i| i.id);
    if let Some(id) = item {
        add_item(app, id, quantity);
        return (true, Vec::new());
    }
    match source {
        Source::Scanned => {
            app.mode = Mode::UnknownCode(code.to_string());
            info(app, Severity::Error, format!("Unknown code {code}"));
        }
        Source::Typed => {
            info(
                app,
                Severity::Error,
                format!("Unknown code {code}: correct it, or type letters to search"),
            );
        }
    }
    (false, Vec::new())
}

/// A complete scan from the scanner, wherever the focus is.
pub fn on_scan(app: &mut App, code: String) -> Vec<Effect> {
    app.flash = false;
    app.alert = None;
    let mut quantity = None;
    match app.mode.clone() {
        Mode::Loading => {
            info(
                app,
                Severity::Warning,
                format!("Scan {code} ignored: the shop is still loading"),
            );
            return Vec::new();
        }
        Mode::Submitting(_) => {
            app.held.push(Event::Scan(code));
            return Vec::new();
        }
        Mode::Sale => {
            // `3*` typed before the scan is its quantity; other typed text stays put.
            if let Ok((Some(q), rest)) = split_quantity(&app.entry)
                && rest.trim().is_empty()
            {
                quantity = Some(q);
                app.entry.clear();
            }
        }
        Mode::Receipt(_) => {
            app.mode = Mode::Sale;
            app.message = None;
        }
        Mode::Orders(m) => match *m {
            OrdersMode::Sending { .. } => {
                // The basket's lines are on their way to the server: the scan waits.
                app.held.push(Event::Scan(code));
                return Vec::new();
            }
            OrdersMode::Details(mut details) => {
                // A customer card where a customer is expected.
                let customer = app
                    .orders
                    .customers
                    .iter()
                    .find(|c| !c.barcode.is_empty() && c.barcode == code)
                    .map(|c| (c.id, c.display_name()));
                if let Some((id, name)) = customer {
                    details.customer_id = Some(id);
                    app.mode = Mode::Orders(Box::new(OrdersMode::Details(details)));
                    info(app, Severity::Success, format!("Customer {name}"));
                    return Vec::new();
                }
                app.mode = Mode::Sale;
            }
            _ => app.mode = Mode::Sale,
        },
        Mode::Variation(v) => {
            let title = app
                .catalog
                .item(v.item_id)
                .map(|i| i.title.clone())
                .unwrap_or_default();
            app.mode = Mode::Sale;
            app.alert = Some(format!(
                "{title} was not added: a scan came before its choice"
            ));
        }
        Mode::Search(_) | Mode::Tender { .. } | Mode::Departments(_) => {
            // What was typed belonged to the dialog the scan closes.
            app.entry.clear();
            app.mode = Mode::Sale;
        }
        Mode::Payment { .. }
        | Mode::LineEdit(_)
        | Mode::Confirm(_)
        | Mode::Help { .. }
        | Mode::UnknownCode(_)
        | Mode::Attention { .. } => app.mode = Mode::Sale,
    }
    // A burst that carries its own quantity (`2*code`, pasted text) is read the same way.
    let (quantity, code) = match split_quantity(&code) {
        Ok((Some(q), rest)) if !rest.trim().is_empty() => (Some(q), rest.trim().to_string()),
        _ => (quantity, code),
    };
    add_code(app, &code, quantity, Source::Scanned).1
}
