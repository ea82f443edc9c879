//! The sale recorded (or provisional): order number, payment, change, invoice link.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::super::theme;
use super::super::widgets::bigtext::{self, BigText};
use crate::app::screen::ReceiptState;
use crate::app::state::App;
use crate::i18n::s;
use crate::money::format_money;

pub fn receipt(app: &App, r: &ReceiptState, frame: &mut Frame, area: Rect) {
    let style = app.settings.money_style;
    let l = app.settings.lang;
    let pad = |id: &str| format!("{:<14}", format!("{} ", l.t(id)));
    let title = match r.order_id {
        Some(id) => format!(
            " {} ",
            l.ta("receipt-recorded", &[("order", s(id.to_string()))])
        ),
        None => format!(" {} ", l.t("receipt-provisional")),
    };
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut top = vec![
        Line::from(vec![
            Span::raw(pad("receipt-order-number")),
            Span::styled(
                r.order_id.map_or_else(
                    || {
                        l.ta(
                            "receipt-to-come",
                            &[(
                                "reference",
                                s(r.submission.reference.as_deref().unwrap_or("?")),
                            )],
                        )
                    },
                    |id| id.to_string(),
                ),
                theme::total(),
            ),
        ]),
        Line::from(format!(
            "{}{}",
            pad("receipt-total"),
            format_money(r.submission.total, style)
        )),
        Line::from(format!(
            "{}{}",
            pad("receipt-payment"),
            r.submission.payment_label
        )),
    ];
    if let Some(t) = r.submission.tendered {
        top.push(Line::from(format!(
            "{}{}",
            pad("receipt-tendered"),
            format_money(t, style)
        )));
    }
    if let Some(c) = r.change {
        top.push(Line::from(vec![
            Span::raw(pad("receipt-change")),
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
            Paragraph::new(Span::styled(
                l.t("receipt-change-caps"),
                theme::change_due(),
            ))
            .centered(),
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
            Span::raw(format!("{}  ", l.t("receipt-invoice"))),
            Span::styled(link.clone(), theme::dim()),
        ]));
    }
    bottom.push(Line::from(Span::styled(l.t("receipt-next"), theme::dim())));
    frame.render_widget(
        Paragraph::new(bottom).wrap(Wrap { trim: true }),
        bottom_area,
    );
}
