//! Cash tendered, with the change due.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::theme;
use super::super::widgets::popup;
use crate::app::state::App;
use crate::money::{format_money, parse_decimal};
use crate::pos::tender::change_due;

pub fn tender(app: &App, mode_index: usize, frame: &mut Frame, area: Rect) {
    let style = app.settings.money_style;
    let mode = app
        .lists
        .payment_modes
        .get(mode_index)
        .map(|m| m.title.clone())
        .unwrap_or_default();
    // After a part tendered, what is due is the rest.
    let split = !app.tenders.is_empty();
    let total = if split { app.due() } else { app.basket.total() };
    let inner = popup(frame, area, 48, 7, &mode);
    let typed = app.entry.trim();
    let tendered = if typed.is_empty() {
        Some(total)
    } else {
        parse_decimal(typed)
    };
    let change = tendered.and_then(|t| change_due(total, t));
    let l = app.settings.lang;
    let pad = |id: &str| format!("{:<11}", format!("{} ", l.t(id)));
    let lines = vec![
        Line::from(vec![
            Span::raw(pad(if split { "tender-due" } else { "tender-total" })),
            Span::styled(format_money(total, style), theme::total()),
        ]),
        Line::from(format!(
            "{}{}",
            pad("tender-tendered"),
            tendered.map_or_else(|| "?".to_string(), |t| format_money(t, style))
        )),
        match change {
            Some(c) => Line::from(vec![
                Span::raw(pad("tender-change")),
                Span::styled(format_money(c, style), theme::change_due()),
            ]),
            // Less than what is due: a part, the rest stays due for another tender.
            None => Line::from(Span::styled(
                tendered.map_or_else(
                    || l.t("tender-not-enough"),
                    |t| {
                        l.ta(
                            "tender-part",
                            &[(
                                "rest",
                                crate::i18n::s(format_money(
                                    crate::pos::tender::still_due(total, t),
                                    style,
                                )),
                            )],
                        )
                    },
                ),
                theme::severity(crate::app::state::Severity::Warning),
            )),
        },
        Line::default(),
        Line::from(Span::styled(l.t("tender-hint"), theme::dim())),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
}
