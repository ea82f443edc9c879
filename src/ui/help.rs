//! The help screen, generated from the keymap. Runs of numbered bindings (F1…F8 to pay) are
//! shown as one row.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Row, Table};

use super::theme;
use crate::app::keymap::{Action, Binding, Context, key_name};
use crate::app::screen::Screen;
use crate::app::state::App;

/// The rows of the help: (key, description); a context title has an empty description.
pub fn help_rows(keymap: &[Binding]) -> Vec<(String, String, bool)> {
    let mut rows = Vec::new();
    let mut last: Option<Context> = None;
    let mut i = 0;
    while i < keymap.len() {
        let b = &keymap[i];
        if last != Some(b.context) {
            rows.push((b.context.title().to_string(), String::new(), true));
            last = Some(b.context);
        }
        // A run PayWith(0..n) or ApplyDiscount(0..n) on consecutive F-keys becomes "F1…Fn".
        let numbered = |a: Action| matches!(a, Action::PayWith(_) | Action::ApplyDiscount(_));
        if numbered(b.action) {
            let mut j = i;
            while j + 1 < keymap.len()
                && keymap[j + 1].context == b.context
                && std::mem::discriminant(&keymap[j + 1].action)
                    == std::mem::discriminant(&b.action)
            {
                j += 1;
            }
            if j > i {
                let first = key_name(b.code, b.modifiers);
                let last_key = key_name(keymap[j].code, keymap[j].modifiers);
                let what = if matches!(b.action, Action::PayWith(_)) {
                    "Pay with the 1st…8th payment mode (labels on screen)"
                } else {
                    "Apply the shop's 1st…4th discount"
                };
                rows.push((format!("  {first}…{last_key}"), what.to_string(), false));
                i = j + 1;
                continue;
            }
        }
        rows.push((
            format!("  {}", key_name(b.code, b.modifiers)),
            b.description.to_string(),
            false,
        ));
        i += 1;
    }
    rows.push(("Entry line".to_string(), String::new(), true));
    for (k, d) in [
        (
            "  digits",
            "A barcode or an item id, then Enter (a scanner sends Enter itself)",
        ),
        (
            "  3*",
            "Quantity for the next code: 3*, 0.350* for weighed goods",
        ),
        ("  letters", "Search by name; ↑/↓ and Enter to add"),
    ] {
        rows.push((k.to_string(), d.to_string(), false));
    }
    rows
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let scroll = if let Screen::Help { scroll, .. } = app.screen {
        scroll
    } else {
        0
    };
    let all = help_rows(app.keymap);
    let visible = area.height.saturating_sub(2) as usize;
    let max_scroll = all.len().saturating_sub(visible);
    let start = usize::from(scroll).min(max_scroll);
    let rows: Vec<Row> = all
        .iter()
        .skip(start)
        .map(|(k, d, title)| {
            if *title {
                Row::new(vec![
                    Cell::from(Line::from(Span::styled(k.clone(), theme::total()))),
                    Cell::from(""),
                ])
            } else {
                Row::new(vec![Cell::from(k.clone()), Cell::from(d.clone())])
            }
        })
        .collect();
    let title = format!(
        " Keys ({}–{} of {}) — ↑/↓ PgUp/PgDn scroll, Esc closes ",
        start + 1,
        (start + visible).min(all.len()),
        all.len()
    );
    let table = Table::new(rows, [Constraint::Length(16), Constraint::Min(10)])
        .block(Block::bordered().title(title));
    frame.render_widget(table, area);
}
