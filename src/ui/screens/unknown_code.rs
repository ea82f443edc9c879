//! A scanned code the catalog does not know.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::theme;
use super::super::widgets::popup;

pub fn unknown_code(code: &str, frame: &mut Frame, area: Rect) {
    let inner = popup(frame, area, 56, 7, "Unknown code");
    let lines = vec![
        Line::from(vec![
            Span::raw("No item has the code "),
            Span::styled(code.to_string(), theme::total()),
        ]),
        Line::default(),
        Line::from(vec![
            Span::styled("Enter", theme::key()),
            Span::raw(" search the item by name"),
        ]),
        Line::from(vec![
            Span::styled("F10", theme::key()),
            Span::raw("   free line at a typed price in a department"),
        ]),
        Line::from(vec![
            Span::styled("Esc", theme::key()),
            Span::raw("   ignore: nothing is added"),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
}
