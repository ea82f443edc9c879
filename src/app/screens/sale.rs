//! The sale screen: the entry line always has the focus; keys pay, open the dialogs, move in
//! the basket and change its lines; typed letters open the search. The restaurant keys (table,
//! details, park, open orders, refund) start here too.

use crossterm::event::KeyEvent;
use rust_decimal::Decimal;

use crate::kash::order::Payment;
use crate::pos::basket::BasketLine;

use super::super::actions::say;
use super::super::actions::{
    Field, Source, add_code, capitalise, edit, info, refresh, reset_sale, search, split_quantity,
    starts_search,
};
use super::super::keymap::Action;
use super::super::recall::{edit_request, has_changes, refuse_validated, sending};
use super::super::screen::{
    Comment, ConfirmKind, DetailsState, Flow, PayState, Purpose, RefundOrdersState, Screen,
};
use super::super::state::{App, Severity};
use super::{departments, payment};
use crate::i18n;

pub fn on_key(app: &mut App, action: Option<Action>, key: KeyEvent) -> Flow {
    let recalled = app.orders.recalled.is_some();
    match action {
        Some(Action::OpenTables) => open_tables(app),
        Some(Action::OpenOrders) => {
            let mut effects = refresh(app);
            effects.push(super::super::effect::Effect::LoadJournalParked);
            Flow::to(Screen::OpenOrders {
                selected: 0,
                table: None,
            })
            .with(effects)
        }
        Some(Action::OrderDetails) => open_details(app),
        Some(Action::OpenCustomers) => {
            super::customers::open(app, super::super::screen::PickFor::Sale)
        }
        Some(Action::SwitchCashier) => super::cashiers::open(app),
        Some(Action::SignIn) => super::sign_in::open(app),
        Some(Action::Park) => park(app),
        Some(Action::BasketDiscount) => basket_discount(app),
        Some(Action::Refund) => refund(app),
        Some(Action::PrintReceipt) => super::super::printing::print_key(app),
        Some(Action::OpenDrawer) => super::super::printing::drawer_key(app),
        Some(Action::PayWith(n)) if recalled => amount_first_on_recalled(app, usize::from(n))
            .unwrap_or_else(|| open_order_pay(app, usize::from(n))),
        Some(Action::OpenPayment) if recalled => open_order_pay(app, 0),
        // A recalled order whose table or details changed here: asked first, as unsent lines are.
        Some(Action::ClearBasket)
            if app.basket.is_empty()
                && app
                    .orders
                    .recalled
                    .as_ref()
                    .is_some_and(|r| app.orders.context != r.context_at_recall) =>
        {
            Flow::to(Screen::Confirm(ConfirmKind::LeaveRecalled))
        }
        Some(Action::ClearBasket)
            if app.basket.is_empty() && (recalled || !app.orders.context.is_empty()) =>
        {
            let l = app.settings.lang;
            let text = match &app.orders.recalled {
                Some(r) => l.ta(
                    "msg-left-recalled",
                    &[("order", i18n::s(l.order_label(&r.order)))],
                ),
                None => l.t("msg-details-cleared"),
            };
            reset_sale(app);
            info(app, Severity::Info, text);
            Flow::stay()
        }
        Some(Action::PayWith(n)) => payment::pay_with(app, usize::from(n)),
        Some(Action::OpenPayment) => {
            if app.basket.is_empty() {
                say(app, Severity::Warning, "msg-basket-empty", &[]);
                Flow::stay()
            } else {
                Flow::to(Screen::Payment { selected: 0 })
            }
        }
        Some(Action::OpenDepartments) => departments::open(app),
        Some(Action::OpenAttention) => {
            if app.attention.is_empty() {
                say(app, Severity::Info, "msg-no-attention", &[]);
                Flow::stay()
            } else {
                app.entry.clear();
                Flow::to(Screen::Attention { selected: 0 })
            }
        }
        Some(Action::OpenShift) => super::shift::open(),
        Some(Action::OpenReports) => super::reports::open(app),
        Some(Action::MessageLog) => Flow::to(Screen::MessageLog {
            previous: Box::new(Screen::Sale),
            scroll: 0,
        }),
        Some(Action::OpenHelp) => Flow::to(Screen::Help {
            previous: Box::new(Screen::Sale),
            scroll: 0,
        }),
        Some(Action::Quit) => {
            if app.basket.is_empty() {
                app.quit = true;
                Flow::stay()
            } else {
                Flow::to(Screen::Confirm(ConfirmKind::Quit))
            }
        }
        Some(Action::ClearBasket) => {
            if app.basket.is_empty() {
                Flow::stay()
            } else {
                Flow::to(Screen::Confirm(ConfirmKind::ClearBasket))
            }
        }
        Some(Action::Up) => {
            let n = app.basket.lines.len();
            if n > 0 {
                app.selected = Some(app.selected.map_or(n - 1, |s| s.saturating_sub(1)));
            }
            Flow::stay()
        }
        Some(Action::Down) => {
            let n = app.basket.lines.len();
            if n > 0 {
                app.selected = Some(app.selected.map_or(0, |s| (s + 1).min(n - 1)));
            }
            Flow::stay()
        }
        Some(Action::Cancel) => {
            if app.entry.is_empty() {
                app.selected = None;
            } else {
                app.entry.clear();
            }
            app.message = None;
            Flow::stay()
        }
        Some(Action::Accept) => accept_entry(app),
        Some(Action::RemoveLine) => {
            remove_selected(app);
            Flow::stay()
        }
        Some(Action::QuantityPlus) => {
            step_quantity(app, Decimal::ONE);
            Flow::stay()
        }
        Some(Action::QuantityMinus) => {
            step_quantity(app, Decimal::NEGATIVE_ONE);
            Flow::stay()
        }
        Some(_) => Flow::stay(),
        None => {
            if edit(&mut app.entry, &key, Field::Text)
                && let Ok((quantity, rest)) = split_quantity(&app.entry)
                && starts_search(rest)
            {
                return Flow::to(search(app, quantity, rest));
            }
            Flow::stay()
        }
    }
}

/// Removes the selected line, else the line changed last (highlighted), as `+` and `-` do
/// (also from the line editor's Del).
pub fn remove_selected(app: &mut App) {
    let Some(i) = app.selected.or(app.last_changed) else {
        say(app, Severity::Warning, "msg-select-line", &[]);
        return;
    };
    if let Some(line) = app.basket.remove(i) {
        say(
            app,
            Severity::Info,
            "msg-removed",
            &[("title", i18n::s(line.display_title()))],
        );
    }
    app.selected = if app.basket.is_empty() {
        None
    } else {
        Some(i.min(app.basket.lines.len() - 1))
    };
    app.last_changed = None;
}

fn step_quantity(app: &mut App, step: Decimal) {
    let Some(i) = app.selected.or(app.last_changed) else {
        say(app, Severity::Warning, "msg-select-line", &[]);
        return;
    };
    let Some(line) = app.basket.lines.get_mut(i) else {
        return;
    };
    if !line.quantity.fract().is_zero() {
        say(app, Severity::Warning, "msg-weighed-line", &[]);
        return;
    }
    let Some(new) = line.quantity.checked_add(step) else {
        return;
    };
    if new.is_zero() {
        say(app, Severity::Warning, "msg-quantity-zero", &[]);
        return;
    }
    let candidate = BasketLine {
        quantity: new,
        ..line.clone()
    };
    if let Err(e) = app.limits.check(&candidate) {
        let text = e.message_in(app.settings.money_style, app.settings.lang);
        info(app, Severity::Error, text);
        return;
    }
    line.quantity = new;
    app.last_changed = Some(i);
}

fn accept_entry(app: &mut App) -> Flow {
    let entry = app.entry.trim().to_string();
    if entry.is_empty() {
        return Flow::from(app.selected.and_then(|i| line_edit(app, i)));
    }
    let (quantity, code) = match split_quantity(&entry) {
        Ok(v) => v,
        Err(m) => {
            info(app, Severity::Error, m);
            return Flow::stay();
        }
    };
    let code = code.trim();
    if code.is_empty() {
        say(app, Severity::Warning, "msg-quantity-set", &[]);
        return Flow::stay();
    }
    let (taken, flow) = add_code(app, code, quantity, Source::Typed);
    if taken {
        app.entry.clear();
    }
    flow
}

/// The line editor on line `index`.
fn line_edit(app: &App, index: usize) -> Option<Screen> {
    super::super::actions::line_editor(app, index, 0)
}

fn open_tables(app: &mut App) -> Flow {
    if app.lists.tables.is_empty() {
        say(app, Severity::Warning, "msg-no-tables", &[]);
        return Flow::stay();
    }
    let selected = app
        .orders
        .context
        .table_id
        .and_then(|t| app.lists.tables.iter().position(|x| x.id == t))
        .unwrap_or(0);
    app.table_typed.clear();
    Flow::to(Screen::Tables { selected }).with(refresh(app))
}

fn open_details(app: &mut App) -> Flow {
    if let Some(r) = &app.orders.recalled
        && r.order.validated
    {
        let l = app.settings.lang;
        let text = l.ta(
            "msg-cannot-change",
            &[
                ("order", i18n::s(capitalise(&l.order_label(&r.order)))),
                ("law", i18n::s(l.t("msg-law"))),
            ],
        );
        super::super::actions::alert(app, text);
        return Flow::stay();
    }
    let c = &app.orders.context;
    Flow::to(Screen::Details(Box::new(DetailsState {
        field: 0,
        covers: c.covers.map(|n| n.to_string()).unwrap_or_default(),
        pager: c.pager.map(|n| n.to_string()).unwrap_or_default(),
        delivery: c.delivery,
        customer_id: c.customer_id,
        new_customer: c.new_customer.clone(),
        confirmed: None,
        public_comment: Comment::new(&c.public_comment),
        // The till's tags are wire codes: hidden here, put back when the details are set.
        private_comment: Comment::new(&crate::pos::sale::comment_without_tags(&c.private_comment)),
        error: None,
    })))
}

/// Ctrl-F: a discount on the whole basket, typed first (`10%` or `5`), spread over the lines
/// to the cent; on an empty entry, the basket's discount goes.
fn basket_discount(app: &mut App) -> Flow {
    use crate::pos::basket::{BasketDiscountError, LineDiscount};
    let typed = app.entry.trim().to_string();
    if app.orders.recalled.is_some() {
        say(app, Severity::Warning, "msg-basket-discount-recalled", &[]);
        return Flow::stay();
    }
    if !app.tenders.is_empty() {
        say(app, Severity::Warning, "msg-basket-discount-paying", &[]);
        return Flow::stay();
    }
    if typed.is_empty() {
        if app.basket.discount.take().is_some() {
            let total = crate::money::format_money(app.basket.total(), app.settings.money_style);
            say(
                app,
                Severity::Info,
                "msg-basket-discount-removed",
                &[("total", i18n::s(total))],
            );
        } else {
            say(app, Severity::Info, "msg-basket-discount-how", &[]);
        }
        return Flow::stay();
    }
    let style = app.settings.money_style;
    let Some(discount) = LineDiscount::parse(&typed) else {
        say(
            app,
            Severity::Warning,
            "msg-basket-discount-unreadable",
            &[("text", i18n::s(typed))],
        );
        return Flow::stay();
    };
    match app.basket.set_discount(discount) {
        Ok(()) => {
            app.entry.clear();
            let off = crate::money::format_money(app.basket.discount_amount(), style);
            let total = crate::money::format_money(app.basket.total(), style);
            say(
                app,
                Severity::Success,
                "msg-basket-discount-set",
                &[("off", i18n::s(off)), ("total", i18n::s(total))],
            );
        }
        Err(BasketDiscountError::NothingToDiscount) => {
            say(app, Severity::Warning, "msg-basket-discount-nothing", &[]);
        }
        Err(BasketDiscountError::LargerThanTheBasket) => {
            let total = crate::money::format_money(app.basket.subtotal(), style);
            say(
                app,
                Severity::Warning,
                "msg-basket-discount-too-large",
                &[("total", i18n::s(total))],
            );
        }
    }
    Flow::stay()
}

/// Ctrl-P: the sale goes to the server open (-2) and a new sale starts; on a recalled order,
/// its new lines and details are sent and it stays open.
fn park(app: &mut App) -> Flow {
    if let Some(r) = app.orders.recalled.clone() {
        if refuse_validated(app) {
            return Flow::stay();
        }
        if !has_changes(app) {
            reset_sale(app);
            let order = capitalise(&app.settings.lang.order_label(&r.order));
            say(
                app,
                Severity::Info,
                "msg-left-open",
                &[("order", i18n::s(order))],
            );
            return Flow::stay();
        }
        let Some(edit) = edit_request(app, Payment::Open, None, true) else {
            return Flow::stay();
        };
        return sending(
            app,
            app.settings.lang.ta(
                "msg-sending-to",
                &[("order", i18n::s(app.settings.lang.order_label(&r.order)))],
            ),
            Purpose::Send { then_pay: false },
            edit,
        );
    }
    if app.basket.is_empty() {
        say(app, Severity::Warning, "msg-nothing-to-park", &[]);
        return Flow::stay();
    }
    let order = super::super::actions::build_order(app, Payment::Open);
    say(app, Severity::Info, "msg-parking", &[]);
    Flow::to(Screen::Sending {
        label: app.settings.lang.t("msg-parking-label"),
        purpose: Purpose::Park,
    })
    .with(vec![super::super::effect::Effect::Park(Box::new(order))])
}

/// An amount typed, then F1…F8 on a recalled order with nothing new to send: that amount
/// with that mode at once, as on a new sale (`20` F1). With new lines to send first, the
/// amount waits on the payments screen (`None`: the usual way).
fn amount_first_on_recalled(app: &mut App, index: usize) -> Option<Flow> {
    let typed = app.entry.trim().to_string();
    if typed.is_empty() || has_changes(app) {
        return None;
    }
    crate::money::parse_decimal(&typed)?;
    app.entry.clear();
    let mut s = PayState {
        selected: index,
        amount: typed,
        ..PayState::default()
    };
    let flow = super::order_pay::pay(app, &mut s, index);
    // Refused on the spot (over what is due on a card…): said on the payments screen.
    Some(if flow.next.is_none() && flow.effects.is_empty() {
        Flow::to(Screen::OrderPay(s))
    } else {
        flow
    })
}

/// F9 or F1…F8 on a recalled order: its new lines go first, then its payments screen.
fn open_order_pay(app: &mut App, selected: usize) -> Flow {
    if has_changes(app) {
        if refuse_validated(app) {
            return Flow::stay();
        }
        let Some(edit) = edit_request(app, Payment::Open, None, true) else {
            return Flow::stay();
        };
        let label = app
            .orders
            .recalled
            .as_ref()
            .map(|r| app.settings.lang.order_label(&r.order))
            .unwrap_or_default();
        return sending(
            app,
            app.settings
                .lang
                .ta("msg-sending-new-lines", &[("order", i18n::s(label))]),
            Purpose::Send { then_pay: true },
            edit,
        );
    }
    let n = app.lists.payment_modes.len();
    // An amount typed before the key waits in the amount field.
    let amount = if crate::money::parse_decimal(app.entry.trim()).is_some() {
        std::mem::take(&mut app.entry).trim().to_string()
    } else {
        String::new()
    };
    Flow::to(Screen::OrderPay(PayState {
        selected: selected.min(n.saturating_sub(1)),
        amount,
        ..PayState::default()
    }))
}

/// Ctrl-R: on a basket, negates it; on an empty one, lists the validated orders to refund.
fn refund(app: &mut App) -> Flow {
    if app.orders.recalled.is_some() {
        say(app, Severity::Warning, "msg-leave-recalled-first", &[]);
        return Flow::stay();
    }
    if !app.basket.is_empty() {
        return Flow::to(Screen::Confirm(ConfirmKind::Negate));
    }
    Flow::to(Screen::RefundOrders(RefundOrdersState {
        loading: true,
        ..RefundOrdersState::default()
    }))
    .with(vec![
        super::super::effect::Effect::LoadJournalRefunds,
        super::super::effect::Effect::LoadValidated,
    ])
}

/// Every quantity of the basket changes sign: a refund, or a sale again (asked first).
pub fn negate(app: &mut App) {
    for l in &mut app.basket.lines {
        l.quantity = -l.quantity;
    }
    let id = if app.basket.total() < Decimal::ZERO {
        "msg-negated"
    } else {
        "msg-positive-again"
    };
    say(app, Severity::Info, id, &[]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::Settings;
    use crate::money::MoneyStyle;
    use crate::pos::basket::BasketLine;
    use rust_decimal_macros::dec;

    fn app() -> App {
        let mut app = App::new(Settings {
            shop_id: "t".into(),
            demo: true,
            user_id: None,
            cashbox_id: None,
            money_style: MoneyStyle::French,
            lang: crate::i18n::Lang::En,
            theme: crate::look::Theme::Default,
            utc_offset: time::UtcOffset::UTC,
            in_store: Vec::new(),
        });
        app.screen = Screen::Sale;
        app
    }

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        )
    }

    #[test]
    fn letters_open_the_search_digits_stay_in_the_entry() {
        let mut app = app();
        assert_eq!(on_key(&mut app, None, key('3')), Flow::stay());
        assert_eq!(app.entry, "3");
        let flow = on_key(&mut app, None, key('*'));
        assert_eq!(flow, Flow::stay());
        let flow = on_key(&mut app, None, key('c'));
        assert!(matches!(flow.next, Some(Screen::Search(s)) if s.quantity == Some(dec!(3))));
    }

    #[test]
    fn digits_then_a_letter_are_a_name_and_a_typed_code_found_nowhere_is_searched() {
        let mut app = crate::app::testing::shop();
        for c in "7u".chars() {
            let flow = on_key(&mut app, None, key(c));
            if c == 'u' {
                assert!(matches!(flow.next, Some(Screen::Search(_))), "{flow:?}");
            } else {
                assert_eq!(flow, Flow::stay());
            }
        }
        // A code of no item: the items whose codes start with it, the entry kept as the query.
        let mut app = crate::app::testing::shop();
        app.entry = "2*376000000".to_string();
        let flow = on_key(&mut app, Some(Action::Accept), key('\n'));
        let Some(Screen::Search(found)) = flow.next else {
            panic!("{flow:?}");
        };
        assert_eq!(found.quantity, Some(dec!(2)));
        assert!(found.results.len() > 1, "{:?}", found.results);
        assert_eq!(app.entry, "2*376000000");
        assert!(app.basket.is_empty());
        // A whole barcode is still added at once.
        app.entry = "3760000000024".to_string();
        let flow = on_key(&mut app, Some(Action::Accept), key('\n'));
        assert_eq!(flow.next, None);
        assert_eq!(app.basket.lines.len(), 1);
        // Nothing matches: the code is unknown, as before.
        app.entry = "555".to_string();
        let flow = on_key(&mut app, Some(Action::Accept), key('\n'));
        assert_eq!(flow.next, None);
        assert_eq!(app.entry, "555");
        assert_eq!(app.basket.lines.len(), 1);
    }

    #[test]
    fn quit_asks_only_when_the_basket_has_lines() {
        let mut app = app();
        let _ = on_key(&mut app, Some(Action::Quit), key('q'));
        assert!(app.quit);
        let mut app = self::app();
        app.basket.add(BasketLine::free(None, dec!(2), Some("x")));
        let flow = on_key(&mut app, Some(Action::Quit), key('q'));
        assert_eq!(flow, Flow::to(Screen::Confirm(ConfirmKind::Quit)));
        assert!(!app.quit);
    }

    #[test]
    fn plus_and_minus_never_reach_zero() {
        let mut app = app();
        app.basket.add(BasketLine::free(None, dec!(2), None));
        app.selected = Some(0);
        let _ = on_key(&mut app, Some(Action::QuantityPlus), key('+'));
        assert_eq!(app.basket.lines[0].quantity, dec!(2));
        let _ = on_key(&mut app, Some(Action::QuantityMinus), key('-'));
        let _ = on_key(&mut app, Some(Action::QuantityMinus), key('-'));
        assert_eq!(app.basket.lines[0].quantity, dec!(1));
        assert!(
            app.message
                .as_ref()
                .is_some_and(|m| m.text.contains("Del removes"))
        );
    }

    #[test]
    fn refund_negates_then_restores_the_basket() {
        let mut app = app();
        app.basket.add(BasketLine::free(None, dec!(5), None));
        // Asked first: nothing changes before the answer.
        let flow = on_key(&mut app, Some(Action::Refund), key('r'));
        assert_eq!(flow, Flow::to(Screen::Confirm(ConfirmKind::Negate)));
        assert_eq!(app.basket.total(), dec!(5));
        let _ = super::super::confirm::on_key(&mut app, ConfirmKind::Negate, Some(Action::Accept));
        assert_eq!(app.basket.total(), dec!(-5));
        let _ = on_key(&mut app, Some(Action::Refund), key('r'));
        let _ = super::super::confirm::on_key(&mut app, ConfirmKind::Negate, Some(Action::Accept));
        assert_eq!(app.basket.total(), dec!(5));
    }
}
