//! The start-up screen: what is loading, the counts, and what failed with why.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::super::theme;
use super::super::widgets::{centered, fit};
use crate::app::state::{App, LoadStatus, REQUIRED_RESOURCES};
use crate::i18n::{n, s};

/// When a list was saved, in the till's time zone and the cashier's language.
fn saved_time(app: &App, saved_at: &str) -> String {
    use time::format_description::well_known::Rfc3339;
    match time::OffsetDateTime::parse(saved_at.trim(), &Rfc3339) {
        Ok(at) => app.settings.lang.date_time(at, app.settings.utc_offset),
        Err(_) => saved_at.get(..16).unwrap_or(saved_at).replace('T', " "),
    }
}

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
    let l = app.settings.lang;
    let mut lines = vec![
        Line::from(l.ta(
            "loading-shop",
            &[
                ("shop", s(&app.settings.shop_id)),
                ("done", n(done)),
                ("count", n(app.load.len())),
            ],
        )),
        Line::default(),
    ];
    for (resource, status) in &app.load {
        let (mark, text, style) = match status {
            LoadStatus::Pending => ("…", l.t("loading-pending"), theme::dim()),
            LoadStatus::Done { count, skipped: 0 } => (
                "✓",
                format!("{count}"),
                theme::severity(crate::app::state::Severity::Success),
            ),
            LoadStatus::Done { count, skipped } => (
                "!",
                l.ta(
                    "loading-skipped",
                    &[("count", n(*count)), ("skipped", n(*skipped))],
                ),
                theme::severity(crate::app::state::Severity::Warning),
            ),
            LoadStatus::Cached { count, saved_at } => (
                "!",
                l.ta(
                    "loading-cached",
                    &[("count", n(*count)), ("when", s(saved_time(app, saved_at)))],
                ),
                theme::severity(crate::app::state::Severity::Warning),
            ),
            LoadStatus::Failed(why) => (
                "✗",
                why.clone(),
                theme::severity(crate::app::state::Severity::Error),
            ),
        };
        let label = format!(" {mark} {:<18} ", l.word("list", resource.label()));
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
            fit(&l.ta("loading-failed", &[("count", n(failed))]), inner),
            theme::severity(crate::app::state::Severity::Error),
        )));
        lines.push(Line::from(l.t(if required {
            "loading-keys-required"
        } else {
            "loading-keys"
        })));
    } else if pending > 0 {
        lines.push(Line::from(Span::styled(l.t("loading-wait"), theme::dim())));
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, width, height);
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(format!(" {} ", l.t("context-loading")))),
        rect,
    );
}
