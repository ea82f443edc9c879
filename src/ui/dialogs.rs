//! What is drawn over the sale screen: search results, departments, the line editor, the
//! variation choice, the payment screen, cash tendered, confirmations, sending, the receipt.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Cell, Clear, List, ListItem, ListState, Paragraph, Row, Table, TableState, Wrap,
};

use super::bigtext::{self, BigText};
use super::{centered, fit, theme};
use crate::app::state::{
    App, ConfirmKind, DepartmentsState, LINE_FIELDS, LineEditState, ReceiptState, SearchState,
    Submission, VariationState,
};
use crate::money::{format_amount, format_money, format_quantity, parse_decimal};
use crate::pos::tender::change_due;

fn popup(frame: &mut Frame, area: Rect, width: u16, height: u16, title: &str) -> Rect {
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::bordered().title(format!(" {title} "));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

pub fn search(app: &App, s: &SearchState, frame: &mut Frame, area: Rect) {
    let style = app.settings.money_style;
    let title = match s.quantity {
        Some(q) => format!(
            "{} result(s) · quantity {}",
            s.results.len(),
            format_quantity(q, style)
        ),
        None => format!("{} result(s)", s.results.len()),
    };
    let rect = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    };
    frame.render_widget(Clear, rect);
    let block = Block::bordered().title(format!(" {title} "));
    if s.results.is_empty() {
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        frame.render_widget(
            Paragraph::new(Span::styled("No item matches.", theme::dim())),
            inner,
        );
        return;
    }
    let rows: Vec<Row> = s
        .results
        .iter()
        .filter_map(|id| app.catalog.item(*id))
        .map(|item| {
            let dept = item
                .department_id
                .and_then(|d| app.catalog.department(d))
                .map(|d| d.title.clone())
                .unwrap_or_default();
            Row::new(vec![
                Cell::from(item.title.clone()),
                Cell::from(Span::styled(dept, theme::dim())),
                Cell::from(Line::from(format_amount(item.price, style)).right_aligned()),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Min(10),
            Constraint::Length(16),
            Constraint::Length(9),
        ],
    )
    .block(block)
    .row_highlight_style(theme::selected())
    .highlight_symbol("▶");
    let mut state = TableState::default().with_selected(Some(s.selected));
    frame.render_stateful_widget(table, rect, &mut state);
}

pub fn departments(app: &App, d: &DepartmentsState, frame: &mut Frame, area: Rect) {
    let style = app.settings.money_style;
    let departments = app.catalog.visible_departments();
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(area);
    let items: Vec<ListItem> = departments
        .iter()
        .map(|dep| ListItem::new(dep.title.clone()))
        .collect();
    let left_block = Block::bordered().title(" Departments ");
    let list = List::new(items)
        .block(if d.item.is_none() {
            left_block.border_style(theme::total())
        } else {
            left_block
        })
        .highlight_style(if d.item.is_none() {
            theme::selected()
        } else {
            theme::total()
        })
        .highlight_symbol("▶");
    let mut state = ListState::default().with_selected(Some(d.department));
    frame.render_stateful_widget(list, left, &mut state);

    let Some(dep) = departments.get(d.department) else {
        return;
    };
    let dept_items = app.catalog.department_items(dep.id);
    let rows: Vec<Row> = dept_items
        .iter()
        .map(|i| {
            Row::new(vec![
                Cell::from(i.title.clone()),
                Cell::from(Line::from(format_amount(i.price, style)).right_aligned()),
            ])
        })
        .collect();
    let title = format!(" {} — {} item(s) ", dep.title, dept_items.len());
    let right_block = Block::bordered().title(title);
    let table = Table::new(rows, [Constraint::Min(8), Constraint::Length(9)])
        .block(if d.item.is_some() {
            right_block.border_style(theme::total())
        } else {
            right_block
        })
        .row_highlight_style(theme::selected())
        .highlight_symbol("▶");
    let mut tstate = TableState::default().with_selected(d.item);
    frame.render_stateful_widget(table, right, &mut tstate);
}

pub fn line_edit(app: &App, s: &LineEditState, frame: &mut Frame, area: Rect) {
    let Some(line) = app.basket.lines.get(s.index) else {
        return;
    };
    let discounts = &app.lists.discounts;
    let height = 2 + 1 + LINE_FIELDS.len() as u16 + 1 + discounts.len().min(4) as u16 + 2;
    let inner = popup(
        frame,
        area,
        60,
        height,
        &format!("Line {}: {}", s.index + 1, fit(&line.display_title(), 40)),
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
            Span::raw(format!("{marker} {name:<11} ")),
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
            format!("Choice {} of {}", s.step + 1, s.sets.len()),
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

pub fn payment(app: &App, selected: usize, frame: &mut Frame, area: Rect) {
    let style = app.settings.money_style;
    let block = Block::bordered().title(format!(
        " Payment — total {} ",
        format_money(app.basket.total(), style)
    ));
    let rows: Vec<Row> = app
        .lists
        .payment_modes
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let key = super::pay_key(i);
            let number = if i < 9 {
                format!("{}", i + 1)
            } else {
                String::new()
            };
            let kind = if m.is_refund() { "refund" } else { "" };
            Row::new(vec![
                Cell::from(number),
                Cell::from(key),
                Cell::from(m.title.clone()),
                Cell::from(Span::styled(kind, theme::dim())),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(2),
            Constraint::Length(4),
            Constraint::Min(10),
            Constraint::Length(7),
        ],
    )
    .block(block)
    .row_highlight_style(theme::selected())
    .highlight_symbol("▶");
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, area, &mut state);
}

pub fn tender(app: &App, mode_index: usize, frame: &mut Frame, area: Rect) {
    let style = app.settings.money_style;
    let mode = app
        .lists
        .payment_modes
        .get(mode_index)
        .map(|m| m.title.clone())
        .unwrap_or_default();
    let total = app.basket.total();
    let inner = popup(frame, area, 44, 7, &mode);
    let typed = app.entry.trim();
    let tendered = if typed.is_empty() {
        Some(total)
    } else {
        parse_decimal(typed)
    };
    let change = tendered.and_then(|t| change_due(total, t));
    let lines = vec![
        Line::from(vec![
            Span::raw("Total      "),
            Span::styled(format_money(total, style), theme::total()),
        ]),
        Line::from(format!(
            "Tendered   {}",
            tendered.map_or_else(|| "?".to_string(), |t| format_money(t, style))
        )),
        match change {
            Some(c) => Line::from(vec![
                Span::raw("Change     "),
                Span::styled(format_money(c, style), theme::change_due()),
            ]),
            None => Line::from(Span::styled(
                "Not enough",
                theme::severity(crate::app::state::Severity::Error),
            )),
        },
        Line::default(),
        Line::from(Span::styled(
            "Type the amount tendered, then Enter",
            theme::dim(),
        )),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn confirm(kind: ConfirmKind, frame: &mut Frame, area: Rect) {
    let (title, question) = match kind {
        ConfirmKind::ClearBasket => ("New sale", "Clear the basket? Its lines are lost."),
        ConfirmKind::Quit => ("Quit", "Quit kash-pos? The basket is not recorded."),
    };
    let inner = popup(frame, area, 48, 5, title);
    let lines = vec![
        Line::from(question),
        Line::default(),
        Line::from("Enter / Y: yes     Esc / N: no"),
    ];
    frame.render_widget(Paragraph::new(lines).centered(), inner);
}

pub fn submitting(app: &App, s: &Submission, frame: &mut Frame, area: Rect) {
    let inner = popup(frame, area, 44, 5, "Sending");
    let lines = vec![
        Line::from("Sending the order to Kash.click…".to_string()),
        Line::from(format!(
            "{} · {}",
            format_money(s.total, app.settings.money_style),
            s.payment_label
        )),
        Line::from(Span::styled(
            "The basket stays until the server answers",
            theme::dim(),
        )),
    ];
    frame.render_widget(Paragraph::new(lines).centered(), inner);
}

pub fn alert(text: &str, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(4).max(10);
    let lines = textwrap_lines(&format!("✗ {text}"), width.saturating_sub(2) as usize);
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    // Inside the basket's frame, above its bottom border.
    let rect = Rect {
        x: area.x + 2,
        y: area.y + area.height.saturating_sub(height + 1),
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    let p = Paragraph::new(text_lines(lines))
        .style(theme::alert())
        .block(Block::bordered().style(theme::alert()));
    frame.render_widget(p, rect);
}

fn textwrap_lines(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn text_lines(lines: Vec<String>) -> Vec<Line<'static>> {
    lines.into_iter().map(Line::from).collect()
}

pub fn receipt(app: &App, r: &ReceiptState, frame: &mut Frame, area: Rect) {
    let style = app.settings.money_style;
    let title = match r.order_id {
        Some(id) => format!(" Order {id} recorded "),
        None => " PROVISIONAL — sale queued, not yet on Kash.click ".to_string(),
    };
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut top = vec![
        Line::from(vec![
            Span::raw("Order number  "),
            Span::styled(
                r.order_id.map_or_else(
                    || {
                        format!(
                            "to come (reference {})",
                            r.submission.reference.as_deref().unwrap_or("?")
                        )
                    },
                    |id| id.to_string(),
                ),
                theme::total(),
            ),
        ]),
        Line::from(format!(
            "Total         {}",
            format_money(r.submission.total, style)
        )),
        Line::from(format!("Payment       {}", r.submission.payment_label)),
    ];
    if let Some(t) = r.submission.tendered {
        top.push(Line::from(format!(
            "Tendered      {}",
            format_money(t, style)
        )));
    }
    if let Some(c) = r.change {
        top.push(Line::from(vec![
            Span::raw("Change due    "),
            Span::styled(format_money(c, style), theme::change_due()),
        ]));
    }
    let top_height = top.len() as u16 + 1;
    let [top_area, change_area, _, bottom_area] = Layout::vertical([
        Constraint::Length(top_height),
        Constraint::Length(if r.change.is_some() {
            bigtext::HEIGHT + 2
        } else {
            0
        }),
        Constraint::Min(0),
        Constraint::Length(3),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(top), top_area);
    if let Some(change) = r.change {
        let [label, digits] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(change_area);
        frame.render_widget(
            Paragraph::new(Span::styled("CHANGE DUE", theme::change_due())).centered(),
            label,
        );
        let text = format_money(change, style);
        frame.render_widget(
            BigText {
                text: &text,
                style: theme::change_due(),
            },
            digits,
        );
    }
    let mut bottom = Vec::new();
    if let Some(link) = &r.link {
        bottom.push(Line::from(vec![
            Span::raw("Invoice  "),
            Span::styled(link.clone(), theme::dim()),
        ]));
    }
    bottom.push(Line::from(Span::styled(
        "Any key: next sale (a scan starts it)",
        theme::dim(),
    )));
    frame.render_widget(
        Paragraph::new(bottom).wrap(Wrap { trim: true }),
        bottom_area,
    );
}

pub fn unknown_code(code: &str, frame: &mut Frame, area: Rect) {
    let inner = popup(frame, area, 56, 7, "Unknown code");
    let lines = vec![
        Line::from(vec![
            Span::raw("No item has the code "),
            Span::styled(code.to_string(), theme::total()),
        ]),
        Line::default(),
        Line::from(vec![
            Span::styled("Enter", theme::key()),
            Span::raw(" search the item by name"),
        ]),
        Line::from(vec![
            Span::styled("F10", theme::key()),
            Span::raw("   free line at a typed price in a department"),
        ]),
        Line::from(vec![
            Span::styled("Esc", theme::key()),
            Span::raw("   ignore: nothing is added"),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn attention(app: &App, selected: usize, frame: &mut Frame, area: Rect) {
    let height = (app.attention.len() as u16 * 2 + 6).min(area.height);
    let inner = popup(
        frame,
        area,
        area.width.saturating_sub(4).min(76),
        height,
        "Sales to settle",
    );
    let width = inner.width.saturating_sub(4) as usize;
    let mut lines = vec![Line::from(Span::styled(
        "Their outcome is unknown. Check Kash.click, then choose.",
        theme::dim(),
    ))];
    for (i, a) in app.attention.iter().enumerate() {
        let marker = if i == selected { "▶ " } else { "  " };
        let style = if i == selected {
            theme::selected()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::from(Span::styled(
            format!("{marker}{}", a.reference),
            style,
        )));
        lines.push(Line::from(Span::styled(
            format!("  {}", fit(&a.why, width)),
            theme::dim(),
        )));
    }
    lines.push(Line::default());
    lines.push(Line::from(format!(
        "Order number if already recorded: {}█",
        app.entry
    )));
    frame.render_widget(Paragraph::new(lines), inner);
}
