//! Receipts, kitchen tickets and the drawer, as the till decides them: the receipt is built
//! from the basket once the sale is on disk, finished when the receipt screen shows (number,
//! link, change), printed on the cashier's key (or always, by configuration), reprinted as a
//! duplicate; a parked or recalled order's new lines go to the kitchen once the order is safe;
//! the drawer opens on a cash payment and on its key, each opening journaled. Pure: the
//! printers' threads are the runner's.

use rust_decimal::Decimal;

use crate::i18n::{n, s};
use crate::kash::order::{ItemsListEntry, Order};
use crate::print::layout::{self, KitchenLine, KitchenTicket, Number, Paper, Receipt, ReceiptLine};
use crate::print::{CodePage, Job, ReceiptPolicy, Which, escpos};

use super::actions::say;
use super::effect::Effect;
use super::event::{Event, PrintNote};
use super::screen::{ConfirmKind, Flow, Purpose, Screen};
use super::state::{App, Severity};

/// The paper of the receipt printer, or the one the preview uses without a printer.
pub fn paper(app: &App) -> Paper {
    app.printing.setup.as_ref().map_or_else(
        || Paper {
            width: 42,
            code_page: CodePage::Windows1252,
            header: Vec::new(),
            footer: Vec::new(),
            lang: app.settings.lang,
            style: app.settings.money_style,
        },
        |p| p.paper.clone(),
    )
}

/// The receipt of the basket as it stands, for the sale being sent.
fn build(app: &App) -> Option<Receipt> {
    let Screen::Submitting(sub) = &app.screen else {
        return None;
    };
    let style = app.settings.money_style;
    let rate = |vat_id| app.printing.setup.as_ref().and_then(|p| p.rate(vat_id));
    // With a basket discount, each line with its part of it (as on the wire): the lines add up
    // to the total paid, and the VAT by rate is taken on what was paid.
    let lines = app
        .basket
        .discounted_lines()
        .iter()
        .map(|l| {
            let vat_id = match l.kind {
                crate::pos::basket::LineKind::Item { id } => {
                    app.catalog.item(id).and_then(|i| i.vat_id)
                }
                _ => None,
            };
            ReceiptLine {
                title: l.display_title(),
                quantity: l.quantity,
                unit_price: l.unit_price,
                total: l.total(),
                discount: l.discount.map(|d| d.label(style)),
                vat_rate: rate(vat_id),
            }
        })
        .collect::<Vec<_>>();
    Some(Receipt {
        number: Number::Provisional(sub.reference.clone().unwrap_or_default()),
        at: app.local_now(),
        cashier: app.user_label(),
        table: app.orders.context.table_id.map(|t| app.table_title(t)),
        lines,
        total: sub.total,
        payments: vec![(sub.payment_label.clone(), sub.tendered.unwrap_or(sub.total))],
        change: None,
        link: None,
        duplicate: false,
    })
}

/// The receipt of a recalled order paid here: its lines as the server has them.
fn recalled_receipt(app: &App, r: &crate::pos::sale::Recalled, change: Decimal) -> Receipt {
    let rate = |id: u64| {
        let vat_id = app.catalog.item(id).and_then(|i| i.vat_id);
        app.printing.setup.as_ref().and_then(|p| p.rate(vat_id))
    };
    let lines = r
        .order
        .items
        .iter()
        .map(|l| ReceiptLine {
            title: l.title.clone(),
            quantity: l.quantity,
            unit_price: l.price,
            total: crate::money::round_cents(l.quantity.saturating_mul(l.price)),
            discount: None,
            vat_rate: rate(l.id),
        })
        .collect();
    Receipt {
        number: Number::Order(r.order.order_id),
        at: app.local_now(),
        cashier: app.user_label(),
        table: r.order.table_id.map(|t| app.table_title(t)),
        lines,
        total: r.total(),
        payments: r.payments.clone(),
        change: Some(change).filter(|c| !c.is_zero()),
        link: None,
        duplicate: false,
    }
}

/// The bytes and the job of a receipt.
fn receipt_job(app: &App, receipt: &Receipt) -> Option<Effect> {
    let setup = app.printing.setup.as_ref()?;
    let blocks = layout::receipt(receipt, &setup.paper);
    let label = match &receipt.number {
        Number::Order(id) => app
            .settings
            .lang
            .ta("print-order", &[("order", s(id.to_string()))]),
        Number::Provisional(r) => r.clone(),
    };
    Some(Effect::Print(
        Which::Receipt,
        Box::new(Job {
            label,
            bytes: escpos::encode(&blocks, setup.paper.code_page),
        }),
    ))
}

/// Before `update` handles an event: a parked or recalled order the kitchen waits for is safe
/// (or refused).
pub fn before(app: &mut App, event: &Event) {
    match event {
        Event::ParkRecorded(Ok(_)) => {
            if let Some(mut ticket) = app.printing.kitchen_staged.take() {
                // Its number comes from the server later; the ticket has its time and table
                // (the reference is a wire code, kept in the journal).
                ticket.order = app.settings.lang.t("kitchen-order-parked");
                queue_kitchen(app, &ticket);
            }
        }
        Event::Edited(Ok(_)) => {
            if let Some(ticket) = app.printing.kitchen_staged.take() {
                queue_kitchen(app, &ticket);
            }
            cash_on_recalled_order(app);
        }
        Event::ParkRecorded(Err(_)) | Event::Edited(Err(_)) => app.printing.kitchen_staged = None,
        Event::Delivery(d) => {
            // A provisional receipt's sale landed: a reprint carries its number.
            if let crate::journal::delivery::Outcome::Confirmed(r) = &d.outcome
                && let Some(last) = &mut app.printing.last
                && last.number == Number::Provisional(d.reference.clone())
            {
                last.number = Number::Order(r.order_id);
                if last.link.is_none() {
                    last.link.clone_from(&r.invoice);
                }
            }
        }
        _ => {}
    }
}

/// A cash payment on a recalled order, accepted by Kash.click: the drawer opens.
fn cash_on_recalled_order(app: &mut App) {
    let Screen::Sending {
        purpose: Purpose::Pay { mode_title, .. },
        ..
    } = &app.screen
    else {
        return;
    };
    let cash = app
        .lists
        .payment_modes
        .iter()
        .any(|m| m.title == *mode_title && m.is_cash());
    let Some(order) = app.orders.recalled.as_ref().map(|r| r.order.order_id) else {
        return;
    };
    if cash && app.printing.setup.as_ref().is_some_and(|p| p.drawer) {
        let reference = order.to_string();
        let why = app
            .settings
            .lang
            .ta("drawer-why-cash", &[("reference", s(reference.as_str()))]);
        app.printing.outbox.push(Effect::OpenDrawer {
            who: app.user_label(),
            why,
            reference: Some(reference),
        });
    }
}

fn queue_kitchen(app: &mut App, ticket: &KitchenTicket) {
    let Some((_, paper)) = app.printing.setup.as_ref().and_then(|p| p.kitchen.as_ref()) else {
        return;
    };
    if ticket.lines.is_empty() {
        return;
    }
    let blocks = layout::kitchen(ticket, paper);
    let bytes = escpos::encode(&blocks, paper.code_page);
    app.printing.outbox.push(Effect::Print(
        Which::Kitchen,
        Box::new(Job {
            label: ticket.order.clone(),
            bytes,
        }),
    ));
}

/// The kitchen's lines of an order: titles and variations, no prices.
fn kitchen_lines(app: &App, order: &Order) -> Vec<KitchenLine> {
    order
        .lines
        .iter()
        .map(|l| match l {
            ItemsListEntry::Item {
                id,
                quantity,
                title,
                variations,
                ..
            } => KitchenLine {
                quantity: *quantity,
                title: title.clone().unwrap_or_else(|| {
                    app.catalog
                        .item(*id)
                        .map_or_else(|| format!("#{id}"), |i| i.title.to_string())
                }),
                notes: variations
                    .iter()
                    .filter_map(|v| app.catalog.choice(*v).map(|(_, c)| c.title.clone()))
                    .collect(),
            },
            ItemsListEntry::Department { title, .. } | ItemsListEntry::Free { title, .. } => {
                KitchenLine {
                    quantity: Decimal::ONE,
                    title: title.clone(),
                    notes: Vec::new(),
                }
            }
        })
        .collect()
}

fn ticket(
    app: &App,
    order: &Order,
    label: String,
    table: Option<u64>,
    covers: Option<u32>,
) -> KitchenTicket {
    KitchenTicket {
        at: app.local_now(),
        order: label,
        cashier: app.user_label(),
        table: table.map(|t| app.table_title(t)),
        covers,
        lines: kitchen_lines(app, order),
        comment: order.public_comment.clone(),
    }
}

/// After `update` handled an event: the receipt of the sale on its way, the receipt screen's
/// print, the kitchen's ticket; then the effects produced meanwhile.
pub fn after(app: &mut App, effects: &mut Vec<Effect>) {
    match &app.screen {
        Screen::Submitting(sub) => {
            if let Some(seq) = sub.seq
                && app.printing.staged.as_ref().is_none_or(|(s, _)| *s != seq)
            {
                // On disk: the receipt is built from the basket, and a cash payment opens
                // the drawer now (the change is given whatever the server says).
                let cash = sub.tendered.is_some();
                let reference = sub.reference.clone();
                if let Some(r) = build(app) {
                    app.printing.staged = Some((seq, r));
                }
                if cash && app.printing.setup.as_ref().is_some_and(|p| p.drawer) {
                    let why = app.settings.lang.ta(
                        "drawer-why-cash",
                        &[("reference", s(reference.clone().unwrap_or_default()))],
                    );
                    effects.push(Effect::OpenDrawer {
                        who: app.user_label(),
                        why,
                        reference,
                    });
                }
            }
        }
        Screen::Receipt(r) => {
            if let Some((_, mut receipt)) = app.printing.staged.take() {
                if let Some(id) = r.order_id {
                    receipt.number = Number::Order(id);
                }
                receipt.link.clone_from(&r.link);
                receipt.change = r.change;
                app.printing.last = Some(receipt);
                app.printing.last_printed = false;
                if app
                    .printing
                    .setup
                    .as_ref()
                    .is_some_and(|p| p.receipts == ReceiptPolicy::Always)
                {
                    print_last(app);
                }
            }
        }
        Screen::OrderPay(state) => {
            // A recalled order paid in full: its receipt becomes the last one.
            if let (Some(change), Some(r)) = (state.done, &app.orders.recalled) {
                let number = Number::Order(r.order.order_id);
                let already = app
                    .printing
                    .last
                    .as_ref()
                    .is_some_and(|l| l.number == number);
                if !already {
                    app.printing.last = Some(recalled_receipt(app, r, change));
                    app.printing.last_printed = false;
                    if app
                        .printing
                        .setup
                        .as_ref()
                        .is_some_and(|p| p.receipts == ReceiptPolicy::Always)
                    {
                        print_last(app);
                    }
                }
            }
            app.printing.staged = None;
        }
        _ => app.printing.staged = None,
    }
    if app
        .printing
        .setup
        .as_ref()
        .is_some_and(|p| p.kitchen.is_some())
    {
        for e in effects.iter() {
            match e {
                Effect::Park(order) => {
                    let t = ticket(app, order, String::new(), order.table_id, order.covers);
                    app.printing.kitchen_staged = Some(t);
                }
                Effect::Edit(edit) if !edit.changes.lines.is_empty() => {
                    let recalled = app.orders.recalled.as_ref().map(|r| &r.order);
                    let table = edit
                        .changes
                        .table_id
                        .or_else(|| recalled.and_then(|o| o.table_id));
                    let covers = edit
                        .changes
                        .covers
                        .or_else(|| recalled.and_then(|o| o.covers));
                    let comment = edit.changes.public_comment.clone().or_else(|| {
                        recalled
                            .map(|o| o.public_comment.clone())
                            .filter(|c| !c.is_empty())
                    });
                    let label = app.settings.lang.ta(
                        "kitchen-order-reference",
                        &[("reference", s(edit.order_id.to_string()))],
                    );
                    let mut t = ticket(app, &edit.changes, label, table, covers);
                    t.comment = comment;
                    app.printing.kitchen_staged = Some(t);
                }
                _ => {}
            }
        }
    }
    effects.append(&mut app.printing.outbox);
}

/// Prints the last receipt (a duplicate after the first print).
fn print_last(app: &mut App) -> bool {
    let Some(mut receipt) = app.printing.last.clone() else {
        return false;
    };
    receipt.duplicate = app.printing.last_printed;
    let Some(job) = receipt_job(app, &receipt) else {
        return false;
    };
    app.printing.outbox.push(job);
    app.printing.last_printed = true;
    true
}

/// Ctrl-G: the last receipt, on the customer's request; with documents stuck in the queue,
/// the choice to drop them.
pub fn print_key(app: &mut App) -> Flow {
    let Some(setup) = &app.printing.setup else {
        say(app, Severity::Warning, "msg-print-off", &[]);
        return Flow::stay();
    };
    if app.printing.waiting > 0 && app.printing.error.is_some() {
        return Flow::to(Screen::Confirm(ConfirmKind::DropPrintJobs));
    }
    if setup.receipts == ReceiptPolicy::Never {
        say(app, Severity::Warning, "msg-print-never", &[]);
        return Flow::stay();
    }
    let duplicate = app.printing.last_printed;
    if print_last(app) {
        let id = if duplicate {
            "msg-print-duplicate-queued"
        } else {
            "msg-print-queued"
        };
        say(app, Severity::Info, id, &[]);
    } else {
        say(app, Severity::Warning, "msg-print-nothing", &[]);
    }
    let mut effects = Vec::new();
    effects.append(&mut app.printing.outbox);
    Flow::stay().with(effects)
}

/// Ctrl-D: the drawer, with the typed text as the reason (else "no sale").
pub fn drawer_key(app: &mut App) -> Flow {
    match &app.printing.setup {
        None => {
            say(app, Severity::Warning, "msg-print-off", &[]);
            Flow::stay()
        }
        Some(p) if !p.drawer => {
            say(app, Severity::Warning, "msg-drawer-off", &[]);
            Flow::stay()
        }
        Some(_) => {
            let typed = app.entry.trim().to_string();
            app.entry.clear();
            let why = if typed.is_empty() {
                app.settings.lang.t("drawer-why-key")
            } else {
                typed
            };
            Flow::stay().with(vec![Effect::OpenDrawer {
                who: app.user_label(),
                why,
                reference: None,
            }])
        }
    }
}

/// The printer's and the drawer's news.
pub fn note(app: &mut App, note: PrintNote) {
    match note {
        PrintNote::Queued => {}
        PrintNote::NoPrinter => say(app, Severity::Warning, "msg-print-off", &[]),
        PrintNote::Drawer(Ok(why)) => {
            say(app, Severity::Info, "msg-drawer-opened", &[("why", s(why))]);
        }
        PrintNote::Drawer(Err(error)) => {
            say(
                app,
                Severity::Error,
                "msg-drawer-failed",
                &[("error", s(error))],
            );
        }
        PrintNote::Status(st) => {
            let kitchen = st.printer == "kitchen";
            let printer = app.settings.lang.t(if kitchen {
                "printer-kitchen"
            } else {
                "printer-receipt"
            });
            if kitchen {
                app.printing.kitchen_waiting = st.waiting;
            } else {
                app.printing.waiting = st.waiting;
                app.printing.error.clone_from(&st.error);
            }
            if st.dropped > 0 {
                say(
                    app,
                    Severity::Warning,
                    "msg-print-dropped",
                    &[("count", n(st.dropped))],
                );
            } else if let Some(e) = st.error.clone()
                && st.waiting == 0
            {
                say(
                    app,
                    Severity::Warning,
                    "msg-printer-failed",
                    &[("printer", s(printer)), ("error", s(e))],
                );
            } else if let Some(e) = st.error {
                say(
                    app,
                    Severity::Warning,
                    "msg-printer-waiting",
                    &[
                        ("printer", s(printer)),
                        ("count", n(st.waiting)),
                        ("error", s(e)),
                    ],
                );
            } else if let Some(what) = st.printed
                && app.message.is_none()
            {
                say(app, Severity::Success, "msg-printed", &[("what", s(what))]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::app::testing::{char, shop};
    use crate::app::update::update;
    use crate::print::escpos::render;
    use crate::print::{PrinterSection, Target};

    fn ctrl(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
    }

    fn with_printer(extra: &str) -> App {
        let mut app = shop();
        let section: PrinterSection = toml::from_str(&format!(
            "connection = \"tcp://127.0.0.1:9100\"\nwidth = 32\n{extra}"
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        app.printing.setup = Some(
            section
                .setup(app.settings.lang, app.settings.money_style)
                .unwrap_or_else(|e| panic!("{e}")),
        );
        app
    }

    fn prints(effects: &[Effect]) -> Vec<(Which, String)> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Print(w, job) => Some((*w, render(&job.bytes, CodePage::Windows1252))),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_basket_discount_is_in_the_receipt_lines() {
        use rust_decimal_macros::dec;
        let mut app = shop();
        for code in ["3760000000017", "3760000000024", "3760000000024"] {
            app.entry = code.into();
            let _ = update(
                &mut app,
                Event::Key(crate::app::testing::key(crossterm::event::KeyCode::Enter)),
            );
        }
        app.basket
            .set_discount(crate::pos::basket::LineDiscount::Percent(dec!(10)))
            .unwrap_or_else(|e| panic!("{e:?}"));
        let total = app.basket.total();
        assert_eq!(total, dec!(3.33));
        app.screen = Screen::Submitting(crate::app::screen::Submission {
            payment: crate::kash::order::Payment::Mode(1),
            payment_label: "Espèces".into(),
            total,
            tendered: None,
            seq: Some(1),
            reference: Some("KP-1".into()),
        });
        let r = build(&app).unwrap_or_else(|| panic!());
        // Each line carries its part: they add up to what was paid (and so does the VAT).
        assert_eq!(r.lines.iter().map(|l| l.total).sum::<Decimal>(), total);
        assert_eq!(r.total, total);
        assert!(
            r.lines.iter().all(|l| l.discount.is_some()),
            "{:?}",
            r.lines
        );
    }

    #[test]
    fn without_a_printer_the_keys_say_so_and_nothing_is_sent() {
        let mut app = shop();
        assert!(update(&mut app, ctrl('g')).is_empty());
        assert!(
            app.message
                .as_ref()
                .is_some_and(|m| m.text.contains("[printer]"))
        );
        assert!(update(&mut app, ctrl('d')).is_empty());
    }

    #[test]
    fn ctrl_d_opens_the_drawer_with_the_typed_reason() {
        let mut app = with_printer("drawer = true");
        // The reason, typed on the entry line (letters typed there open the search).
        app.entry = "change for till 2".into();
        let effects = update(&mut app, ctrl('d'));
        assert_eq!(
            effects,
            [Effect::OpenDrawer {
                who: app.user_label(),
                why: "change for till 2".into(),
                reference: None,
            }]
        );
        assert!(app.entry.is_empty());
        let effects = update(&mut app, ctrl('d'));
        assert!(
            matches!(&effects[..], [Effect::OpenDrawer { why, .. }] if why == "no sale (Ctrl-D)"),
            "{effects:?}"
        );
        let mut off = with_printer("drawer = false");
        assert!(update(&mut off, ctrl('d')).is_empty());
    }

    #[test]
    fn receipts_never_means_the_key_prints_nothing() {
        let mut app = with_printer("receipts = \"never\"");
        app.printing.last = Some(Receipt {
            number: Number::Order(1),
            at: app.local_now(),
            cashier: "Marie".into(),
            table: None,
            lines: Vec::new(),
            total: Decimal::ONE,
            payments: Vec::new(),
            change: None,
            link: None,
            duplicate: false,
        });
        assert!(prints(&update(&mut app, ctrl('g'))).is_empty());
        let mut ask = with_printer("");
        ask.printing.last = app.printing.last.clone();
        let first = prints(&update(&mut ask, ctrl('g')));
        let again = prints(&update(&mut ask, ctrl('g')));
        assert!(!first[0].1.contains("DUPLICATE"), "{first:?}");
        assert!(again[0].1.contains("DUPLICATE"), "{again:?}");
    }

    #[test]
    fn a_parked_order_goes_to_the_kitchen_once_it_is_on_disk() {
        let mut app = with_printer("kitchen_tickets = true");
        for c in "1\n".chars() {
            let key = if c == '\n' {
                KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
            } else {
                char(c)
            };
            let _ = update(&mut app, Event::Key(key));
        }
        assert!(!app.basket.is_empty());
        let effects = update(&mut app, ctrl('p'));
        assert!(
            effects.iter().any(|e| matches!(e, Effect::Park(_))),
            "{effects:?}"
        );
        assert!(prints(&effects).is_empty(), "not before the order is safe");
        let effects = update(&mut app, Event::ParkRecorded(Ok("KP-PARKED".into())));
        let printed = prints(&effects);
        assert_eq!(printed.len(), 1, "{effects:?}");
        assert_eq!(printed[0].0, Which::Kitchen);
        assert!(printed[0].1.contains("KITCHEN"), "{}", printed[0].1);
        assert!(printed[0].1.contains("Parked order"), "{}", printed[0].1);
        assert!(
            !printed[0].1.contains("KP-"),
            "no wire code: {}",
            printed[0].1
        );
        assert!(!printed[0].1.contains('€'), "no prices: {}", printed[0].1);
        // A refused park prints nothing.
        let mut refused = with_printer("kitchen_tickets = true");
        let _ = update(&mut refused, Event::Key(char('1')));
        let _ = update(
            &mut refused,
            Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        );
        let _ = update(&mut refused, ctrl('p'));
        assert!(refused.printing.kitchen_staged.is_some());
        let effects = update(&mut refused, Event::ParkRecorded(Err("disk full".into())));
        assert!(prints(&effects).is_empty());
        assert!(refused.printing.kitchen_staged.is_none());
    }

    /// Ctrl-O, Enter: the fixture's first open order (table 1, 2 covers) on the sale screen.
    fn recalled(app: &mut App) {
        let _ = update(app, ctrl('o'));
        let _ = update(
            app,
            Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        );
        assert!(app.orders.recalled.is_some(), "{:?}", app.screen);
        assert_eq!(app.screen, Screen::Sale);
    }

    #[test]
    fn a_recalled_orders_new_lines_go_to_the_kitchen_once_kash_accepts_them() {
        let mut app = with_printer("kitchen_tickets = true");
        recalled(&mut app);
        let _ = update(&mut app, Event::Key(char('1')));
        let _ = update(
            &mut app,
            Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        );
        let effects = update(&mut app, ctrl('p'));
        assert!(
            effects.iter().any(|e| matches!(e, Effect::Edit(_))),
            "{effects:?}"
        );
        let effects = update(
            &mut app,
            Event::Edited(Ok(crate::kash::model::OrderReceipt {
                order_id: 17_724_460,
                payment_link: None,
                invoice: None,
                quote: None,
            })),
        );
        let printed = prints(&effects);
        assert_eq!(printed.len(), 1, "{effects:?}");
        let text = &printed[0].1;
        assert!(text.contains("Order 17724460"), "{text}");
        assert!(text.contains("2 covers"), "{text}");
        // Only the new line: not the order's earlier ones.
        assert!(!text.contains("Entrec"), "{text}");
        assert!(text.contains("Sans gluten"), "the public comment: {text}");
    }

    #[test]
    fn a_recalled_order_paid_in_full_is_the_receipt_ctrl_g_prints() {
        let mut app = with_printer("");
        recalled(&mut app);
        let total = app
            .orders
            .recalled
            .as_ref()
            .map_or(Decimal::ZERO, crate::pos::sale::Recalled::total);
        if let Some(r) = &mut app.orders.recalled {
            r.payments.push(("Espèces".into(), total));
            r.unsynced_paid = total;
        }
        app.screen = Screen::OrderPay(crate::app::screen::PayState {
            done: Some(Decimal::ZERO),
            ..Default::default()
        });
        let _ = update(&mut app, Event::FlashOff);
        assert_eq!(
            app.printing.last.as_ref().map(|l| l.number.clone()),
            Some(Number::Order(17_724_460))
        );
        app.screen = Screen::Sale;
        let printed = prints(&update(&mut app, ctrl('g')));
        assert!(
            printed[0].1.contains("Entrecôte frites"),
            "{}",
            printed[0].1
        );
        assert!(printed[0].1.contains("22,50 €"), "{}", printed[0].1);
    }

    #[test]
    fn a_provisional_receipt_reprints_with_the_number_once_the_sale_lands() {
        let mut app = with_printer("");
        app.printing.last = Some(Receipt {
            number: Number::Provisional("KP-1".into()),
            at: app.local_now(),
            cashier: "Marie".into(),
            table: None,
            lines: Vec::new(),
            total: Decimal::ONE,
            payments: Vec::new(),
            change: None,
            link: None,
            duplicate: false,
        });
        let _ = update(
            &mut app,
            Event::Delivery(crate::journal::delivery::SenderEvent {
                seq: 1,
                reference: "KP-1".into(),
                outcome: crate::journal::delivery::Outcome::Confirmed(
                    crate::kash::model::OrderReceipt {
                        order_id: 42,
                        payment_link: None,
                        invoice: Some("http://x/42.pdf".into()),
                        quote: None,
                    },
                ),
                created_at: String::new(),
                request: None,
                waiting: 0,
                need_attention: 0,
            }),
        );
        let last = app.printing.last.clone().unwrap_or_else(|| panic!());
        assert_eq!(last.number, Number::Order(42));
        assert_eq!(last.link.as_deref(), Some("http://x/42.pdf"));
    }

    #[test]
    fn cash_paid_on_a_recalled_order_opens_the_drawer_once_kash_accepts_it() {
        let mut app = with_printer("drawer = true");
        recalled(&mut app);
        let pay = |mode: &str| Screen::Sending {
            label: String::new(),
            purpose: Purpose::Pay {
                mode_title: mode.into(),
                amount: Decimal::TEN,
                change: None,
                state: crate::app::screen::PayState::default(),
            },
        };
        let ok = || {
            Event::Edited(Ok(crate::kash::model::OrderReceipt {
                order_id: 17_724_460,
                payment_link: None,
                invoice: None,
                quote: None,
            }))
        };
        let cash = app
            .lists
            .payment_modes
            .iter()
            .find(|m| m.is_cash())
            .map(|m| m.title.clone());
        let card = app
            .lists
            .payment_modes
            .iter()
            .find(|m| !m.is_cash())
            .map(|m| m.title.clone());
        app.screen = pay(&cash.unwrap_or_default());
        let effects = update(&mut app, ok());
        assert!(
            effects.iter().any(
                |e| matches!(e, Effect::OpenDrawer { reference: Some(r), .. } if r == "17724460")
            ),
            "{effects:?}"
        );
        recalled_again(&mut app);
        app.screen = pay(&card.unwrap_or_default());
        let effects = update(&mut app, ok());
        assert!(
            !effects
                .iter()
                .any(|e| matches!(e, Effect::OpenDrawer { .. })),
            "{effects:?}"
        );
    }

    fn recalled_again(app: &mut App) {
        if app.orders.recalled.is_none() {
            app.screen = Screen::Sale;
            recalled(app);
        }
    }

    #[test]
    fn the_kitchen_printer_is_its_own_when_set() {
        let app = with_printer("[kitchen]\nconnection = \"tcp://10.0.0.8:9100\"\nwidth = 42");
        let setup = app.printing.setup.unwrap_or_else(|| panic!());
        let (target, paper) = setup.kitchen.unwrap_or_else(|| panic!());
        assert_eq!(target, Target::Tcp("10.0.0.8:9100".into()));
        assert_eq!(paper.width, 42);
    }
}
