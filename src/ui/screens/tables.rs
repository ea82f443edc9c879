//! The table picker, with the open orders of each table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Paragraph, Row, Table};
use rust_decimal::Decimal;

use super::super::theme;
use super::super::widgets::{freshness_line, popup, selectable};
use crate::app::state::App;
use crate::money::format_money;

pub fn tables(app: &App, selected: usize, frame: &mut Frame, area: Rect) {
    let style = app.settings.money_style;
    let height = (app.lists.tables.len() as u16 + 4).min(area.height);
    let l = app.settings.lang;
    let title = if app.table_typed.is_empty() {
        l.t("tables-title")
    } else {
        format!(
            "{} · {}",
            l.t("tables-title"),
            l.ta(
                "tables-typed",
                &[("number", crate::i18n::s(app.table_typed.as_str()))]
            )
        )
    };
    let inner = popup(frame, area, 60, height, &title);
    let [list_area, fresh_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let rows: Vec<Row> = app
        .lists
        .tables
        .iter()
        .map(|t| {
            let open = app.orders.visible(Some(t.id));
            let total: Decimal = open.iter().map(|o| o.price).sum();
            let status = if open.is_empty() {
                Span::styled(l.t("tables-free"), theme::dim())
            } else {
                Span::styled(
                    l.ta(
                        "tables-open",
                        &[
                            ("count", crate::i18n::n(open.len())),
                            ("total", crate::i18n::s(format_money(total, style))),
                        ],
                    ),
                    theme::changed(),
                )
            };
            let current = if app.orders.context.table_id == Some(t.id) {
                "✓"
            } else {
                ""
            };
            Row::new(vec![
                Cell::from(t.title.clone()),
                Cell::from(l.ta("tables-seats", &[("count", crate::i18n::n(t.covers))])),
                Cell::from(status),
                Cell::from(current),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Min(10),
            Constraint::Length(9),
            Constraint::Length(22),
            Constraint::Length(1),
        ],
    );
    selectable(frame, list_area, table, Some(selected));
    frame.render_widget(
        Paragraph::new(freshness_line(app, fresh_area.width)),
        fresh_area,
    );
}
