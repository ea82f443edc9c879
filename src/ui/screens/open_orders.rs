//! The open orders, with their ages and status.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

use super::super::format::{age_cell, undated_notes};
use super::super::theme;
use super::super::widgets::{freshness_line, selectable};
use crate::app::state::App;
use crate::kash::model::PendingOrder;
use crate::money::format_amount;

fn status_of(o: &PendingOrder, app: &App) -> String {
    let style = app.settings.money_style;
    let l = app.settings.lang;
    match (o.validated, o.paid) {
        (_, Some(p)) if !p.is_zero() => l.ta(
            "orders-status-paid",
            &[("amount", crate::i18n::s(format_amount(p, style)))],
        ),
        (true, _) => l.t("orders-status-validated"),
        (false, _) => l.t("orders-status-open"),
    }
}

/// An order parked here that the server has not confirmed yet: its state where the customer
/// goes (the widest column).
fn parked_row<'a>(app: &App, p: &crate::app::state::ParkedInJournal, wide: bool) -> Row<'a> {
    let l = app.settings.lang;
    let table = p
        .table_id
        .filter(|t| *t != 0)
        .map_or_else(|| "—".to_string(), |t| app.table_title(t));
    let state = l.t(match p.state {
        crate::journal::State::Queued | crate::journal::State::Sending => "orders-row-waiting",
        crate::journal::State::Uncertain => "orders-row-unknown",
        _ => "orders-row-decide",
    });
    let mut cells = vec![
        Cell::from(l.t("orders-row-parked")),
        Cell::from(table),
        Cell::from(Line::from(p.covers.map(|c| c.to_string()).unwrap_or_default()).right_aligned()),
        Cell::from(
            Line::from(
                p.total
                    .map(|t| format_amount(t, app.settings.money_style))
                    .unwrap_or_default(),
            )
            .right_aligned(),
        ),
        Cell::from(Line::from(age_cell(&p.created_at, app.orders.now, l)).right_aligned()),
    ];
    cells.push(Cell::from(state));
    if wide {
        cells.push(Cell::from(String::new()));
    }
    Row::new(cells).style(theme::severity(crate::app::state::Severity::Warning))
}

pub fn open_orders(app: &App, selected: usize, table: Option<u64>, frame: &mut Frame, area: Rect) {
    let style = app.settings.money_style;
    let list = app.orders.visible(table);
    let l = app.settings.lang;
    let filter = table.map_or_else(|| l.t("orders-all-tables"), |t| app.table_title(t));
    let block = Block::bordered().title(format!(
        " {} — {} · {filter} ",
        l.t("context-open_orders"),
        list.len() + app.orders.parked_visible(table).len()
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [fresh_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(freshness_line(app, fresh_area.width)),
        fresh_area,
    );
    let parked = app.orders.parked_visible(table);
    let total = list.len() + parked.len();
    if total == 0 {
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("  {}", l.t("orders-none")),
                theme::dim(),
            )),
            list_area,
        );
        return;
    }
    let wide = area.width >= 100;
    // Only the rows that fit are built (a day's 10 000 orders cost one screenful a frame): the
    // window that ends at the selection, as the table would scroll to it.
    let selected = selected.min(total - 1);
    let window = |height: u16| {
        let fit = usize::from(height.saturating_sub(1)).max(1);
        let start = (selected + 1).saturating_sub(fit);
        (start, (start + fit).min(total))
    };
    // Orders shown without a (readable) date say so under the list.
    let (first, end) = window(list_area.height);
    let listed = |a: usize, b: usize| &list[a.min(list.len())..b.min(list.len())];
    let notes = undated_notes(listed(first, end).iter().map(|o| o.date.as_str()), l);
    let list_area = if notes.is_empty() {
        list_area
    } else {
        // Each note whole, wrapped to the width (a line never cut).
        let width = usize::from(list_area.width.max(1));
        let height: usize = notes
            .iter()
            .map(|n| (unicode_width::UnicodeWidthStr::width(n.as_str()) + 1).div_ceil(width))
            .sum();
        let [rows_area, note_area] = Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(u16::try_from(height).unwrap_or(u16::MAX)),
        ])
        .areas(list_area);
        let lines: Vec<Line> = notes
            .iter()
            .map(|n| Line::from(Span::styled(format!(" {n}"), theme::dim())))
            .collect();
        frame.render_widget(
            Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
            note_area,
        );
        rows_area
    };
    let (start, end) = window(list_area.height);
    let parked_rows = parked
        .iter()
        .skip(start.saturating_sub(list.len()))
        .take(end.saturating_sub(start.max(list.len())))
        .map(|p| parked_row(app, p, wide));
    let rows: Vec<Row> = listed(start, end)
        .iter()
        .map(|o| {
            let table = o
                .table_id
                .filter(|t| *t != 0)
                .map_or_else(|| "—".to_string(), |t| app.table_title(t));
            let age = age_cell(&o.date, app.orders.now, l);
            let customer = o
                .client_id
                .filter(|c| *c != 0)
                .map(|c| app.orders.customer_name(c))
                .unwrap_or_default();
            let mut cells = vec![
                Cell::from(o.order_id.to_string()),
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
        .chain(parked_rows)
        .collect();
    let mut header = vec![
        Cell::from(l.t("col-order")),
        Cell::from(l.t("col-table")),
        Cell::from(Line::from(l.t("col-covers")).right_aligned()),
        Cell::from(Line::from(l.t("col-total")).right_aligned()),
        Cell::from(Line::from(l.t("col-age")).right_aligned()),
        Cell::from(l.t("col-customer")),
    ];
    let mut widths = vec![
        Constraint::Length(9),
        Constraint::Length(10),
        Constraint::Length(4),
        Constraint::Length(10),
        Constraint::Length(9),
        Constraint::Min(8),
    ];
    if wide {
        header.push(Cell::from(l.t("col-status")));
        widths.push(Constraint::Length(16));
    }
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme::dim().add_modifier(Modifier::UNDERLINED)));
    selectable(frame, list_area, table, Some(selected - start));
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::app::screen::Screen;

    fn screen_text(app: &crate::app::state::App) -> Vec<String> {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal.draw(|f| crate::ui::view(app, f)).unwrap();
        let buffer = terminal.backend().buffer();
        (0..24)
            .map(|y| {
                (0..80)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect()
    }

    #[test]
    fn a_long_list_shows_the_window_that_ends_at_the_selection() {
        let mut app = crate::app::testing::shop();
        let first = app.orders.pending.orders[0].clone();
        app.orders.pending.orders = (0..5000)
            .map(|n| crate::kash::model::PendingOrder {
                order_id: 10_000 + n,
                internal_id: String::new(),
                ..first.clone()
            })
            .collect();
        for (selected, shown) in [(0, "10000"), (40, "10040"), (4999, "14999")] {
            app.screen = Screen::OpenOrders {
                selected,
                table: None,
            };
            let lines = screen_text(&app);
            let marked: Vec<&String> = lines.iter().filter(|l| l.contains('▶')).collect();
            assert_eq!(marked.len(), 1, "{lines:#?}");
            assert!(marked[0].contains(shown), "{selected}: {lines:#?}");
        }
        // At the top, the first orders in order.
        app.screen = Screen::OpenOrders {
            selected: 0,
            table: None,
        };
        let text = screen_text(&app).join("\n");
        let at = |id: &str| text.find(id).unwrap_or(usize::MAX);
        assert!(
            at("10000") < at("10001") && at("10001") < at("10002"),
            "{text}"
        );
    }
}
