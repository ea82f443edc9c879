//! The sale screen: the basket (or a recalled order's lines and the new ones), the total,
//! the entry line and the payment keys.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, TableState};
use rust_decimal::Decimal;

use super::super::format::capital;
use super::super::widgets::bigtext::{self, BigText};
use super::super::widgets::{FigureRow, basket_table, fit};
use super::super::{WIDE, theme};
use crate::app::screen::Screen;
use crate::app::state::App;
use crate::i18n::{n, number, s};
use crate::money::{format_amount, format_money, format_quantity};
use crate::pos::sale::sale_total;

/// Draws the sale screen and returns the basket's area, where dialogs go. `basket` false
/// leaves that area to a screen drawn in its place (departments, payment).
pub fn render(app: &App, frame: &mut Frame, area: Rect, basket: bool) -> Rect {
    let wide = area.width >= WIDE;
    let [main, side] = if wide {
        Layout::horizontal([Constraint::Min(40), Constraint::Length(34)]).areas(area)
    } else {
        [area, Rect::default()]
    };
    let pay_rows = if wide { 0 } else { 2 };
    // Narrow, the total is a band of three rows under the basket, its figure in large digits:
    // the most visible thing on the screen.
    let total_rows = if wide { 0 } else { bigtext::COMPACT_HEIGHT };
    let [basket_area, total_area, entry_area, pay_area] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(total_rows),
        Constraint::Length(3),
        Constraint::Length(pay_rows),
    ])
    .areas(main);
    if basket {
        render_basket(app, frame, basket_area);
        super::customers::sale_flag(app, frame, basket_area);
    }
    if wide {
        render_side(app, frame, side);
    } else {
        render_total_row(app, frame, total_area);
        render_pay_keys(app, frame, pay_area);
    }
    render_entry(app, frame, entry_area);
    basket_area
}

fn render_basket(app: &App, frame: &mut Frame, area: Rect) {
    if app.orders.recalled.is_some() {
        recalled_basket(app, frame, area);
        return;
    }
    let style = app.settings.money_style;
    let l = app.settings.lang;
    let count = app.basket.lines.len();
    let title = if count == 0 {
        format!(" {} ", l.t("basket-empty"))
    } else {
        let articles = app.basket.article_count();
        format!(
            " {} ",
            l.ta(
                "basket-count",
                &[
                    ("lines", n(count)),
                    ("articles", s(format_quantity(articles, style))),
                    ("articles_n", number(articles)),
                ]
            )
        )
    };
    let block = Block::bordered().title(basket_title(app, title, area.width));
    if count == 0 {
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let hint = vec![
            Line::default(),
            Line::from(Span::styled(l.t("basket-hint-1"), theme::dim())),
            Line::from(Span::styled(l.t("basket-hint-2"), theme::dim())),
        ];
        frame.render_widget(Paragraph::new(hint).centered(), inner);
        return;
    }
    let mut rows: Vec<FigureRow> = app
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
            FigureRow {
                marker: marker.to_string(),
                title,
                title_style: None,
                figures: line_figures(l, style),
                style: line_style(app, i),
            }
        })
        .collect();
    // The basket's discount, below the lines: what it takes off the total.
    let off = app.basket.discount_amount();
    if let Some(d) = app.basket.discount.filter(|_| !off.is_zero()) {
        let label = match d {
            crate::pos::basket::LineDiscount::Percent(_) => d.label(style),
            crate::pos::basket::LineDiscount::Amount(_) => String::new(),
        };
        rows.push(FigureRow {
            marker: " ".to_string(),
            title: l
                .ta("basket-discount-row", &[("discount", s(label))])
                .trim_end()
                .to_string(),
            title_style: Some(theme::total()),
            figures: [String::new(), String::new(), format_amount(-off, style)],
            style: ratatui::style::Style::default(),
        });
    }
    let shown_rows = rows.len();
    let table = basket_table(app.settings.lang, rows, block, area.width);
    // Keep the selected (or the last changed) line in view; else the end of the basket.
    let mut state = TableState::default()
        .with_selected(app.selected.or(app.last_changed).or(Some(shown_rows - 1)));
    frame.render_stateful_widget(table, area, &mut state);
    more_marks(app, frame, area, state.offset(), shown_rows);
}

/// "▲ 3 more above · ▼ 2 more below" on the basket's bottom border when lines are out of view
/// (the borders and the column header take three rows).
fn more_marks(app: &App, frame: &mut Frame, area: Rect, offset: usize, count: usize) {
    let shown = usize::from(area.height.saturating_sub(3));
    let above = offset.min(count);
    let below = count.saturating_sub(offset + shown);
    if above == 0 && below == 0 {
        return;
    }
    let l = app.settings.lang;
    let mut parts = Vec::new();
    if above > 0 {
        parts.push(l.ta("basket-more-above", &[("count", n(above))]));
    }
    if below > 0 {
        parts.push(l.ta("basket-more-below", &[("count", n(below))]));
    }
    let text = format!(" {} ", parts.join(" · "));
    let width = u16::try_from(text.chars().count())
        .unwrap_or(u16::MAX)
        .min(area.width.saturating_sub(4));
    if width == 0 || area.height < 2 {
        return;
    }
    let mark = Rect {
        x: area.x + area.width.saturating_sub(width + 2),
        y: area.y + area.height - 1,
        width,
        height: 1,
    };
    frame.render_widget(
        Paragraph::new(fit(&text, usize::from(width))).style(theme::dim()),
        mark,
    );
}

/// The total band (narrow screens): the words on the left ("TOTAL  4,90 €", or in a split
/// the total, what is paid and "DUE  2,90 €"), the figure that matters in three-row digits on
/// the right. When the large figure does not fit beside the words, the words alone, in one
/// reversed row: a figure is never cut.
fn render_total_row(app: &App, frame: &mut Frame, area: Rect) {
    use unicode_width::UnicodeWidthStr;
    let style = app.settings.money_style;
    let l = app.settings.lang;
    let split = !app.tenders.is_empty();
    let total_text = format_money(total(app), style);
    let (first, main, figure) = if split {
        (
            format!(
                "{} {total_text} · {} {}",
                l.t("side-total"),
                l.t("paid-word"),
                format_money(app.tendered(), style)
            ),
            format!("{}  {}", l.t("due-caps"), format_money(app.due(), style)),
            format_money(app.due(), style),
        )
    } else {
        (
            String::new(),
            format!("{}  {total_text}", l.t("total-caps")),
            total_text.clone(),
        )
    };
    let words = first.width().max(main.width()) + 2;
    let big = bigtext::width(&figure).map(|w| usize::from(w) + 1);
    let row = |y: u16| Rect {
        y: area.y + y.min(area.height.saturating_sub(1)),
        height: 1,
        ..area
    };
    let chip = theme::total().add_modifier(ratatui::style::Modifier::REVERSED);
    if let Some(b) = big.filter(|b| words + b + 2 <= usize::from(area.width) && area.height >= 3) {
        let [left, right] = Layout::horizontal([
            Constraint::Min(0),
            Constraint::Length(u16::try_from(b).unwrap_or(u16::MAX)),
        ])
        .areas(area);
        if !first.is_empty() {
            frame.render_widget(
                Paragraph::new(format!(" {first}")).style(theme::dim()),
                Rect {
                    y: left.y,
                    height: 1,
                    ..left
                },
            );
        }
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::raw(" "),
                Span::styled(format!(" {main} "), chip),
            ])),
            Rect {
                y: left.y + 1,
                height: 1,
                ..left
            },
        );
        frame.render_widget(
            bigtext::CompactText {
                text: &figure,
                style: theme::total(),
            },
            Rect {
                width: right.width.saturating_sub(1),
                ..right
            },
        );
    } else {
        // One row, as wide as it must be: the words reversed, right-aligned.
        let label = if split {
            format!(" {first} · {main} ")
        } else {
            format!(" {main} ")
        };
        let pad = usize::from(area.width).saturating_sub(label.width());
        let line = Line::from(vec![Span::raw(" ".repeat(pad)), Span::styled(label, chip)]);
        frame.render_widget(Paragraph::new(line), row(1));
    }
}

/// The sale's total: a recalled order's and the new lines'.
fn total(app: &App) -> Decimal {
    sale_total(&app.basket, app.orders.recalled.as_ref())
}

fn entry_title(app: &App) -> String {
    let id = match app.screen {
        Screen::Search(_) => "entry-search",
        Screen::Departments(_) => "entry-department",
        Screen::Tender { .. } => "entry-tender",
        _ => "entry-code",
    };
    format!(" {} ", app.settings.lang.t(id))
}

fn render_entry(app: &App, frame: &mut Frame, area: Rect) {
    let block = if app.flash {
        // A refused code: the entry line flashes, the reason is in the message line.
        Block::bordered()
            .title(format!(" ✗ {} ", app.settings.lang.t("entry-refused")))
            .border_style(theme::alert())
            .style(theme::alert())
    } else {
        Block::bordered().title(entry_title(app))
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let text = entry_text(&app.entry, usize::from(inner.width));
    frame.render_widget(Paragraph::new(text.clone()), inner);
    let cursor_x = inner.x
        + (unicode_width::UnicodeWidthStr::width(text.as_str()) as u16)
            .min(inner.width.saturating_sub(1));
    frame.set_cursor_position((cursor_x, inner.y));
}

/// The entry line within `width` columns, the cursor's column free: a long entry scrolls, its
/// end (where the cashier types) in view and `…` for what went off to the left.
pub fn entry_text(entry: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let full = format!("> {entry}");
    if full.width() < width {
        return full;
    }
    let room = width.saturating_sub(4);
    let mut tail: Vec<char> = Vec::new();
    let mut used = 0;
    for c in entry.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        tail.push(c);
    }
    tail.reverse();
    format!("> …{}", tail.into_iter().collect::<String>())
}

/// The F-keys of the payment modes, on two rows of four.
fn render_pay_keys(app: &App, frame: &mut Frame, area: Rect) {
    // In the line editor F1…F4 are the discounts, in the cashier picker F2 and F3 the PIN and
    // the till, and signing in they pay nothing: the payment labels would say otherwise.
    if matches!(
        app.screen,
        Screen::LineEdit(_) | Screen::Cashiers(_) | Screen::SignIn(_)
    ) {
        return;
    }
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
    let l = app.settings.lang;
    let split = !app.tenders.is_empty();
    // Split at the counter: the big figure is what is still due, and below it what was paid.
    let title = if split {
        format!(" {} ", l.t("due-word"))
    } else {
        format!(" {} ", l.t("side-total"))
    };
    let block = Block::bordered().title(fit(&title, usize::from(area.width.saturating_sub(2))));
    let inner = block.inner(total_area);
    frame.render_widget(block, total_area);
    let shown = if split { app.due() } else { total(app) };
    let amount = format_amount(shown, style);
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
    let words = if split {
        l.ta(
            "side-paid-of",
            &[
                ("paid", s(format_money(app.tendered(), style))),
                ("total", s(format_money(total(app), style))),
            ],
        )
    } else {
        format_money(shown, style)
    };
    let words = Paragraph::new(fit(&words, usize::from(inner.width)))
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
    let paying = !matches!(
        app.screen,
        Screen::LineEdit(_) | Screen::Cashiers(_) | Screen::SignIn(_)
    );
    for (i, m) in app
        .lists
        .payment_modes
        .iter()
        .take(if paying { 8 } else { 0 })
        .enumerate()
    {
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
        Span::raw(format!(" {}", l.t("side-every-mode"))),
    ]));
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(format!(" {} ", l.t("side-pay")))),
        modes_area,
    );
}

/// The order context in a few words: "Table 2 · 4 cov. · pager 12 · On site · Léa Martin".
pub fn context_summary(app: &App) -> String {
    let c = &app.orders.context;
    let l = app.settings.lang;
    let mut parts = Vec::new();
    if let Some(t) = c.table_id {
        parts.push(app.table_title(t));
    }
    if let Some(covers) = c.covers {
        parts.push(l.ta("context-covers", &[("covers", n(covers))]));
    }
    if let Some(p) = c.pager {
        parts.push(l.ta("context-pager", &[("pager", s(p.to_string()))]));
    }
    if let Some(d) = c.delivery {
        parts.push(l.word("delivery", d.label()));
    }
    if let Some(id) = c.customer_id {
        let flag = if app.orders.customers.get(id).is_some_and(|c| c.blacklist) {
            "⚑ "
        } else {
            ""
        };
        parts.push(format!("{flag}{}", app.orders.customer_name(id)));
    } else if let Some(new) = &c.new_customer {
        parts.push(l.ta(
            "context-new-customer",
            &[("name", s(crate::pos::customers::new_name(new)))],
        ));
    }
    // The till's own reference tag in the private comment is no comment of the cashier's.
    if !c.public_comment.is_empty()
        || !crate::pos::sale::comment_without_tags(&c.private_comment).is_empty()
    {
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
    let short = format!(
        " {} · ",
        app.settings
            .lang
            .ta("basket-short", &[("lines", n(app.basket.lines.len()))])
    );
    let rest = room.saturating_sub(short.width() + 1);
    format!("{short}{} ", fit(&summary, rest))
}

/// The basket of a recalled order: the lines on the server (read-only), then the new ones.
pub fn recalled_basket(app: &App, frame: &mut Frame, area: Rect) {
    let Some(r) = &app.orders.recalled else {
        return;
    };
    let style = app.settings.money_style;
    let l = app.settings.lang;
    let mut head = format!(" {} ", capital(&l.order_label(&r.order)));
    if r.order.validated {
        head.push_str(&format!("({}) ", l.t("recalled-validated")));
    }
    if r.gone {
        head.push_str(&format!("({}) ", l.t("recalled-gone")));
    }
    let summary = context_summary(app);
    if !summary.is_empty() {
        head.push_str(&format!("· {summary} "));
    }
    let block = Block::bordered().title(head);
    let mut rows: Vec<FigureRow> = r
        .order
        .items
        .iter()
        .map(|l| FigureRow {
            marker: "·".to_string(),
            title: app.order_line_title(l),
            title_style: None,
            figures: [
                format_quantity(l.quantity, style),
                format_amount(l.price, style),
                format_amount(
                    crate::money::round_cents(l.quantity.saturating_mul(l.price)),
                    style,
                ),
            ],
            style: theme::dim(),
        })
        .collect();
    if r.order.unreadable_lines > 0 {
        // Never an empty basket beside the server's total: say what could not be read.
        rows.push(FigureRow {
            marker: "!".to_string(),
            title: l.ta(
                "recalled-unreadable",
                &[("count", crate::i18n::n(r.order.unreadable_lines))],
            ),
            title_style: Some(theme::alert()),
            ..FigureRow::default()
        });
    }
    let sent = rows.len();
    let new_label = format!(
        "── {} ──",
        l.t(if r.order.validated {
            "recalled-sep-validated"
        } else if app.basket.is_empty() {
            "recalled-sep-new"
        } else {
            "recalled-sep-unsent"
        })
    );
    rows.push(FigureRow {
        title: new_label,
        title_style: Some(theme::dim()),
        ..FigureRow::default()
    });
    for (i, line) in app.basket.lines.iter().enumerate() {
        let marker = if app.selected == Some(i) { "▶" } else { "+" };
        rows.push(FigureRow {
            marker: marker.to_string(),
            title: line.display_title(),
            title_style: None,
            figures: line_figures(line, style),
            style: line_style(app, i),
        });
    }
    let table = basket_table(app.settings.lang, rows, block, area.width);
    let focus = app
        .selected
        .or(app.last_changed)
        .map_or(sent + app.basket.lines.len(), |i| sent + 1 + i);
    let mut state = TableState::default().with_selected(Some(focus));
    frame.render_stateful_widget(table, area, &mut state);
}

/// Quantity, unit price and total of a basket line, whole.
fn line_figures(
    l: &crate::pos::basket::BasketLine,
    style: crate::money::MoneyStyle,
) -> [String; 3] {
    [
        format_quantity(l.quantity, style),
        format_amount(l.unit_price, style),
        format_amount(l.total(), style),
    ]
}

/// The selected line, else the line changed last, stands out.
fn line_style(app: &App, i: usize) -> ratatui::style::Style {
    if app.selected == Some(i) {
        theme::selected()
    } else if app.last_changed == Some(i) {
        theme::changed()
    } else {
        ratatui::style::Style::default()
    }
}
