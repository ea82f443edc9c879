//! Department browse (F10): the departments, then a department's items; an amount typed and
//! Enter is a free line in the department.

use crossterm::event::{KeyCode, KeyEvent};
use rust_decimal::Decimal;

use crate::money::parse_decimal;
use crate::pos::basket::BasketLine;

use super::super::actions::say;
use super::super::actions::{Field, PAGE, add_item, edit, push_line, step};
use super::super::keymap::Action;
use super::super::screen::{DepartmentsState, Flow, Screen};
use super::super::state::{App, Severity};

/// F10 from the sale or the unknown-code dialog.
pub fn open(app: &mut App) -> Flow {
    if app.catalog.visible_departments().is_empty() {
        say(app, Severity::Warning, "msg-no-departments", &[]);
        return Flow::stay();
    }
    Flow::to(Screen::Departments(DepartmentsState {
        department: 0,
        item: None,
    }))
}

pub fn on_key(
    app: &mut App,
    s: &mut DepartmentsState,
    action: Option<Action>,
    key: KeyEvent,
) -> Flow {
    let departments = app.catalog.visible_departments();
    let Some(department) = departments.get(s.department).map(|d| (*d).clone()) else {
        return Flow::sale();
    };
    let dept_count = departments.len();
    let item_ids: Vec<u64> = app
        .catalog
        .department_items(department.id)
        .iter()
        .map(|i| i.id)
        .collect();
    let len = if s.item.is_some() {
        item_ids.len()
    } else {
        dept_count
    };
    let page = PAGE.cast_signed();
    let delta = match action {
        Some(Action::Up) => Some(-1),
        Some(Action::Down) => Some(1),
        Some(Action::PageUp) => Some(-page),
        Some(Action::PageDown) => Some(page),
        _ => None,
    };
    if let Some(delta) = delta {
        match &mut s.item {
            Some(i) => *i = step(*i, delta, len),
            None => s.department = step(s.department, delta, len),
        }
        return Flow::stay();
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
                    _ => say(
                        app,
                        Severity::Error,
                        "msg-not-an-amount",
                        &[("typed", crate::i18n::s(format!("{amount:?}")))],
                    ),
                }
            } else if let Some(i) = s.item {
                if let Some(id) = item_ids.get(i).copied() {
                    return Flow::from(add_item(app, id, Decimal::ONE));
                }
            } else if item_ids.is_empty() {
                say(app, Severity::Info, "msg-department-empty", &[]);
            } else {
                s.item = Some(0);
            }
        }
        Some(Action::Back) if app.entry.is_empty() => s.item = None,
        Some(Action::Cancel) => {
            if !app.entry.is_empty() {
                app.entry.clear();
            } else if s.item.is_some() {
                s.item = None;
            } else {
                return Flow::sale();
            }
        }
        _ => {
            if !edit(&mut app.entry, &key, Field::Amount) && matches!(key.code, KeyCode::Char(_)) {
                say(app, Severity::Warning, "msg-department-amount", &[]);
            }
        }
    }
    Flow::stay()
}
