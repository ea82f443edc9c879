//! The open orders (Ctrl-O), refreshed in the background; filter by table, recall one to add
//! lines or pay it.

use crate::kash::model::PendingOrder;
use crate::pos::sale::Recalled;

use super::super::actions::say;
use super::super::actions::{capitalise, info, refresh, step};
use super::super::keymap::Action;
use super::super::screen::Flow;
use super::super::state::{App, Severity};

pub fn on_key(
    app: &mut App,
    selected: &mut usize,
    table: &mut Option<u64>,
    action: Option<Action>,
) -> Flow {
    let listed = app.orders.visible(*table).len();
    let n = listed + app.orders.parked_visible(*table).len();
    *selected = step(*selected, 0, n);
    match action {
        Some(Action::Up) => *selected = step(*selected, -1, n),
        Some(Action::Down) => *selected = step(*selected, 1, n),
        Some(Action::FilterTable) => {
            let ids: Vec<u64> = app.lists.tables.iter().map(|t| t.id).collect();
            *table = match table.and_then(|t| ids.iter().position(|x| *x == t)) {
                None => ids.first().copied(),
                Some(i) => ids.get(i + 1).copied(),
            };
            *selected = 0;
        }
        Some(Action::Refresh) => {
            let mut effects = refresh(app);
            if effects.is_empty() {
                say(app, Severity::Info, "msg-refresh-under-way", &[]);
            }
            effects.push(super::super::effect::Effect::LoadJournalParked);
            return Flow::stay().with(effects);
        }
        Some(Action::RemoveLine) => {
            if let Some(o) = app.orders.visible(*table).get(*selected) {
                let l = app.settings.lang;
                let order = crate::i18n::s(capitalise(&l.order_label(o)));
                let text = if o.validated {
                    l.ta(
                        "msg-is-validated-law",
                        &[("order", order), ("law", crate::i18n::s(l.t("msg-law")))],
                    )
                } else {
                    l.ta("msg-stays-open", &[("order", order)])
                };
                info(app, Severity::Warning, text);
            }
        }
        Some(Action::Accept) if *selected >= listed => {
            if let Some(p) = app.orders.parked_visible(*table).get(*selected - listed) {
                let text = not_yet_recorded(app, p);
                info(app, Severity::Warning, text);
            }
        }
        Some(Action::Accept) => {
            let Some(order) = app
                .orders
                .visible(*table)
                .get(*selected)
                .map(|o| (*o).clone())
            else {
                say(app, Severity::Warning, "msg-nothing-to-recall", &[]);
                return Flow::stay();
            };
            return recall(app, order);
        }
        Some(Action::Cancel) => return Flow::sale(),
        _ => {}
    }
    Flow::stay()
}

/// Why an order parked in the journal cannot be recalled yet: its time, total and state.
fn not_yet_recorded(app: &App, p: &crate::app::state::ParkedInJournal) -> String {
    let l = app.settings.lang;
    let style = app.settings.money_style;
    l.ta(
        "msg-parked-not-yet",
        &[
            ("time", crate::i18n::s(local_time(app, &p.created_at))),
            (
                "total",
                crate::i18n::s(
                    p.total
                        .map(|t| crate::money::format_money(t, style))
                        .unwrap_or_default(),
                ),
            ),
            ("state", crate::i18n::s(l.t(p.state_message()))),
        ],
    )
}

/// "12:04", the local time of an RFC 3339 instant (the text as is when unreadable).
pub fn local_time(app: &App, rfc3339: &str) -> String {
    app.clock_time(rfc3339)
}

/// Brings an open order back to the sale screen: its lines read-only, new lines in the basket.
fn recall(app: &mut App, order: PendingOrder) -> Flow {
    if !app.basket.is_empty() {
        say(app, Severity::Warning, "msg-park-before-recall", &[]);
        return Flow::stay();
    }
    let validated = order.validated;
    let r = Recalled::new(order);
    let label = capitalise(&app.settings.lang.order_label(&r.order));
    app.orders.context = r.context_at_recall.clone();
    app.orders.recalled = Some(r);
    let id = if validated {
        "msg-recalled-validated"
    } else {
        "msg-recalled"
    };
    say(app, Severity::Info, id, &[("order", crate::i18n::s(label))]);
    Flow::sale()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::shop;
    use crate::pos::basket::BasketLine;
    use rust_decimal_macros::dec;

    #[test]
    fn recall_brings_the_order_and_its_context_to_the_sale() {
        let mut app = shop();
        let (mut selected, mut table) = (0, None);
        let flow = on_key(&mut app, &mut selected, &mut table, Some(Action::Accept));
        assert_eq!(flow, Flow::sale());
        let r = app.orders.recalled.as_ref().map(|r| r.order.order_id);
        assert_eq!(r, Some(17_724_460));
        assert_eq!(app.orders.context.table_id, Some(1));
        assert_eq!(app.orders.context.public_comment, "Sans gluten");
    }

    #[test]
    fn a_sale_in_progress_is_never_mixed_with_a_recalled_order() {
        let mut app = shop();
        app.basket.add(BasketLine::free(None, dec!(2), None));
        let (mut selected, mut table) = (0, None);
        let flow = on_key(&mut app, &mut selected, &mut table, Some(Action::Accept));
        assert_eq!(flow, Flow::stay());
        assert!(app.orders.recalled.is_none());
    }

    #[test]
    fn t_filters_by_each_table_then_all() {
        let mut app = shop();
        let (mut selected, mut table) = (0, None);
        for expected in [Some(1), Some(2), None] {
            let _ = on_key(
                &mut app,
                &mut selected,
                &mut table,
                Some(Action::FilterTable),
            );
            assert_eq!(table, expected);
        }
    }
}
