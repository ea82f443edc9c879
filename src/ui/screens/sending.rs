//! An order on its way: the sale being recorded, a recalled order's change being sent.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::super::theme;
use super::super::widgets::popup;
use crate::app::screen::Submission;
use crate::app::state::App;
use crate::money::format_money;

pub fn submitting(app: &App, s: &Submission, frame: &mut Frame, area: Rect) {
    let inner = popup(frame, area, 44, 5, "Sending");
    let lines = vec![
        Line::from("Sending the order to Kash.click…".to_string()),
        Line::from(format!(
            "{} · {}",
            format_money(s.total, app.settings.money_style),
            s.payment_label
        )),
        Line::from(Span::styled(
            "The basket stays until the server answers",
            theme::dim(),
        )),
    ];
    frame.render_widget(Paragraph::new(lines).centered(), inner);
}

/// A change of a recalled order on its way.
pub fn sending(label: &str, frame: &mut Frame, area: Rect) {
    let inner = popup(frame, area, 50, 5, "Sending");
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(format!("{label}…")),
            Line::from(Span::styled("Keys wait for the answer.", theme::dim())),
        ])
        .wrap(Wrap { trim: true }),
        inner,
    );
}
