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
