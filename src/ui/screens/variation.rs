//! The variation choice of an item.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::super::theme;
use super::super::widgets::{fit, popup};
use crate::app::screen::VariationState;
use crate::app::state::App;
use crate::money::format_amount;

pub fn variation(app: &App, s: &VariationState, frame: &mut Frame, area: Rect) {
    let Some(set) = s.sets.get(s.step).and_then(|id| app.catalog.variation(*id)) else {
        return;
    };
    let item = app
        .catalog
        .item(s.item_id)
        .map(|i| i.title.clone())
        .unwrap_or_default();
    let height = set.choices.len() as u16 + 4;
    let inner = popup(
        frame,
        area,
        50,
        height,
        &format!("{} — {}", fit(&item, 24), set.title),
    );
    let style = app.settings.money_style;
    let items: Vec<ListItem> = set
        .choices
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let delta = if c.delta_price.is_zero() {
                String::new()
            } else {
                format!(
                    " ({}{})",
                    if c.delta_price > rust_decimal::Decimal::ZERO {
                        "+"
                    } else {
                        ""
                    },
                    format_amount(c.delta_price, style)
                )
            };
            ListItem::new(format!("{} {}{delta}", i + 1, c.title))
        })
        .collect();
    let [info, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(Span::styled(
            app.settings.lang.ta(
                "variation-step",
                &[
                    ("step", crate::i18n::n(s.step + 1)),
                    ("count", crate::i18n::n(s.sets.len())),
                ],
            ),
            theme::dim(),
        )),
        info,
    );
    let list = List::new(items)
        .highlight_style(theme::selected())
        .highlight_symbol("▶");
    let mut state = ListState::default().with_selected(Some(s.selected));
    frame.render_stateful_widget(list, list_area, &mut state);
}
