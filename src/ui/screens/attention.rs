//! Sales to settle.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::theme;
use super::super::widgets::{fit, popup};
use crate::app::state::App;

pub fn attention(app: &App, selected: usize, frame: &mut Frame, area: Rect) {
    let height = (app.attention.len() as u16 * 2 + 6).min(area.height);
    let inner = popup(
        frame,
        area,
        area.width.saturating_sub(4).min(76),
        height,
        "Sales to settle",
    );
    let width = inner.width.saturating_sub(4) as usize;
    let mut lines = vec![Line::from(Span::styled(
        "Their outcome is unknown. Check Kash.click, then choose.",
        theme::dim(),
    ))];
    for (i, a) in app.attention.iter().enumerate() {
        let marker = if i == selected { "▶ " } else { "  " };
        let style = if i == selected {
            theme::selected()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::from(Span::styled(
            format!("{marker}{}", a.reference),
            style,
        )));
        lines.push(Line::from(Span::styled(
            format!("  {}", fit(&a.why, width)),
            theme::dim(),
        )));
    }
    lines.push(Line::default());
    if app
        .attention
        .get(selected)
        .is_some_and(|a| a.double.is_some())
    {
        lines.push(Line::from(
            "Enter: refund the copy, from its lines on Kash.click",
        ));
    } else {
        lines.push(Line::from(format!(
            "Order number if already recorded: {}█",
            app.entry
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
