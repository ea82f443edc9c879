//! The help screen, generated from the keymap. Runs of numbered bindings (F1…F8 to pay) are
//! shown as one row.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Row, Table};

use super::theme;
use crate::app::keymap::{Binding, Keymap, Scope, key_name, ordinal};
use crate::app::screen::Screen;
use crate::app::state::App;

/// The rows of the help: (key, description, is a title); a screen's title has an empty
/// description. Screens come in the keymap's order; a run of numbered bindings (`pay` 1…8 on
/// F1…F8) sharing one description is one row, its `{n}` written "1st…8th". The bindings of every
/// screen (`[global]`) are not listed: the sale screen lists Ctrl-C itself.
pub fn help_rows(keymap: &Keymap) -> Vec<(String, String, bool)> {
    let mut rows = Vec::new();
    for section in keymap.sections() {
        let Scope::Screen(context) = section.scope else {
            continue;
        };
        if section.bindings.is_empty() {
            continue;
        }
        rows.push((context.title().to_string(), String::new(), true));
        let mut rest = section.bindings.as_slice();
        while let Some(first) = rest.first() {
            let run = run_length(rest);
            let last = &rest[run - 1];
            let row = match (first.action.number(), last.action.number()) {
                (Some(from), Some(to)) if run > 1 => (
                    format!(
                        "  {}…{}",
                        key_name(first.code, first.modifiers),
                        key_name(last.code, last.modifiers)
                    ),
                    first
                        .desc
                        .replace("{n}", &format!("{}…{}", ordinal(from), ordinal(to))),
                ),
                _ => (
                    format!("  {}", key_name(first.code, first.modifiers)),
                    first.description(),
                ),
            };
            rows.push((row.0, row.1, false));
            rest = &rest[run..];
        }
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

/// How many bindings from the first make a run: the same numbered action, numbers following
/// each other, one description.
fn run_length(bindings: &[Binding]) -> usize {
    let Some(first) = bindings.first() else {
        return 0;
    };
    if first.action.number().is_none() {
        return 1;
    }
    1 + bindings
        .windows(2)
        .take_while(|w| {
            w[1].action.name() == first.action.name()
                && w[1].desc == first.desc
                && w[0].action.number().map(|n| n + 1) == w[1].action.number()
        })
        .count()
}
