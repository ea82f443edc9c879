//! A scanned code the catalog does not know.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::help::key_label;
use super::super::theme;
use super::super::widgets::popup;
use crate::app::state::App;

pub fn unknown_code(app: &App, code: &str, frame: &mut Frame, area: Rect) {
    let l = app.settings.lang;
    let inner = popup(frame, area, 56, 7, &l.t("unknown-title"));
    let lines = vec![
        Line::from(vec![
            Span::raw(format!("{} ", l.t("unknown-no-item"))),
            Span::styled(code.to_string(), theme::total()),
        ]),
        Line::default(),
        Line::from(vec![
            Span::styled(key_label(l, "Enter"), theme::key()),
            Span::raw(format!(" {}", l.t("unknown-search"))),
        ]),
        Line::from(vec![
            Span::styled("F10", theme::key()),
            Span::raw(format!("   {}", l.t("unknown-free-line"))),
        ]),
        Line::from(vec![
            Span::styled(key_label(l, "Esc"), theme::key()),
            Span::raw(format!("   {}", l.t("unknown-ignore"))),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
}
