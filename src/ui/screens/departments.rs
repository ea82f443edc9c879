//! Department browse: the departments, then a department's items.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, List, ListItem, ListState, Row, Table};

use super::super::theme;
use super::super::widgets::selectable;
use crate::app::screen::DepartmentsState;
use crate::app::state::App;
use crate::money::format_amount;

pub fn departments(app: &App, d: &DepartmentsState, frame: &mut Frame, area: Rect) {
    let style = app.settings.money_style;
    let departments = app.catalog.visible_departments();
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(area);
    let items: Vec<ListItem> = departments
        .iter()
        .map(|dep| ListItem::new(dep.title.clone()))
        .collect();
    let l = app.settings.lang;
    let left_block = Block::bordered().title(format!(" {} ", l.t("context-departments")));
    let list = List::new(items)
        .block(if d.item.is_none() {
            left_block.border_style(theme::total())
        } else {
            left_block
        })
        .highlight_style(if d.item.is_none() {
            theme::selected()
        } else {
            theme::total()
        })
        .highlight_symbol("▶");
    let mut state = ListState::default().with_selected(Some(d.department));
    frame.render_stateful_widget(list, left, &mut state);

    let Some(dep) = departments.get(d.department) else {
        return;
    };
    let dept_items = app.catalog.department_items(dep.id);
    let rows: Vec<Row> = dept_items
        .iter()
        .map(|i| {
            Row::new(vec![
                Cell::from(i.title.to_string()),
                Cell::from(Line::from(format_amount(i.price, style)).right_aligned()),
            ])
        })
        .collect();
    let title = format!(
        " {} — {} ",
        dep.title,
        l.ta(
            "count-items",
            &[("count", crate::i18n::n(dept_items.len()))]
        )
    );
    let right_block = Block::bordered().title(title);
    let table =
        Table::new(rows, [Constraint::Min(8), Constraint::Length(9)]).block(if d.item.is_some() {
            right_block.border_style(theme::total())
        } else {
            right_block
        });
    selectable(frame, right, table, d.item);
}
