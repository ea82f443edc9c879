//! The customer picker, the customer form, their confirmations, and the red flag of a
//! blacklisted customer on the sale.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Paragraph, Row, Table};

use super::super::theme;
use super::super::widgets::{fit, popup, selectable, text_lines, textwrap_lines};
use crate::app::screen::{
    CF_ADDRESS_COMMENT, CF_BLACKLIST, CF_PRIVATE_COMMENT, CUSTOMER_FIELDS, CustomerAsk,
    CustomerConfirmState, CustomerFormState, CustomersState, FormMode,
};
use crate::app::state::{App, Connection, Severity};
use crate::i18n::{n, s as text};
use crate::kash::model::Customer;

/// The flag of a blacklisted customer: "⚑ Blacklisted: <private comment>".
pub fn flag_text(app: &App, c: &Customer) -> String {
    let l = app.settings.lang;
    if c.private_comment.trim().is_empty() {
        l.t("customer-blacklisted")
    } else {
        l.ta(
            "customer-blacklisted-why",
            &[("comment", text(c.private_comment.replace('\n', " ")))],
        )
    }
}

/// The flag over the basket's bottom border when the sale's customer is blacklisted.
pub fn sale_flag(app: &App, frame: &mut Frame, basket: Rect) {
    let Some(c) = app
        .orders
        .context
        .customer_id
        .and_then(|id| app.orders.customers.get(id))
        .filter(|c| c.blacklist)
    else {
        return;
    };
    if basket.height < 3 || basket.width < 10 {
        return;
    }
    let width = basket.width.saturating_sub(4);
    let line = fit(
        &format!(" ⚑ {} — {} ", c.display_name(), flag_text(app, c)),
        usize::from(width),
    );
    let rect = Rect {
        x: basket.x + 2,
        y: basket.y + basket.height - 1,
        width: width.min(
            u16::try_from(unicode_width::UnicodeWidthStr::width(line.as_str())).unwrap_or(width),
        ),
        height: 1,
    };
    frame.render_widget(Paragraph::new(line).style(theme::alert()), rect);
}

pub fn picker(app: &App, s: &CustomersState, frame: &mut Frame, area: Rect) {
    let l = app.settings.lang;
    frame.render_widget(Clear, area);
    let title = format!(" {} ", l.t("context-customers"));
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let offline = app.connection == Connection::Offline;
    let [query, note, list, flag] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(if offline { 2 } else { 1 }),
        Constraint::Min(1),
        Constraint::Length(2),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {} ", l.t("customers-find")), theme::dim()),
            Span::styled(format!("{}▏", s.query), theme::total()),
        ])),
        query,
    );
    let count = if s.query.trim().is_empty() {
        l.ta(
            "customers-count",
            &[("count", n(app.orders.customers.len()))],
        )
    } else {
        l.ta(
            "customers-matching",
            &[
                ("count", n(s.found.total)),
                ("all", n(app.orders.customers.len())),
            ],
        )
    };
    let width = usize::from(note.width);
    let mut notes = vec![Line::from(Span::styled(
        fit(&format!(" {count} · {}", l.t("customers-hint")), width),
        theme::dim(),
    ))];
    if offline {
        notes.push(Line::from(Span::styled(
            fit(&format!(" {}", l.t("customers-offline")), width),
            theme::severity(Severity::Warning),
        )));
    }
    frame.render_widget(Paragraph::new(notes), note);
    if s.found.ids.is_empty() {
        let empty = if app.orders.customers.is_empty() {
            l.t("customers-none-loaded")
        } else {
            l.t("customers-none-found")
        };
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {empty}"), theme::dim())),
            list,
        );
        return;
    }
    let wide = area.width >= 100;
    let rows: Vec<Row> = s
        .found
        .ids
        .iter()
        .filter_map(|id| app.orders.customers.get(*id))
        .map(|c| {
            let mark = if c.blacklist {
                Span::styled("⚑", theme::severity(Severity::Error))
            } else {
                Span::raw(" ")
            };
            let place = format!("{} {}", c.postcode, c.city).trim().to_string();
            let mut cells = vec![
                Cell::from(mark),
                Cell::from(c.display_name()),
                Cell::from(c.phone.clone()),
                Cell::from(Span::styled(c.email.clone(), theme::dim())),
            ];
            if wide {
                cells.push(Cell::from(place));
                cells.push(Cell::from(Span::styled(c.barcode.clone(), theme::dim())));
            } else {
                cells.push(Cell::from(c.postcode.clone()));
            }
            Row::new(cells)
        })
        .collect();
    let widths: Vec<Constraint> = if wide {
        vec![
            Constraint::Length(1),
            Constraint::Fill(3),
            Constraint::Length(17),
            Constraint::Fill(3),
            Constraint::Fill(2),
            Constraint::Length(12),
        ]
    } else {
        vec![
            Constraint::Length(1),
            Constraint::Fill(3),
            Constraint::Length(17),
            Constraint::Fill(2),
            Constraint::Length(5),
        ]
    };
    selectable(frame, list, Table::new(rows, widths), Some(s.selected));
    // The selected customer's flag, in full.
    if let Some(c) = s
        .found
        .ids
        .get(s.selected)
        .and_then(|id| app.orders.customers.get(*id))
        .filter(|c| c.blacklist)
    {
        let lines = textwrap_lines(
            &format!("⚑ {} — {}", c.display_name(), flag_text(app, c)),
            usize::from(flag.width.saturating_sub(2)),
        );
        frame.render_widget(
            Paragraph::new(text_lines(lines.into_iter().take(2).collect()))
                .style(theme::severity(Severity::Error)),
            Rect {
                x: flag.x + 1,
                width: flag.width.saturating_sub(1),
                ..flag
            },
        );
    }
}

pub fn form(app: &App, f: &CustomerFormState, frame: &mut Frame, area: Rect) {
    let l = app.settings.lang;
    frame.render_widget(Clear, area);
    let title = match f.mode {
        FormMode::WithSale => l.t("customer-form-with-sale"),
        FormMode::Add => l.t("customer-form-add"),
        FormMode::Edit(id) => l.ta(
            "customer-form-edit",
            &[("name", text(app.orders.customer_name(id)))],
        ),
    };
    let block = Block::bordered().title(format!(" {title} "));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let fields = f.fields();
    let comments = fields
        .iter()
        .filter(|i| matches!(**i, CF_ADDRESS_COMMENT | CF_PRIVATE_COMMENT))
        .count();
    let singles = u16::try_from(fields.len() - comments).unwrap_or(0);
    let comments = u16::try_from(comments).unwrap_or(1).max(1);
    let comment_rows = (inner.height.saturating_sub(singles + 1) / comments).clamp(3, 6);
    let constraints: Vec<Constraint> = fields
        .iter()
        .map(|i| {
            if matches!(*i, CF_ADDRESS_COMMENT | CF_PRIVATE_COMMENT) {
                Constraint::Length(comment_rows)
            } else {
                Constraint::Length(1)
            }
        })
        .chain([Constraint::Length(1), Constraint::Min(0)])
        .collect();
    let rects = Layout::vertical(constraints).split(inner);
    let label_width = 17;
    for (k, &i) in fields.iter().enumerate() {
        let rect = rects[k];
        let label = l.word("field", CUSTOMER_FIELDS[i]);
        let focused = f.field == i;
        if matches!(i, CF_ADDRESS_COMMENT | CF_PRIVATE_COMMENT) {
            let mut ta = if i == CF_ADDRESS_COMMENT {
                f.address_comment.0.clone()
            } else {
                f.private_comment.0.clone()
            };
            let block = Block::bordered().title(format!(" {label} "));
            ta.set_block(if focused {
                block.border_style(theme::total())
            } else {
                block.border_style(theme::dim())
            });
            if !focused {
                ta.set_cursor_style(Style::new());
            }
            ta.set_cursor_line_style(Style::new());
            frame.render_widget(&ta, rect);
            continue;
        }
        let value = if i == CF_BLACKLIST {
            let v = if f.blacklist {
                l.t("customer-yes")
            } else {
                l.t("customer-no")
            };
            format!("‹ {v} ›")
        } else if focused {
            format!("{}▏", f.values[i])
        } else {
            f.values[i].clone()
        };
        let style = match (focused, i == CF_BLACKLIST && f.blacklist) {
            (true, _) => theme::selected(),
            (false, true) => theme::severity(Severity::Error),
            (false, false) => Style::new(),
        };
        let room = usize::from(rect.width).saturating_sub(label_width + 3);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(
                    format!("{:>width$} ", fit(&label, label_width), width = label_width),
                    theme::dim(),
                ),
                Span::styled(format!(" {} ", fit(&value, room)), style),
            ])),
            rect,
        );
    }
    let status = rects[fields.len()];
    let (line, style) = if f.busy {
        (l.t("customer-form-sending"), theme::dim())
    } else if let Some(e) = &f.error {
        (format!("✗ {e}"), theme::severity(Severity::Error))
    } else if f.in_comment() {
        (l.t("details-comment-keys"), theme::dim())
    } else if f.mode == FormMode::WithSale {
        (l.t("customer-form-with-sale-note"), theme::dim())
    } else {
        (l.t("customer-form-file-note"), theme::dim())
    };
    frame.render_widget(
        Paragraph::new(Span::styled(fit(&line, usize::from(status.width)), style)),
        status,
    );
}

pub fn confirm(app: &App, c: &CustomerConfirmState, frame: &mut Frame, area: Rect) {
    let l = app.settings.lang;
    let (id, title) = match c.ask {
        CustomerAsk::Delete(id) => (id, l.t("customer-delete-title")),
        CustomerAsk::Blacklisted(id) => (id, l.t("customer-blacklisted-title")),
    };
    let name = app.orders.customer_name(id);
    let mut lines: Vec<Line> = Vec::new();
    let width = usize::from(area.width.min(64).saturating_sub(4));
    match c.ask {
        CustomerAsk::Delete(_) => {
            lines.push(Line::from(l.ta("customer-delete", &[("name", text(name))])));
            lines.push(Line::from(Span::styled(
                l.t("customer-delete-note"),
                theme::dim(),
            )));
        }
        CustomerAsk::Blacklisted(_) => {
            let flag = app
                .orders
                .customers
                .get(id)
                .map(|c| flag_text(app, c))
                .unwrap_or_default();
            for t in textwrap_lines(&format!("⚑ {name} — {flag}"), width) {
                lines.push(Line::from(Span::styled(
                    t,
                    theme::severity(Severity::Error),
                )));
            }
            lines.push(Line::from(l.t("customer-blacklisted-sell")));
        }
    }
    lines.push(Line::default());
    let last = if c.busy {
        Line::from(Span::styled(l.t("customer-form-sending"), theme::dim()))
    } else if let Some(e) = &c.error {
        Line::from(Span::styled(
            fit(&format!("✗ {e}"), width),
            theme::severity(Severity::Error),
        ))
    } else {
        Line::from(l.t("confirm-keys"))
    };
    lines.push(last);
    let height = u16::try_from(lines.len()).unwrap_or(6) + 2;
    let inner = popup(frame, area, 64, height, &title);
    frame.render_widget(Paragraph::new(lines).centered(), inner);
}
