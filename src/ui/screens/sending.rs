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
    let l = app.settings.lang;
    let inner = popup(frame, area, 44, 5, &l.t("sending-title"));
    let lines = vec![
        Line::from(l.t("sending-order")),
        Line::from(format!(
            "{} · {}",
            format_money(s.total, app.settings.money_style),
            s.payment_label
        )),
        Line::from(Span::styled(l.t("sending-basket-stays"), theme::dim())),
    ];
    frame.render_widget(Paragraph::new(lines).centered(), inner);
}

/// A change of a recalled order on its way.
pub fn sending(app: &App, label: &str, frame: &mut Frame, area: Rect) {
    let l = app.settings.lang;
    let inner = popup(frame, area, 50, 5, &l.t("sending-title"));
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(format!("{label}…")),
            Line::from(Span::styled(l.t("sending-keys-wait"), theme::dim())),
        ])
        .wrap(Wrap { trim: true }),
        inner,
    );
}
