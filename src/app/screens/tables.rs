//! The table picker (Ctrl-T): which tables have open orders; Enter sets the sale's table.

use super::super::actions::say;
use super::super::actions::{info, step};
use super::super::keymap::Action;
use super::super::screen::{Flow, Screen};
use super::super::state::{App, Severity};

pub fn on_key(app: &mut App, selected: &mut usize, action: Option<Action>) -> Flow {
    let n = app.lists.tables.len();
    match action {
        Some(Action::Up) => *selected = step(*selected, -1, n),
        Some(Action::Down) => *selected = step(*selected, 1, n),
        Some(Action::Accept) => {
            if let Some(t) = app.lists.tables.get(*selected).cloned() {
                app.orders.context.table_id = Some(t.id);
                let open = app.orders.visible(Some(t.id)).len();
                let text = if open > 0 {
                    app.settings.lang.ta(
                        "msg-table-open-orders",
                        &[
                            ("table", crate::i18n::s(t.title.as_str())),
                            ("count", crate::i18n::n(open)),
                        ],
                    )
                } else {
                    t.title.clone()
                };
                info(app, Severity::Info, text);
            }
            return Flow::sale();
        }
        Some(Action::RemoveLine) => {
            app.orders.context.table_id = None;
            say(app, Severity::Info, "msg-no-table", &[]);
            return Flow::sale();
        }
        Some(Action::OpenOrders) => {
            let table = app.lists.tables.get(*selected).map(|t| t.id);
            return Flow::to(Screen::OpenOrders { selected: 0, table });
        }
        Some(Action::Cancel) => return Flow::sale(),
        _ => {}
    }
    Flow::stay()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::shop;

    #[test]
    fn enter_sets_the_table_and_says_its_open_orders() {
        let mut app = shop();
        let mut selected = 0;
        let flow = on_key(&mut app, &mut selected, Some(Action::Accept));
        assert_eq!(flow, Flow::sale());
        assert_eq!(app.orders.context.table_id, Some(1));
        let text = app
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default();
        assert!(text.contains("1 open order there"), "{text}");
        let _ = on_key(&mut app, &mut selected, Some(Action::RemoveLine));
        assert_eq!(app.orders.context.table_id, None);
    }

    #[test]
    fn o_lists_the_open_orders_of_the_table() {
        let mut app = shop();
        let mut selected = 1;
        let flow = on_key(&mut app, &mut selected, Some(Action::OpenOrders));
        assert_eq!(
            flow,
            Flow::to(Screen::OpenOrders {
                selected: 0,
                table: Some(2)
            })
        );
    }
}
