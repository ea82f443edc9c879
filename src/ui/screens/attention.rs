//! Sales to settle.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::format::capital;
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
        &app.settings.lang.t("context-attention"),
    );
    let width = inner.width.saturating_sub(4) as usize;
    let mut lines = vec![Line::from(Span::styled(
        app.settings.lang.t("attention-hint"),
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
            format!(
                "{marker}{}",
                capital(&app.sale_label(&a.created_at, a.request.as_ref()))
            ),
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
        lines.push(Line::from(app.settings.lang.t("attention-refund-copy")));
    } else {
        lines.push(Line::from(format!(
            "{} {}█",
            app.settings.lang.t("attention-order-number"),
            app.entry
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
