//! The line editor.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::theme;
use super::super::widgets::{fit, popup};
use crate::app::screen::{LINE_FIELDS, LineEditState};
use crate::app::state::App;
use crate::money::format_money;

pub fn line_edit(app: &App, s: &LineEditState, frame: &mut Frame, area: Rect) {
    let Some(line) = app.basket.lines.get(s.index) else {
        return;
    };
    let discounts = &app.lists.discounts;
    let height = 2 + 1 + LINE_FIELDS.len() as u16 + 2 + discounts.len().min(4) as u16 + 2;
    let inner = popup(
        frame,
        area,
        60,
        height,
        &app.settings.lang.ta(
            "line-edit-title",
            &[
                ("number", crate::i18n::n(s.index + 1)),
                ("title", crate::i18n::s(fit(&line.display_title(), 40))),
            ],
        ),
    );
    let mut lines = vec![Line::default()];
    for (i, name) in LINE_FIELDS.iter().enumerate() {
        let value = &s.values[i];
        let focused = i == s.field;
        let marker = if focused { "▶" } else { " " };
        let content = if focused {
            format!("{value}█")
        } else {
            value.clone()
        };
        lines.push(Line::from(vec![
            Span::raw(format!(
                "{marker} {:<11} ",
                app.settings.lang.word("field", name)
            )),
            Span::styled(
                content,
                if focused {
                    theme::total()
                } else {
                    ratatui::style::Style::new()
                },
            ),
        ]));
    }
    // The line as Enter would make it: its total, live (or why it would be refused).
    let l = app.settings.lang;
    lines.push(match crate::app::screens::line_edit::preview(app, s) {
        Ok(edited) => Line::from(vec![
            Span::raw(format!("  {:<11} ", l.t("line-edit-total"))),
            Span::styled(
                format_money(edited.total(), app.settings.money_style),
                theme::total(),
            ),
        ]),
        Err(why) => Line::from(Span::styled(
            format!(
                "  {}",
                fit(&why, usize::from(inner.width.saturating_sub(2)))
            ),
            theme::severity(crate::app::state::Severity::Warning),
        )),
    });
    lines.push(Line::default());
    for (i, d) in discounts.iter().take(4).enumerate() {
        let value = match d.kind {
            crate::kash::model::DiscountKind::Percent => format!("{}%", d.value.normalize()),
            crate::kash::model::DiscountKind::Amount => {
                format_money(d.value, app.settings.money_style)
            }
        };
        lines.push(Line::from(vec![
            Span::styled(format!(" F{} ", i + 1), theme::key()),
            Span::raw(format!(" {} ({value})", d.title)),
        ]));
    }
    if let Some(e) = &s.error {
        lines.push(Line::from(Span::styled(
            format!("✗ {e}"),
            theme::severity(crate::app::state::Severity::Error),
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
