//! The start-up screen: what is loading, the counts, and what failed with why.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::super::theme;
use super::super::widgets::{centered, fit};
use crate::app::state::{App, LoadStatus, REQUIRED_RESOURCES};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let done = app
        .load
        .iter()
        .filter(|(_, s)| matches!(s, LoadStatus::Done { .. }))
        .count();
    let failed = app
        .load
        .iter()
        .filter(|(_, s)| matches!(s, LoadStatus::Failed(_)))
        .count();
    let pending = app.load.len() - done - failed;
    let width = area.width.min(76);
    let inner = width.saturating_sub(4) as usize;
    let mut lines = vec![
        Line::from(format!(
            "Loading the shop {} ({done}/{})",
            app.settings.shop_id,
            app.load.len()
        )),
        Line::default(),
    ];
    for (resource, status) in &app.load {
        let (mark, text, style) = match status {
            LoadStatus::Pending => ("…", "loading".to_string(), theme::dim()),
            LoadStatus::Done { count, skipped: 0 } => (
                "✓",
                format!("{count}"),
                theme::severity(crate::app::state::Severity::Success),
            ),
            LoadStatus::Done { count, skipped } => (
                "!",
                format!("{count} ({skipped} unreadable, skipped)"),
                theme::severity(crate::app::state::Severity::Warning),
            ),
            LoadStatus::Cached { count, saved_at } => (
                "!",
                format!(
                    "{count} from the local copy of {}",
                    saved_at.get(..16).unwrap_or(saved_at).replace('T', " ")
                ),
                theme::severity(crate::app::state::Severity::Warning),
            ),
            LoadStatus::Failed(why) => (
                "✗",
                why.clone(),
                theme::severity(crate::app::state::Severity::Error),
            ),
        };
        let label = format!(" {mark} {:<18} ", resource.label());
        let rest = fit(&text, inner.saturating_sub(label.chars().count()));
        lines.push(Line::from(vec![
            Span::styled(label, style),
            Span::styled(rest, style),
        ]));
    }
    lines.push(Line::default());
    for w in &app.warnings {
        lines.push(Line::from(Span::styled(
            fit(&format!("! {w}"), inner),
            theme::severity(crate::app::state::Severity::Warning),
        )));
    }
    if failed > 0 && pending == 0 {
        let required = app
            .load
            .iter()
            .any(|(r, s)| REQUIRED_RESOURCES.contains(r) && matches!(s, LoadStatus::Failed(_)));
        lines.push(Line::from(Span::styled(
            fit(&format!("{failed} list(s) could not be loaded."), inner),
            theme::severity(crate::app::state::Severity::Error),
        )));
        lines.push(Line::from(if required {
            "R retry · Ctrl-Q quit (items and payment modes are needed)"
        } else {
            "R retry · C continue without them · Ctrl-Q quit"
        }));
    } else if pending > 0 {
        lines.push(Line::from(Span::styled("Please wait…", theme::dim())));
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, width, height);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Start-up ")),
        rect,
    );
}
