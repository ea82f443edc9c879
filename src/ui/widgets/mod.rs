//! Pieces the screens share: a popup, an alert box, the basket's table, a selectable list,
//! the width-aware cut of a text, and the big digits of the total.

pub mod bigtext;
pub mod qr;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Paragraph, Row, Table, TableState};

use super::format::freshness;
use super::theme;
use crate::app::state::{App, Severity};

/// A bordered, titled box centred in `area`, cleared first; returns its inside.
pub fn popup(frame: &mut Frame, area: Rect, width: u16, height: u16, title: &str) -> Rect {
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::bordered().title(format!(" {title} "));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// A centred rectangle of at most `width` × `height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Cuts a text to `width` columns, with `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
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

pub fn textwrap_lines(text: &str, width: usize) -> Vec<String> {
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

pub fn text_lines(lines: Vec<String>) -> Vec<Line<'static>> {
    lines.into_iter().map(Line::from).collect()
}

/// One row of the basket's table: a marker, a title, and its three figures (quantity, unit
/// price, total), which are never cut.
#[derive(Debug, Clone, Default)]
pub struct FigureRow {
    pub marker: String,
    pub title: String,
    /// The title's own style (a separator, a warning), over the row's.
    pub title_style: Option<ratatui::style::Style>,
    pub figures: [String; 3],
    pub style: ratatui::style::Style,
}

/// The widths of the figure columns: each as wide as its widest figure or header.
pub fn figure_widths(lang: crate::i18n::Lang, rows: &[FigureRow]) -> [u16; 3] {
    use unicode_width::UnicodeWidthStr;
    let headers = [lang.t("col-qty"), lang.t("col-unit"), lang.t("col-total")];
    let mut widths = [0u16; 3];
    for (i, w) in widths.iter_mut().enumerate() {
        let widest = rows
            .iter()
            .map(|r| r.figures[i].width())
            .chain(std::iter::once(headers[i].width()))
            .max()
            .unwrap_or(0);
        *w = u16::try_from(widest).unwrap_or(u16::MAX);
    }
    widths
}

/// The basket's table: marker, item, quantity, unit price, total (the sale and a recalled
/// order). The figure columns size to their content and the title gives way: a number is
/// never shown in part.
pub fn basket_table<'a>(
    lang: crate::i18n::Lang,
    rows: Vec<FigureRow>,
    block: Block<'a>,
    width: u16,
) -> Table<'a> {
    let widths = figure_widths(lang, &rows);
    // Borders, the marker, and two spaces between each of the five columns.
    let fixed = 2 + 1 + 4 * 2 + widths.iter().sum::<u16>();
    let title_width = usize::from(width.saturating_sub(fixed));
    let header = Row::new(vec![
        Cell::from(""),
        Cell::from(fit(&lang.t("col-item"), title_width)),
        Cell::from(Line::from(lang.t("col-qty")).right_aligned()),
        Cell::from(Line::from(lang.t("col-unit")).right_aligned()),
        Cell::from(Line::from(lang.t("col-total")).right_aligned()),
    ])
    .style(theme::dim().add_modifier(Modifier::UNDERLINED));
    let rows: Vec<Row<'a>> = rows
        .into_iter()
        .map(|r| {
            let title = fit(&r.title, title_width);
            let title = match r.title_style {
                Some(s) => Cell::from(Span::styled(title, s)),
                None => Cell::from(title),
            };
            let [q, u, t] = r.figures;
            Row::new(vec![
                Cell::from(r.marker),
                title,
                Cell::from(Line::from(q).right_aligned()),
                Cell::from(Line::from(u).right_aligned()),
                Cell::from(Line::from(t).right_aligned()),
            ])
            .style(r.style)
        })
        .collect();
    Table::new(
        rows,
        [
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(widths[0]),
            Constraint::Length(widths[1]),
            Constraint::Length(widths[2]),
        ],
    )
    .column_spacing(2)
    .header(header)
    .block(block)
}

pub fn freshness_line(app: &App, width: u16) -> Line<'static> {
    let (sev, text) = freshness(app);
    let text = fit(&text, usize::from(width).saturating_sub(1));
    let style = match sev {
        Severity::Info => theme::dim(),
        other => theme::severity(other),
    };
    Line::from(Span::styled(format!(" {text}"), style))
}

/// The function key that pays with the `index`-th payment mode (F1…F8), or nothing past 8.
pub fn pay_key(index: usize) -> String {
    if index < 8 {
        format!("F{}", index + 1)
    } else {
        String::new()
    }
}

/// A table the cashier moves in: the selected row in the selection style and marked `▶` (the
/// meaning is not in the colour alone), kept in view by ratatui's `TableState`.
pub fn selectable(frame: &mut Frame, area: Rect, table: Table<'_>, selected: Option<usize>) {
    let table = table
        .row_highlight_style(theme::selected())
        .highlight_symbol("▶");
    let mut state = TableState::default().with_selected(selected);
    frame.render_stateful_widget(table, area, &mut state);
}
