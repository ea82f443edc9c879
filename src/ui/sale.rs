//! The sale screen: the basket, the total, the entry line and the payment keys, with the
//! dialogs of the current mode drawn over it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

use super::bigtext::{self, BigText};
use super::{WIDE, dialogs, fit, orders, theme};
use crate::app::state::{App, Mode};
use crate::money::{format_amount, format_money, format_quantity};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    if let Mode::Receipt(r) = &app.mode {
        dialogs::receipt(app, r, frame, area);
        return;
    }
    let wide = area.width >= WIDE;
    let [main, side] = if wide {
        Layout::horizontal([Constraint::Min(40), Constraint::Length(34)]).areas(area)
    } else {
        [area, Rect::default()]
    };
    let pay_rows = if wide { 0 } else { 2 };
    let [basket_area, total_area, entry_area, pay_area] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(if wide { 0 } else { 1 }),
        Constraint::Length(3),
        Constraint::Length(pay_rows),
    ])
    .areas(main);

    match &app.mode {
        Mode::Departments(d) => dialogs::departments(app, d, frame, basket_area),
        Mode::Payment { selected } => dialogs::payment(app, *selected, frame, basket_area),
        _ => render_basket(app, frame, basket_area),
    }
    if !wide {
        render_total_row(app, frame, total_area);
        render_pay_keys(app, frame, pay_area);
    } else {
        render_side(app, frame, side);
    }
    render_entry(app, frame, entry_area);

    match &app.mode {
        Mode::Search(s) => dialogs::search(app, s, frame, basket_area),
        Mode::LineEdit(s) => dialogs::line_edit(app, s, frame, basket_area),
        Mode::Variation(s) => dialogs::variation(app, s, frame, basket_area),
        Mode::Tender { mode_index } => dialogs::tender(app, *mode_index, frame, basket_area),
        Mode::Confirm(kind) => dialogs::confirm(*kind, frame, basket_area),
        Mode::Submitting(s) => dialogs::submitting(app, s, frame, basket_area),
        Mode::UnknownCode(code) => dialogs::unknown_code(code, frame, basket_area),
        Mode::Attention { selected } => dialogs::attention(app, *selected, frame, basket_area),
        Mode::Orders(m) => orders::dialog(app, m, frame, basket_area),
        _ => {}
    }
    if let Some(alert) = &app.alert {
        dialogs::alert(alert, frame, basket_area);
    }
}

fn render_basket(app: &App, frame: &mut Frame, area: Rect) {
    if app.orders.recalled.is_some() {
        orders::recalled_basket(app, frame, area);
        return;
    }
    let style = app.settings.money_style;
    let count = app.basket.lines.len();
    let title = if count == 0 {
        " Basket — empty ".to_string()
    } else {
        format!(
            " Basket — {count} line(s), {} article(s) ",
            format_quantity(app.basket.article_count(), style)
        )
    };
    let block = Block::bordered().title(orders::basket_title(app, title, area.width));
    if count == 0 {
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let hint = vec![
            Line::default(),
            Line::from(Span::styled(
                "Scan a barcode, type a code or an item id and Enter,",
                theme::dim(),
            )),
            Line::from(Span::styled(
                "or type letters to search by name.  F10: departments.  ?: help",
                theme::dim(),
            )),
        ];
        frame.render_widget(Paragraph::new(hint).centered(), inner);
        return;
    }
    let title_width = area.width.saturating_sub(2 + 2 + 8 + 10 + 10 + 4) as usize;
    let rows: Vec<Row> = app
        .basket
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let marker = if app.selected == Some(i) { "▶" } else { " " };
            let mut title = l.display_title();
            if let Some(d) = l.discount {
                title.push_str(&format!(" {}", d.label(style)));
            }
            if l.price_overridden {
                title.push_str(" *");
            }
            if let Some(note) = &l.note {
                title.push_str(&format!(" [{note}]"));
            }
            let row = Row::new(vec![
                Cell::from(marker),
                Cell::from(fit(&title, title_width.max(8))),
                Cell::from(Line::from(format_quantity(l.quantity, style)).right_aligned()),
                Cell::from(Line::from(format_amount(l.unit_price, style)).right_aligned()),
                Cell::from(Line::from(format_amount(l.total(), style)).right_aligned()),
            ]);
            if app.selected == Some(i) {
                row.style(theme::selected())
            } else if app.last_changed == Some(i) {
                row.style(theme::changed())
            } else {
                row
            }
        })
        .collect();
    let table = basket_table(rows, block);
    // Keep the selected (or the last changed) line in view.
    let mut state =
        TableState::default().with_selected(app.selected.or(app.last_changed).or(Some(count - 1)));
    frame.render_stateful_widget(table, area, &mut state);
}

/// The basket's table: marker, item, quantity, unit price, total (the sale and a recalled order).
pub(crate) fn basket_table<'a>(rows: Vec<Row<'a>>, block: Block<'a>) -> Table<'a> {
    let header = Row::new(vec![
        Cell::from(""),
        Cell::from("Item"),
        Cell::from(Line::from("Qty").right_aligned()),
        Cell::from(Line::from("Unit").right_aligned()),
        Cell::from(Line::from("Total").right_aligned()),
    ])
    .style(theme::dim().add_modifier(Modifier::UNDERLINED));
    Table::new(
        rows,
        [
            Constraint::Length(1),
            Constraint::Min(8),
            Constraint::Length(8),
            Constraint::Length(10),
            Constraint::Length(10),
        ],
    )
    .header(header)
    .block(block)
}

fn render_total_row(app: &App, frame: &mut Frame, area: Rect) {
    let total = format_money(orders::sale_total(app), app.settings.money_style);
    let label = format!("TOTAL  {total} ");
    let pad = (area.width as usize).saturating_sub(label.chars().count());
    let line = Line::from(vec![
        Span::raw(" ".repeat(pad)),
        Span::styled(label, theme::total()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

fn entry_title(app: &App) -> &'static str {
    match app.mode {
        Mode::Search(_) => " Search by name ",
        Mode::Departments(_) => " Amount for a free line in the department ",
        Mode::Tender { .. } => " Cash tendered (Enter alone: exact amount) ",
        _ => " Code, quantity (3*) or name ",
    }
}

fn render_entry(app: &App, frame: &mut Frame, area: Rect) {
    let block = if app.flash {
        // A refused code: the entry line flashes, the reason is in the message line.
        Block::bordered()
            .title(" ✗ Code refused: scan again ")
            .border_style(theme::alert())
            .style(theme::alert())
    } else {
        Block::bordered().title(entry_title(app))
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let text = format!("> {}", app.entry);
    frame.render_widget(Paragraph::new(text.clone()), inner);
    let cursor_x = inner.x
        + (unicode_width::UnicodeWidthStr::width(text.as_str()) as u16)
            .min(inner.width.saturating_sub(1));
    frame.set_cursor_position((cursor_x, inner.y));
}

/// The F-keys of the payment modes, on two rows of four.
fn render_pay_keys(app: &App, frame: &mut Frame, area: Rect) {
    let modes: Vec<_> = app.lists.payment_modes.iter().take(8).collect();
    let per = (area.width as usize / 4).max(8);
    let mut lines = Vec::new();
    for (row, chunk) in modes.chunks(4).enumerate() {
        let mut spans = Vec::new();
        for (j, m) in chunk.iter().enumerate() {
            let key = format!("F{}", row * 4 + j + 1);
            let width = per - key.len();
            spans.push(Span::styled(key, theme::key()));
            spans.push(Span::raw(format!(
                "{:<width$}",
                fit(&format!(" {}", m.title), width - 1)
            )));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn render_side(app: &App, frame: &mut Frame, area: Rect) {
    let style = app.settings.money_style;
    let [total_area, modes_area] =
        Layout::vertical([Constraint::Length(bigtext::HEIGHT + 3), Constraint::Min(3)]).areas(area);
    let block = Block::bordered().title(" Total ");
    let inner = block.inner(total_area);
    frame.render_widget(block, total_area);
    let amount = format_amount(orders::sale_total(app), style);
    frame.render_widget(
        BigText {
            text: &amount,
            style: theme::total(),
        },
        Rect {
            height: bigtext::HEIGHT,
            ..inner
        },
    );
    let words = Paragraph::new(format_money(orders::sale_total(app), style))
        .centered()
        .style(theme::total());
    frame.render_widget(
        words,
        Rect {
            y: inner.y + bigtext::HEIGHT,
            height: 1,
            ..inner
        },
    );

    let mut lines = Vec::new();
    for (i, m) in app.lists.payment_modes.iter().take(8).enumerate() {
        lines.push(Line::from(vec![
            Span::styled(format!(" F{} ", i + 1), theme::key()),
            Span::raw(format!(
                " {}",
                fit(&m.title, area.width.saturating_sub(8) as usize)
            )),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled(" F9 ", theme::key()),
        Span::raw(" Every mode, unpaid, open"),
    ]));
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Pay ")),
        modes_area,
    );
}
