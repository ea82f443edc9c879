//! The payments of a recalled order.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

use super::super::theme;
use super::super::widgets::{fit, pay_key, selectable};
use crate::app::screen::PayState;
use crate::app::state::{App, Severity};
use crate::money::format_money;

pub fn pay(app: &App, s: &PayState, frame: &mut Frame, area: Rect) {
    let style = app.settings.money_style;
    let Some(r) = &app.orders.recalled else {
        return;
    };
    let l = app.settings.lang;
    let block = Block::bordered().title(format!(
        " {}{} ",
        l.ta(
            "order-pay-title",
            &[("order", crate::i18n::s(l.order_label(&r.order)))]
        ),
        if r.order.validated {
            format!(" ({})", l.t("recalled-validated"))
        } else {
            String::new()
        }
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(inner);

    // Left: the amounts and the payments so far.
    let mut lines = vec![
        Line::from(vec![
            Span::raw(format!("{:<14}", l.t("order-pay-total"))),
            Span::styled(format_money(r.total(), style), theme::total()),
        ]),
        Line::from(vec![
            Span::raw(format!("{:<14}", l.t("order-pay-paid"))),
            Span::raw(format_money(r.paid(), style)),
        ]),
        Line::from(vec![
            Span::styled(format!("{:<14}", l.t("order-pay-due")), theme::total()),
            Span::styled(format_money(r.due(), style), theme::total()),
        ]),
        Line::default(),
    ];
    if !r.payments.is_empty() {
        lines.push(Line::from(Span::styled(
            l.t("order-pay-recorded"),
            theme::dim(),
        )));
        for (mode, amount) in &r.payments {
            lines.push(Line::from(format!(
                "  {} {}",
                fit(mode, 16),
                format_money(*amount, style)
            )));
        }
        lines.push(Line::default());
    }
    if let Some(change) = s.done {
        lines.push(Line::from(Span::styled(
            l.t("order-pay-done"),
            theme::change_due(),
        )));
        if !change.is_zero() {
            lines.push(Line::from(Span::styled(
                l.ta(
                    "order-pay-change",
                    &[("change", crate::i18n::s(format_money(change, style)))],
                ),
                theme::change_due(),
            )));
        }
        lines.push(Line::from(Span::styled(
            l.t("order-pay-next"),
            theme::dim(),
        )));
    } else {
        let typed = if s.amount.is_empty() {
            l.ta(
                "order-pay-empty",
                &[("due", crate::i18n::s(format_money(r.due(), style)))],
            )
        } else {
            s.amount.clone()
        };
        lines.push(Line::from(vec![
            Span::raw(format!("{} > ", l.t("order-pay-amount"))),
            Span::styled(typed, theme::total()),
        ]));
        lines.push(Line::from(Span::styled(
            l.t("order-pay-hint"),
            theme::dim(),
        )));
        if let Some(e) = &s.error {
            lines.push(Line::from(Span::styled(
                format!("✗ {e}"),
                theme::severity(Severity::Error),
            )));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), left);

    // Right: the modes.
    let rows: Vec<Row> = app
        .lists
        .payment_modes
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let key = pay_key(i);
            let title = if m.is_refund() {
                Span::styled(m.title.clone(), theme::dim())
            } else {
                Span::raw(m.title.clone())
            };
            Row::new(vec![
                Cell::from(Span::styled(key, theme::key())),
                Cell::from(title),
            ])
        })
        .collect();
    let table = Table::new(rows, [Constraint::Length(3), Constraint::Min(8)])
        .block(Block::bordered().title(format!(" {} ", l.t("order-pay-mode"))))
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always);
    selectable(frame, right, table, s.done.is_none().then_some(s.selected));
}
