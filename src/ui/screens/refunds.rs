//! Refunds: the validated orders to refund from, then their lines.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};
use rust_decimal::Decimal;

use super::super::format::{age_cell, capital};
use super::super::theme;
use super::super::widgets::{fit, selectable};
use crate::app::screen::{RefundOrdersState, RefundState};
use crate::app::state::{App, Severity};
use crate::money::{format_amount, format_money, format_quantity};

pub fn refund_orders(app: &App, s: &RefundOrdersState, frame: &mut Frame, area: Rect) {
    let (list, selected, loading, error) = (&s.orders, s.selected, s.loading, s.error.as_deref());
    let style = app.settings.money_style;
    let l = app.settings.lang;
    let block = Block::bordered().title(format!(" {} ", l.t("refund-orders-title")));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [note, list_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(" {}", l.t("refund-note")),
            theme::dim(),
        ))
        .wrap(Wrap { trim: true }),
        note,
    );
    if loading {
        frame.render_widget(
            Paragraph::new(format!(" {}", l.t("refund-loading"))),
            list_area,
        );
        return;
    }
    if let Some(e) = error {
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!(" ✗ {e}"),
                theme::severity(Severity::Error),
            )),
            list_area,
        );
        return;
    }
    if list.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!(" {}", l.t("refund-none")),
                theme::dim(),
            )),
            list_area,
        );
        return;
    }
    let rows: Vec<Row> = list
        .iter()
        .map(|o| {
            let age = age_cell(&o.date, app.orders.now, l);
            let lines = if o.unreadable_lines > 0 {
                l.ta(
                    "count-lines-unreadable",
                    &[
                        ("count", crate::i18n::n(o.items.len() + o.unreadable_lines)),
                        ("unreadable", crate::i18n::n(o.unreadable_lines)),
                    ],
                )
            } else {
                l.ta("count-lines", &[("count", crate::i18n::n(o.items.len()))])
            };
            let left = s.left(o);
            let sold = o.items.iter().map(|i| i.quantity.max(Decimal::ZERO));
            let lines = if left.iter().all(Decimal::is_zero) {
                format!("{lines} · {}", l.t("refund-state-all"))
            } else if left.iter().copied().ne(sold) {
                format!("{lines} · {}", l.t("refund-state-part"))
            } else {
                lines
            };
            Row::new(vec![
                Cell::from(o.order_id.to_string()),
                Cell::from(lines),
                Cell::from(Line::from(format_amount(o.price, style)).right_aligned()),
                Cell::from(Line::from(age).right_aligned()),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(9),
            Constraint::Min(10),
            Constraint::Length(10),
            Constraint::Length(9),
        ],
    )
    .header(
        Row::new(vec![
            Cell::from(l.t("col-order")),
            Cell::from(l.t("col-lines")),
            Cell::from(Line::from(l.t("col-total")).right_aligned()),
            Cell::from(Line::from(l.t("col-age")).right_aligned()),
        ])
        .style(theme::dim().add_modifier(Modifier::UNDERLINED)),
    );
    selectable(frame, list_area, table, Some(selected));
}

pub fn refund_lines(app: &App, s: &RefundState, frame: &mut Frame, area: Rect) {
    let style = app.settings.money_style;
    let l = app.settings.lang;
    let block = Block::bordered().title(format!(
        " {} ",
        l.ta(
            "refund-from",
            &[("order", crate::i18n::s(l.order_label(&s.order)))]
        )
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [note, list_area, total_area] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(
                " {}",
                l.ta(
                    "refund-lines-note",
                    &[("order", crate::i18n::s(capital(&l.order_label(&s.order))))]
                )
            ),
            theme::dim(),
        ))
        .wrap(Wrap { trim: true }),
        note,
    );
    let title_width = area.width.saturating_sub(2 + 2 + 8 + 8 + 8 + 10 + 10 + 6) as usize;
    let rows: Vec<Row> = s
        .order
        .items
        .iter()
        .zip(&s.quantities)
        .zip(&s.left)
        .map(|((l, q), left)| {
            let row = Row::new(vec![
                Cell::from(fit(&app.order_line_title(l), title_width.max(8))),
                Cell::from(Line::from(format_quantity(l.quantity, style)).right_aligned()),
                Cell::from(Line::from(format_quantity(*left, style)).right_aligned()),
                Cell::from(Line::from(format!("-{}", format_quantity(*q, style))).right_aligned()),
                Cell::from(Line::from(format_amount(l.price, style)).right_aligned()),
                Cell::from(
                    Line::from(format_amount(
                        -crate::money::round_cents(*q * l.price),
                        style,
                    ))
                    .right_aligned(),
                ),
            ]);
            if q.is_zero() {
                row.style(theme::dim())
            } else {
                row
            }
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Min(8),
            Constraint::Length(8),
            Constraint::Length(8),
            Constraint::Length(8),
            Constraint::Length(10),
            Constraint::Length(10),
        ],
    )
    .header(
        Row::new(vec![
            Cell::from(l.t("col-item")),
            Cell::from(Line::from(l.t("col-sold")).right_aligned()),
            Cell::from(Line::from(l.t("col-left")).right_aligned()),
            Cell::from(Line::from(l.t("col-refund")).right_aligned()),
            Cell::from(Line::from(l.t("col-unit")).right_aligned()),
            Cell::from(Line::from(l.t("col-total")).right_aligned()),
        ])
        .style(theme::dim().add_modifier(Modifier::UNDERLINED)),
    );
    selectable(frame, list_area, table, Some(s.selected));
    let total: Decimal = s
        .order
        .items
        .iter()
        .zip(&s.quantities)
        .map(|(l, q)| crate::money::round_cents(*q * l.price))
        .sum();
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(
                "{} ",
                l.ta(
                    "refund-total",
                    &[("total", crate::i18n::s(format_money(-total, style)))]
                )
            ),
            theme::total(),
        ))
        .right_aligned(),
        total_area,
    );
}
