//! The message log (Ctrl-L): every message of the session, newest first, each whole (wrapped
//! to the width), so a refusal too long for the status line can be read to its end.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::super::theme;
use super::super::widgets::textwrap_lines;
use crate::app::state::App;
use crate::i18n::n;

pub fn render(app: &App, scroll: u16, frame: &mut Frame, area: Rect) {
    let l = app.settings.lang;
    let width = usize::from(area.width.saturating_sub(6)).max(10);
    let mut lines: Vec<Line> = Vec::new();
    for m in app.log.iter().rev() {
        let style = theme::severity(m.severity);
        for (i, part) in textwrap_lines(&m.text, width).into_iter().enumerate() {
            let mark = if i == 0 {
                format!(" {} ", theme::severity_mark(m.severity))
            } else {
                "   ".to_string()
            };
            lines.push(Line::from(vec![
                Span::styled(mark, style),
                Span::styled(part, style),
            ]));
        }
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(" {}", l.t("log-empty")),
            theme::dim(),
        )));
    }
    let visible = usize::from(area.height.saturating_sub(2));
    let max_scroll = lines.len().saturating_sub(visible);
    let start = usize::from(scroll).min(max_scroll);
    let title = format!(" {} ", l.ta("log-title", &[("count", n(app.log.len()))]));
    let shown: Vec<Line> = lines.into_iter().skip(start).collect();
    frame.render_widget(
        Paragraph::new(shown).block(Block::bordered().title(title)),
        area,
    );
}
