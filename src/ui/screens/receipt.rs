//! The sale recorded (or provisional): order number, payment, change, invoice link.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::super::theme;
use super::super::widgets::bigtext::{self, BigText};
use crate::app::screen::ReceiptState;
use crate::app::state::App;
use crate::money::format_money;

pub fn receipt(app: &App, r: &ReceiptState, frame: &mut Frame, area: Rect) {
    let style = app.settings.money_style;
    let title = match r.order_id {
        Some(id) => format!(" Order {id} recorded "),
        None => " PROVISIONAL — sale queued, not yet on Kash.click ".to_string(),
    };
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut top = vec![
        Line::from(vec![
            Span::raw("Order number  "),
            Span::styled(
                r.order_id.map_or_else(
                    || {
                        format!(
                            "to come (reference {})",
                            r.submission.reference.as_deref().unwrap_or("?")
                        )
                    },
                    |id| id.to_string(),
                ),
                theme::total(),
            ),
        ]),
        Line::from(format!(
            "Total         {}",
            format_money(r.submission.total, style)
        )),
        Line::from(format!("Payment       {}", r.submission.payment_label)),
    ];
    if let Some(t) = r.submission.tendered {
        top.push(Line::from(format!(
            "Tendered      {}",
            format_money(t, style)
        )));
    }
    if let Some(c) = r.change {
        top.push(Line::from(vec![
            Span::raw("Change due    "),
            Span::styled(format_money(c, style), theme::change_due()),
        ]));
    }
    let top_height = top.len() as u16 + 1;
    let [top_area, change_area, _, bottom_area] = Layout::vertical([
        Constraint::Length(top_height),
        Constraint::Length(if r.change.is_some() {
            bigtext::HEIGHT + 2
        } else {
            0
        }),
        Constraint::Min(0),
        Constraint::Length(3),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(top), top_area);
    if let Some(change) = r.change {
        let [label, digits] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(change_area);
        frame.render_widget(
            Paragraph::new(Span::styled("CHANGE DUE", theme::change_due())).centered(),
            label,
        );
        let text = format_money(change, style);
        frame.render_widget(
            BigText {
                text: &text,
                style: theme::change_due(),
            },
            digits,
        );
    }
    let mut bottom = Vec::new();
    if let Some(link) = &r.link {
        bottom.push(Line::from(vec![
            Span::raw("Invoice  "),
            Span::styled(link.clone(), theme::dim()),
        ]));
    }
    bottom.push(Line::from(Span::styled(
        "Any key: next sale (a scan starts it)",
        theme::dim(),
    )));
    frame.render_widget(
        Paragraph::new(bottom).wrap(Wrap { trim: true }),
        bottom_area,
    );
}
