//! The table picker (Ctrl-T): which tables have open orders; Enter sets the sale's table.

use super::super::actions::say;
use super::super::actions::{info, step};
use super::super::keymap::Action;
use super::super::screen::{Flow, Screen};
use super::super::state::{App, Severity};

/// The table a number typed on the picker names: the one whose title's number is it (`Table
/// 12`, `T12`), else whose title starts with it, else whose id is it.
pub fn table_for(app: &App, typed: &str) -> Option<usize> {
    let tables = &app.lists.tables;
    let number = |title: &str| -> Option<String> {
        let digits: String = title
            .chars()
            .rev()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(char::is_ascii_digit)
            .collect();
        (!digits.is_empty()).then(|| digits.chars().rev().collect::<String>())
    };
    let trimmed = typed.trim_start_matches('0');
    tables
        .iter()
        .position(|t| number(&t.title).is_some_and(|n| n.trim_start_matches('0') == trimmed))
        .or_else(|| tables.iter().position(|t| t.title.starts_with(typed)))
        .or_else(|| tables.iter().position(|t| t.id.to_string() == typed))
}

pub fn on_key(
    app: &mut App,
    selected: &mut usize,
    action: Option<Action>,
    key: crossterm::event::KeyEvent,
) -> Flow {
    let n = app.lists.tables.len();
    // Digits (bound in the keymap) choose a table by its number: each digit narrows,
    // Backspace takes one back.
    if let Some(Action::TableDigit(n)) = action {
        let Some(c) = char::from_digit((u32::from(n) + 1) % 10, 10) else {
            return Flow::stay();
        };
        app.table_typed.push(c);
        let typed = app.table_typed.clone();
        if let Some(i) = table_for(app, &typed) {
            *selected = i;
        } else {
            say(
                app,
                Severity::Warning,
                "msg-no-table-numbered",
                &[("number", crate::i18n::s(typed))],
            );
            app.table_typed.clear();
        }
        return Flow::stay();
    }
    if key.code == crossterm::event::KeyCode::Backspace && action.is_none() {
        app.table_typed.pop();
        let typed = app.table_typed.clone();
        if let Some(i) = table_for(app, &typed).filter(|_| !typed.is_empty()) {
            *selected = i;
        }
        return Flow::stay();
    }
    if action.is_some() {
        app.table_typed.clear();
    }
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
    fn digits_choose_a_table_by_its_number() {
        use crate::app::testing::key;
        use crossterm::event::KeyCode;
        let mut app = shop();
        let mut selected = 0;
        // The digits are the keymap's (so the help lists them).
        let digit = |app: &App, c: char| {
            crate::app::keymap::lookup(
                app.keymap,
                crate::app::keymap::Context::Tables,
                &key(KeyCode::Char(c)),
            )
        };
        assert_eq!(digit(&app, '0'), Some(Action::TableDigit(9)));
        let two = digit(&app, '2');
        let _ = on_key(&mut app, &mut selected, two, key(KeyCode::Char('2')));
        assert_eq!(selected, 1, "{:?}", app.lists.tables);
        assert_eq!(app.table_typed, "2");
        let flow = on_key(
            &mut app,
            &mut selected,
            Some(Action::Accept),
            key(KeyCode::Enter),
        );
        assert_eq!(flow, Flow::sale());
        assert_eq!(app.orders.context.table_id, Some(app.lists.tables[1].id));
        // A number no table has is said, and the selection stays.
        let nine = digit(&app, '9');
        let _ = on_key(&mut app, &mut selected, nine, key(KeyCode::Char('9')));
        assert_eq!(selected, 1);
        assert!(app.table_typed.is_empty());
        let said = app
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default();
        assert!(said.contains('9'), "{said}");
    }

    #[test]
    fn enter_sets_the_table_and_says_its_open_orders() {
        let mut app = shop();
        let mut selected = 0;
        let flow = on_key(
            &mut app,
            &mut selected,
            Some(Action::Accept),
            crate::app::testing::key(crossterm::event::KeyCode::Enter),
        );
        assert_eq!(flow, Flow::sale());
        assert_eq!(app.orders.context.table_id, Some(1));
        let text = app
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default();
        assert!(text.contains("1 open order there"), "{text}");
        let _ = on_key(
            &mut app,
            &mut selected,
            Some(Action::RemoveLine),
            crate::app::testing::key(crossterm::event::KeyCode::Delete),
        );
        assert_eq!(app.orders.context.table_id, None);
    }

    #[test]
    fn o_lists_the_open_orders_of_the_table() {
        let mut app = shop();
        let mut selected = 1;
        let flow = on_key(
            &mut app,
            &mut selected,
            Some(Action::OpenOrders),
            crate::app::testing::key(crossterm::event::KeyCode::Char('o')),
        );
        assert_eq!(
            flow,
            Flow::to(Screen::OpenOrders {
                selected: 0,
                table: Some(2)
            })
        );
    }
}
