//! The payment screen: every mode, validate unpaid, keep open.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Cell, Row, Table};

use super::super::theme;
use super::super::widgets::{pay_key, selectable};
use crate::app::state::App;
use crate::i18n::s;
use crate::money::format_money;

pub fn payment(app: &App, selected: usize, frame: &mut Frame, area: Rect) {
    let style = app.settings.money_style;
    let l = app.settings.lang;
    let block = Block::bordered().title(format!(
        " {} ",
        l.ta(
            "payment-title",
            &[("total", s(format_money(app.basket.total(), style)))]
        )
    ));
    let rows: Vec<Row> = app
        .lists
        .payment_modes
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let key = pay_key(i);
            let number = if i < 9 {
                format!("{}", i + 1)
            } else {
                String::new()
            };
            let kind = if m.is_refund() {
                l.t("payment-refund-kind")
            } else {
                String::new()
            };
            Row::new(vec![
                Cell::from(number),
                Cell::from(key),
                Cell::from(m.title.clone()),
                Cell::from(Span::styled(kind, theme::dim())),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(2),
            Constraint::Length(4),
            Constraint::Min(10),
            Constraint::Length(7),
        ],
    )
    .block(block);
    selectable(frame, area, table, Some(selected));
}
