//! The screens of restaurant service and open orders: the order context on the sale screen, the
//! recalled order's lines, the table picker, the order details, the open orders, the payments of
//! a recalled order, and refunds.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Paragraph, Row, Table, TableState, Wrap};
use rust_decimal::Decimal;

use super::{centered, fit, theme};
pub use crate::app::orders::sale_total;
use crate::app::orders::{
    self, DETAIL_FIELDS, DetailsState, FIELD_PRIVATE, FIELD_PUBLIC, OrdersMode, PayState,
    RefundState, order_label,
};
use crate::app::state::{App, Severity};
use crate::kash::model::PendingOrder;
use crate::money::{format_amount, format_money, format_quantity};

/// Screens that take the whole body rather than a dialog over the sale.
pub fn full_screen(m: &OrdersMode) -> bool {
    matches!(
        m,
        OrdersMode::OpenOrders { .. }
            | OrdersMode::Pay(_)
            | OrdersMode::RefundOrders { .. }
            | OrdersMode::RefundLines(_)
    )
}

pub fn render_full(app: &App, m: &OrdersMode, frame: &mut Frame, area: Rect) {
    match m {
        OrdersMode::OpenOrders { selected, table } => {
            open_orders(app, *selected, *table, frame, area);
        }
        OrdersMode::Pay(s) => pay(app, s, frame, area),
        OrdersMode::RefundOrders {
            orders,
            selected,
            loading,
            error,
        } => refund_orders(
            app,
            orders,
            *selected,
            *loading,
            error.as_deref(),
            frame,
            area,
        ),
        OrdersMode::RefundLines(s) => refund_lines(app, s, frame, area),
        _ => {}
    }
}

/// Dialogs drawn over the sale screen's basket.
pub fn dialog(app: &App, m: &OrdersMode, frame: &mut Frame, area: Rect) {
    match m {
        OrdersMode::Tables { selected } => tables(app, *selected, frame, area),
        OrdersMode::Details(s) => details(app, s, frame, area),
        OrdersMode::Sending { label, .. } => {
            let inner = popup(frame, area, 50, 5, "Sending");
            frame.render_widget(
                Paragraph::new(vec![
                    Line::from(format!("{label}…")),
                    Line::from(Span::styled("Keys wait for the answer.", theme::dim())),
                ])
                .wrap(Wrap { trim: true }),
                inner,
            );
        }
        _ => {}
    }
}

fn popup(frame: &mut Frame, area: Rect, width: u16, height: u16, title: &str) -> Rect {
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::bordered().title(format!(" {title} "));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// The order context in a few words: "Table 2 · 4 cov. · pager 12 · On site · Léa Martin".
pub fn context_summary(app: &App) -> String {
    let c = &app.orders.context;
    let mut parts = Vec::new();
    if let Some(t) = c.table_id {
        parts.push(app.orders.table_title(app, t));
    }
    if let Some(n) = c.covers {
        parts.push(format!("{n} cov."));
    }
    if let Some(p) = c.pager {
        parts.push(format!("pager {p}"));
    }
    if let Some(d) = c.delivery {
        parts.push(d.label().to_string());
    }
    if let Some(id) = c.customer_id {
        parts.push(app.orders.customer_name(id));
    }
    if !c.public_comment.is_empty() || !c.private_comment.is_empty() {
        parts.push("✎".to_string());
    }
    parts.join(" · ")
}

/// The basket's title with the order context, when there is one, within `width` columns.
pub fn basket_title(app: &App, base: String, width: u16) -> String {
    use unicode_width::UnicodeWidthStr;
    let summary = context_summary(app);
    if summary.is_empty() {
        return base;
    }
    let room = usize::from(width).saturating_sub(4);
    let full = format!("{} · {summary} ", base.trim_end());
    if full.width() <= room {
        return full;
    }
    // The context matters more than the line count: a short base, then the context cut with "…".
    let short = format!(" Basket ({}) · ", app.basket.lines.len());
    let rest = room.saturating_sub(short.width() + 1);
    format!("{short}{} ", fit(&summary, rest))
}

/// The basket of a recalled order: the lines on the server (read-only), then the new ones.
pub fn recalled_basket(app: &App, frame: &mut Frame, area: Rect) {
    let Some(r) = &app.orders.recalled else {
        return;
    };
    let style = app.settings.money_style;
    let mut head = format!(" {} ", capital(&order_label(&r.order)));
    if r.order.validated {
        head.push_str("(validated) ");
    }
    if r.gone {
        head.push_str("(closed elsewhere) ");
    }
    let summary = context_summary(app);
    if !summary.is_empty() {
        head.push_str(&format!("· {summary} "));
    }
    let block = Block::bordered().title(head);
    let title_width = area.width.saturating_sub(2 + 2 + 8 + 10 + 10 + 4) as usize;
    let mut rows: Vec<Row> = r
        .order
        .items
        .iter()
        .map(|l| {
            Row::new(vec![
                Cell::from("·"),
                Cell::from(fit(&l.title, title_width.max(8))),
                Cell::from(Line::from(format_quantity(l.quantity, style)).right_aligned()),
                Cell::from(Line::from(format_amount(l.price, style)).right_aligned()),
                Cell::from(
                    Line::from(format_amount(
                        crate::money::round_cents(l.quantity * l.price),
                        style,
                    ))
                    .right_aligned(),
                ),
            ])
            .style(theme::dim())
        })
        .collect();
    let sent = rows.len();
    let new_label = if r.order.validated {
        "── validated: F9 records payments ──"
    } else if app.basket.is_empty() {
        "── new lines: scan or type; F9 pays ──"
    } else {
        "── not sent: Ctrl-P sends, F9 pays ──"
    };
    rows.push(Row::new(vec![
        Cell::from(""),
        Cell::from(Span::styled(new_label, theme::dim())),
    ]));
    for (i, l) in app.basket.lines.iter().enumerate() {
        let marker = if app.selected == Some(i) { "▶" } else { "+" };
        let row = Row::new(vec![
            Cell::from(marker),
            Cell::from(fit(&l.display_title(), title_width.max(8))),
            Cell::from(Line::from(format_quantity(l.quantity, style)).right_aligned()),
            Cell::from(Line::from(format_amount(l.unit_price, style)).right_aligned()),
            Cell::from(Line::from(format_amount(l.total(), style)).right_aligned()),
        ]);
        rows.push(if app.selected == Some(i) {
            row.style(theme::selected())
        } else if app.last_changed == Some(i) {
            row.style(theme::changed())
        } else {
            row
        });
    }
    let table = super::sale::basket_table(rows, block);
    let focus = app
        .selected
        .or(app.last_changed)
        .map_or(sent + app.basket.lines.len(), |i| sent + 1 + i);
    let mut state = TableState::default().with_selected(Some(focus));
    frame.render_stateful_widget(table, area, &mut state);
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn freshness_line(app: &App, width: u16) -> Line<'static> {
    let (sev, text) = orders::freshness(app);
    let text = fit(&text, usize::from(width).saturating_sub(1));
    let style = match sev {
        Severity::Info => theme::dim(),
        other => theme::severity(other),
    };
    Line::from(Span::styled(format!(" {text}"), style))
}

fn tables(app: &App, selected: usize, frame: &mut Frame, area: Rect) {
    let style = app.settings.money_style;
    let height = (app.lists.tables.len() as u16 + 4).min(area.height);
    let inner = popup(frame, area, 60, height, "Table");
    let [list_area, fresh_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let rows: Vec<Row> = app
        .lists
        .tables
        .iter()
        .map(|t| {
            let open = orders::visible_orders(app, Some(t.id));
            let total: Decimal = open.iter().map(|o| o.price).sum();
            let status = if open.is_empty() {
                Span::styled("free", theme::dim())
            } else {
                Span::styled(
                    format!("{} open · {}", open.len(), format_money(total, style)),
                    theme::changed(),
                )
            };
            let current = if app.orders.context.table_id == Some(t.id) {
                "✓"
            } else {
                ""
            };
            Row::new(vec![
                Cell::from(t.title.clone()),
                Cell::from(format!("{} seats", t.covers)),
                Cell::from(status),
                Cell::from(current),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Min(10),
            Constraint::Length(9),
            Constraint::Length(22),
            Constraint::Length(1),
        ],
    )
    .row_highlight_style(theme::selected())
    .highlight_symbol("▶");
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, list_area, &mut state);
    frame.render_widget(
        Paragraph::new(freshness_line(app, fresh_area.width)),
        fresh_area,
    );
}

fn details(app: &App, s: &DetailsState, frame: &mut Frame, area: Rect) {
    let inner = popup(frame, area, 70, 20, "Order details");
    let comment_rows = inner.height.saturating_sub(5) / 2;
    let [covers, pager, delivery, customer, public, private, error] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(comment_rows.max(3)),
        Constraint::Length(comment_rows.max(3)),
        Constraint::Length(1),
    ])
    .areas(inner);
    let field = |i: usize, value: String, rect: Rect, frame: &mut Frame| {
        let focused = s.field == i;
        let label = format!("{:>10} ", DETAIL_FIELDS[i]);
        let value_style = if focused {
            theme::selected()
        } else {
            ratatui::style::Style::new()
        };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(label, theme::dim()),
                Span::styled(format!(" {value} "), value_style),
            ])),
            rect,
        );
    };
    field(0, s.covers.clone(), covers, frame);
    field(1, s.pager.clone(), pager, frame);
    let d = s.delivery.map_or("—".to_string(), |d| {
        format!("‹ {} ›  ({})", d.label(), d.code())
    });
    field(2, d, delivery, frame);
    let c = s.customer_id.map_or_else(
        || {
            if app.orders.customers.is_empty() {
                "— (no customers loaded)".to_string()
            } else {
                format!("—  ({} customers: ←/→)", app.orders.customers.len())
            }
        },
        |id| format!("‹ {} ›", app.orders.customer_name(id)),
    );
    field(3, c, customer, frame);
    for (i, comment, rect) in [
        (FIELD_PUBLIC, &s.public_comment, public),
        (FIELD_PRIVATE, &s.private_comment, private),
    ] {
        let mut ta = comment.0.clone();
        let title = if i == FIELD_PUBLIC {
            " Public comment (on the receipt) "
        } else {
            " Private comment (staff only) "
        };
        let block = Block::bordered().title(title);
        ta.set_block(if s.field == i {
            block.border_style(theme::total())
        } else {
            block.border_style(theme::dim())
        });
        if s.field != i {
            ta.set_cursor_style(ratatui::style::Style::new());
        }
        ta.set_cursor_line_style(ratatui::style::Style::new());
        frame.render_widget(&ta, rect);
    }
    if let Some(e) = &s.error {
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("✗ {e}"),
                theme::severity(Severity::Error),
            )),
            error,
        );
    } else if s.field >= FIELD_PUBLIC {
        frame.render_widget(
            Paragraph::new(Span::styled(
                "Enter: new line · Ctrl-S: apply",
                theme::dim(),
            )),
            error,
        );
    }
}

fn status_of(o: &PendingOrder, app: &App) -> String {
    let style = app.settings.money_style;
    match (o.validated, o.paid) {
        (_, Some(p)) if !p.is_zero() => format!("paid {}", format_amount(p, style)),
        (true, _) => "validated".to_string(),
        (false, _) => "open".to_string(),
    }
}

fn open_orders(app: &App, selected: usize, table: Option<u64>, frame: &mut Frame, area: Rect) {
    let style = app.settings.money_style;
    let list = orders::visible_orders(app, table);
    let filter = table.map_or("all tables".to_string(), |t| app.orders.table_title(app, t));
    let block = Block::bordered().title(format!(" Open orders — {} · {filter} ", list.len()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [fresh_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(freshness_line(app, fresh_area.width)),
        fresh_area,
    );
    if list.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                "  No open order. Ctrl-P on the sale screen parks one.",
                theme::dim(),
            )),
            list_area,
        );
        return;
    }
    let wide = area.width >= 100;
    let rows: Vec<Row> = list
        .iter()
        .map(|o| {
            let table = o
                .table_id
                .filter(|t| *t != 0)
                .map(|t| app.orders.table_title(app, t))
                .unwrap_or_else(|| "—".to_string());
            let age = orders::age(&o.date, app.orders.now)
                .map_or_else(|| "?".to_string(), orders::format_age);
            let customer = o
                .client_id
                .filter(|c| *c != 0)
                .map(|c| app.orders.customer_name(c))
                .unwrap_or_default();
            let mut cells = vec![
                Cell::from(order_label(o).trim_start_matches("order ").to_string()),
                Cell::from(table),
                Cell::from(
                    Line::from(o.covers.map(|c| c.to_string()).unwrap_or_default()).right_aligned(),
                ),
                Cell::from(Line::from(format_amount(o.price, style)).right_aligned()),
                Cell::from(Line::from(age).right_aligned()),
                Cell::from(customer),
            ];
            if wide {
                cells.push(Cell::from(status_of(o, app)));
            }
            Row::new(cells)
        })
        .collect();
    let mut header = vec![
        Cell::from("Order"),
        Cell::from("Table"),
        Cell::from(Line::from("Cov.").right_aligned()),
        Cell::from(Line::from("Total").right_aligned()),
        Cell::from(Line::from("Age").right_aligned()),
        Cell::from("Customer"),
    ];
    let mut widths = vec![
        Constraint::Length(9),
        Constraint::Length(10),
        Constraint::Length(4),
        Constraint::Length(10),
        Constraint::Length(8),
        Constraint::Min(8),
    ];
    if wide {
        header.push(Cell::from("Status"));
        widths.push(Constraint::Length(16));
    }
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme::dim().add_modifier(Modifier::UNDERLINED)))
        .row_highlight_style(theme::selected())
        .highlight_symbol("▶");
    let mut state = TableState::default().with_selected(Some(selected.min(list.len() - 1)));
    frame.render_stateful_widget(table, list_area, &mut state);
}

fn pay(app: &App, s: &PayState, frame: &mut Frame, area: Rect) {
    let style = app.settings.money_style;
    let Some(r) = &app.orders.recalled else {
        return;
    };
    let block = Block::bordered().title(format!(
        " Payments — {}{} ",
        order_label(&r.order),
        if r.order.validated {
            " (validated)"
        } else {
            ""
        }
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(inner);

    // Left: the amounts and the payments so far.
    let mut lines = vec![
        Line::from(vec![
            Span::raw(format!("{:<14}", "Total")),
            Span::styled(format_money(r.total(), style), theme::total()),
        ]),
        Line::from(vec![
            Span::raw(format!("{:<14}", "Paid")),
            Span::raw(format_money(r.paid(), style)),
        ]),
        Line::from(vec![
            Span::styled(format!("{:<14}", "Still due"), theme::total()),
            Span::styled(format_money(r.due(), style), theme::total()),
        ]),
        Line::default(),
    ];
    if !r.payments.is_empty() {
        lines.push(Line::from(Span::styled("Recorded here:", theme::dim())));
        for (mode, amount) in &r.payments {
            lines.push(Line::from(format!(
                "  {} {}",
                fit(mode, 16),
                format_money(*amount, style)
            )));
        }
        lines.push(Line::default());
    }
    if let Some(change) = s.done {
        lines.push(Line::from(Span::styled(
            "Paid in full.",
            theme::change_due(),
        )));
        if !change.is_zero() {
            lines.push(Line::from(Span::styled(
                format!("Change to give: {}", format_money(change, style)),
                theme::change_due(),
            )));
        }
        lines.push(Line::from(Span::styled("Any key: new sale", theme::dim())));
    } else {
        let typed = if s.amount.is_empty() {
            format!("(empty: {})", format_money(r.due(), style))
        } else {
            s.amount.clone()
        };
        lines.push(Line::from(vec![
            Span::raw("Amount > "),
            Span::styled(typed, theme::total()),
        ]));
        lines.push(Line::from(Span::styled(
            "Type an amount, then F1–F8 or Enter",
            theme::dim(),
        )));
        if let Some(e) = &s.error {
            lines.push(Line::from(Span::styled(
                format!("✗ {e}"),
                theme::severity(Severity::Error),
            )));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), left);

    // Right: the modes.
    let rows: Vec<Row> = app
        .lists
        .payment_modes
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let key = super::pay_key(i);
            let title = if m.is_refund() {
                Span::styled(m.title.clone(), theme::dim())
            } else {
                Span::raw(m.title.clone())
            };
            Row::new(vec![
                Cell::from(Span::styled(key, theme::key())),
                Cell::from(title),
            ])
        })
        .collect();
    let table = Table::new(rows, [Constraint::Length(3), Constraint::Min(8)])
        .block(Block::bordered().title(" Mode "))
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always)
        .row_highlight_style(theme::selected())
        .highlight_symbol("▶");
    let mut state = TableState::default().with_selected(s.done.is_none().then_some(s.selected));
    frame.render_stateful_widget(table, right, &mut state);
}

fn refund_orders(
    app: &App,
    list: &[PendingOrder],
    selected: usize,
    loading: bool,
    error: Option<&str>,
    frame: &mut Frame,
    area: Rect,
) {
    let style = app.settings.money_style;
    let block = Block::bordered().title(" Refund — validated orders of the last 7 days ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [note, list_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(Span::styled(
            " A validated order is never changed: the refund is a new order with negative quantities.",
            theme::dim(),
        ))
        .wrap(Wrap { trim: true }),
        note,
    );
    if loading {
        frame.render_widget(Paragraph::new(" Loading the validated orders…"), list_area);
        return;
    }
    if let Some(e) = error {
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!(" ✗ {e}"),
                theme::severity(Severity::Error),
            )),
            list_area,
        );
        return;
    }
    if list.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                " No validated order in the last 7 days.",
                theme::dim(),
            )),
            list_area,
        );
        return;
    }
    let rows: Vec<Row> = list
        .iter()
        .map(|o| {
            let age = orders::age(&o.date, app.orders.now)
                .map_or_else(|| "?".to_string(), orders::format_age);
            Row::new(vec![
                Cell::from(order_label(o).trim_start_matches("order ").to_string()),
                Cell::from(format!("{} line(s)", o.items.len())),
                Cell::from(Line::from(format_amount(o.price, style)).right_aligned()),
                Cell::from(Line::from(age).right_aligned()),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(9),
            Constraint::Min(10),
            Constraint::Length(10),
            Constraint::Length(9),
        ],
    )
    .header(
        Row::new(vec![
            Cell::from("Order"),
            Cell::from("Lines"),
            Cell::from(Line::from("Total").right_aligned()),
            Cell::from(Line::from("Age").right_aligned()),
        ])
        .style(theme::dim().add_modifier(Modifier::UNDERLINED)),
    )
    .row_highlight_style(theme::selected())
    .highlight_symbol("▶");
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, list_area, &mut state);
}

fn refund_lines(app: &App, s: &RefundState, frame: &mut Frame, area: Rect) {
    let style = app.settings.money_style;
    let block = Block::bordered().title(format!(" Refund from {} ", order_label(&s.order)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [note, list_area, total_area] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(
                " {} is validated and stays as it is (French law on POS software): the refund is a new order with negative quantities.",
                capital(&order_label(&s.order))
            ),
            theme::dim(),
        ))
            .wrap(Wrap { trim: true }),
        note,
    );
    let title_width = area.width.saturating_sub(2 + 2 + 8 + 8 + 10 + 10 + 5) as usize;
    let rows: Vec<Row> = s
        .order
        .items
        .iter()
        .zip(&s.quantities)
        .map(|(l, q)| {
            let row = Row::new(vec![
                Cell::from(fit(&l.title, title_width.max(8))),
                Cell::from(Line::from(format_quantity(l.quantity, style)).right_aligned()),
                Cell::from(Line::from(format!("-{}", format_quantity(*q, style))).right_aligned()),
                Cell::from(Line::from(format_amount(l.price, style)).right_aligned()),
                Cell::from(
                    Line::from(format_amount(
                        -crate::money::round_cents(*q * l.price),
                        style,
                    ))
                    .right_aligned(),
                ),
            ]);
            if q.is_zero() {
                row.style(theme::dim())
            } else {
                row
            }
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Min(8),
            Constraint::Length(8),
            Constraint::Length(8),
            Constraint::Length(10),
            Constraint::Length(10),
        ],
    )
    .header(
        Row::new(vec![
            Cell::from("Item"),
            Cell::from(Line::from("Sold").right_aligned()),
            Cell::from(Line::from("Refund").right_aligned()),
            Cell::from(Line::from("Unit").right_aligned()),
            Cell::from(Line::from("Total").right_aligned()),
        ])
        .style(theme::dim().add_modifier(Modifier::UNDERLINED)),
    )
    .row_highlight_style(theme::selected())
    .highlight_symbol("▶");
    let mut state = TableState::default().with_selected(Some(s.selected));
    frame.render_stateful_widget(table, list_area, &mut state);
    let total: Decimal = s
        .order
        .items
        .iter()
        .zip(&s.quantities)
        .map(|(l, q)| crate::money::round_cents(*q * l.price))
        .sum();
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!("Refund total {} ", format_money(-total, style)),
            theme::total(),
        ))
        .right_aligned(),
        total_area,
    );
}
