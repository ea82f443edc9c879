//! Who is at the till: the names to choose from, a PIN being typed (shown as dots), the till.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::super::theme;
use super::super::widgets::{fit, popup, selectable};
use crate::app::screen::{CashierStep, CashiersState, PinEntry};
use crate::app::screens::cashiers::users;
use crate::app::state::{App, Severity};
use crate::i18n::{n, s as text};

fn name(app: &App, id: u64) -> String {
    app.lists
        .users
        .iter()
        .find(|u| u.id == id)
        .map_or_else(|| format!("#{id}"), |u| u.title.clone())
}

pub fn cashiers(app: &App, s: &CashiersState, frame: &mut Frame, area: Rect) {
    let l = app.settings.lang;
    let list_len = match &s.step {
        CashierStep::Till { .. } => app.lists.cashboxes.len(),
        CashierStep::Pick => users(app, &s.query).len().max(1),
        _ => 3,
    };
    let wide = area.width >= 100;
    let width = if wide { 72 } else { 60 };
    let height = u16::try_from(list_len)
        .unwrap_or(u16::MAX)
        .saturating_add(6);
    let inner = popup(frame, area, width, height, &l.t("context-cashiers"));
    let [top, note, body, error] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let w = usize::from(inner.width);
    let till = app
        .cashbox_label()
        .unwrap_or_else(|| l.t("cashiers-no-till"));
    frame.render_widget(
        Paragraph::new(Span::styled(
            fit(
                &format!(
                    " {} · {}",
                    l.ta("cashiers-now", &[("user", text(app.user_label()))]),
                    l.ta("header-till", &[("till", text(till))])
                ),
                w,
            ),
            theme::dim(),
        )),
        top,
    );
    if let Some(e) = &s.error {
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit(&format!(" {e}"), w),
                theme::severity(Severity::Error),
            )),
            error,
        );
    }
    match &s.step {
        CashierStep::Pick => pick(app, s, frame, note, body),
        CashierStep::Till { selected } => {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    fit(&format!(" {}", l.t("cashiers-till-hint")), w),
                    theme::dim(),
                )),
                note,
            );
            let rows: Vec<Row> = app
                .lists
                .cashboxes
                .iter()
                .map(|c| {
                    let mark = if app.settings.cashbox_id == Some(c.id) {
                        "✓"
                    } else {
                        ""
                    };
                    Row::new(vec![Cell::from(c.title.clone()), Cell::from(mark)])
                })
                .collect();
            let table = Table::new(rows, [Constraint::Min(10), Constraint::Length(1)]);
            selectable(frame, body, table, Some(*selected));
        }
        CashierStep::Pin { user_id, entry } => {
            pin(app, frame, note, body, *user_id, "cashiers-pin", entry);
        }
        CashierStep::OldPin { user_id, entry } => {
            pin(app, frame, note, body, *user_id, "cashiers-pin-old", entry);
        }
        CashierStep::NewPin { user_id, entry } => {
            pin(app, frame, note, body, *user_id, "cashiers-pin-new", entry);
        }
        CashierStep::ConfirmPin { user_id, entry, .. } => {
            pin(
                app,
                frame,
                note,
                body,
                *user_id,
                "cashiers-pin-again",
                entry,
            );
        }
    }
}

fn pick(app: &App, s: &CashiersState, frame: &mut Frame, note: Rect, body: Rect) {
    let l = app.settings.lang;
    let found = users(app, &s.query);
    let w = usize::from(note.width);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {} ", l.t("cashiers-find")), theme::dim()),
            Span::styled(format!("{}▏", s.query), theme::total()),
            Span::styled(
                fit(
                    &format!(
                        "  {}",
                        l.ta(
                            "cashiers-count",
                            &[("count", n(found.len())), ("all", n(app.lists.users.len()))]
                        )
                    ),
                    w.saturating_sub(s.query.chars().count() + 12),
                ),
                theme::dim(),
            ),
        ])),
        note,
    );
    if found.is_empty() {
        let empty = if app.lists.users.is_empty() {
            l.t("cashiers-none-loaded")
        } else {
            l.t("cashiers-none-found")
        };
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {empty}"), theme::dim())),
            body,
        );
        return;
    }
    let rows: Vec<Row> = found
        .iter()
        .map(|u| {
            let pin = if app.till.file.has_pin(u.id) {
                l.t("cashiers-has-pin")
            } else {
                String::new()
            };
            let here = if app.settings.user_id == Some(u.id) {
                "✓"
            } else {
                ""
            };
            Row::new(vec![
                Cell::from(u.title.clone()),
                Cell::from(Span::styled(pin, theme::dim())),
                Cell::from(here),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Min(10),
            Constraint::Length(6),
            Constraint::Length(1),
        ],
    );
    selectable(frame, body, table, Some(s.selected));
}

fn pin(
    app: &App,
    frame: &mut Frame,
    note: Rect,
    body: Rect,
    user_id: u64,
    prompt: &str,
    entry: &PinEntry,
) {
    let l = app.settings.lang;
    let w = usize::from(note.width);
    frame.render_widget(
        Paragraph::new(Span::styled(
            fit(&format!(" {}", name(app, user_id)), w),
            theme::total(),
        )),
        note,
    );
    let dots = "•".repeat(entry.0.chars().count());
    let mut lines = vec![Line::from(vec![
        Span::raw(format!(" {} ", l.t(prompt))),
        Span::styled(format!("{dots}▏"), theme::total()),
    ])];
    let hint = if prompt == "cashiers-pin-new" {
        l.ta(
            "cashiers-pin-new-hint",
            &[
                ("min", n(crate::pos::cashiers::PIN_MIN)),
                ("max", n(crate::pos::cashiers::PIN_MAX)),
            ],
        )
    } else {
        l.t("cashiers-pin-hint")
    };
    lines.push(Line::from(Span::styled(
        fit(&format!(" {hint}"), usize::from(body.width)),
        theme::dim(),
    )));
    frame.render_widget(Paragraph::new(lines), body);
}
