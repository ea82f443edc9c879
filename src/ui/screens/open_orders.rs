//! The open orders, with their ages and status.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

use super::super::format::{age, format_age};
use super::super::theme;
use super::super::widgets::{freshness_line, selectable};
use crate::app::state::App;
use crate::kash::model::PendingOrder;
use crate::money::format_amount;
use crate::pos::sale::order_label;

fn status_of(o: &PendingOrder, app: &App) -> String {
    let style = app.settings.money_style;
    match (o.validated, o.paid) {
        (_, Some(p)) if !p.is_zero() => format!("paid {}", format_amount(p, style)),
        (true, _) => "validated".to_string(),
        (false, _) => "open".to_string(),
    }
}

pub fn open_orders(app: &App, selected: usize, table: Option<u64>, frame: &mut Frame, area: Rect) {
    let style = app.settings.money_style;
    let list = app.orders.visible(table);
    let filter = table.map_or("all tables".to_string(), |t| app.table_title(t));
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
                .map_or_else(|| "—".to_string(), |t| app.table_title(t));
            let age = age(&o.date, app.orders.now).map_or_else(|| "?".to_string(), format_age);
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
        .header(Row::new(header).style(theme::dim().add_modifier(Modifier::UNDERLINED)));
    selectable(frame, list_area, table, Some(selected.min(list.len() - 1)));
}
