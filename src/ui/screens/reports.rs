//! The server's day (F12): the day's totals from the `CSV` export, its rows, the `Std` report,
//! and the dialog that saves an export to a file.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::super::theme;
use super::super::widgets::{fit, popup, textwrap_lines};
use crate::app::screen::{Fetch, ReportTab, ReportsState, SAVE_FORMATS, SaveState, SaveStep};
use crate::app::state::App;
use crate::i18n::{Lang, n, s};
use crate::kash::SalesFormat;
use crate::money::format_money;
use crate::sales_report::{Csv, Group, Role, SalesTable, Unreadable};

/// The widest a column of the rows' table is drawn.
const COLUMN_MAX: usize = 18;

/// The order of the known columns in the rows' table; the others follow as in the file.
const DISPLAY_ORDER: [Role; 9] = [
    Role::Date,
    Role::Order,
    Role::Total,
    Role::PaymentMode,
    Role::Department,
    Role::User,
    Role::Title,
    Role::Quantity,
    Role::UnitPrice,
];

pub fn render(app: &App, state: &ReportsState, frame: &mut Frame, area: Rect) {
    let l = app.settings.lang;
    let day = state.day.to_string();
    let title = if Some(state.day) == state.today.previous_day() {
        l.ta("reports-title-yesterday", &[("day", s(day))])
    } else if state.day == state.today {
        l.ta("reports-title-today", &[("day", s(day))])
    } else {
        l.ta("reports-title", &[("day", s(day))])
    };
    let block = Block::bordered().title(format!(" {title} "));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [tabs_area, date_area, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    render_tabs(l, state, frame, tabs_area);
    render_date(l, state, frame, date_area);
    let width = usize::from(body.width);
    let lines = match state.tab {
        ReportTab::Totals => totals_lines(app, state, width),
        ReportTab::Table => table_lines(l, state, width),
        ReportTab::Std => std_lines(l, state, width),
    };
    let height = usize::from(body.height);
    let start = state.scroll.min(lines.len().saturating_sub(1));
    let more_below = lines.len() > start + height;
    let mut shown: Vec<Line> = lines.into_iter().skip(start).take(height).collect();
    if more_below && let Some(last) = shown.last_mut() {
        *last = Line::from(Span::styled(l.t("reports-more-below"), theme::dim()));
    }
    if start > 0
        && let Some(first) = shown.first_mut()
    {
        *first = Line::from(Span::styled(l.t("reports-more-above"), theme::dim()));
    }
    frame.render_widget(Paragraph::new(shown), body);
    if let Some(save) = &state.save {
        render_save(l, save, frame, area);
    }
}

fn render_tabs(l: Lang, state: &ReportsState, frame: &mut Frame, area: Rect) {
    let mut spans = Vec::new();
    for tab in ReportTab::ALL {
        let name = l.t(match tab {
            ReportTab::Totals => "reports-tab-totals",
            ReportTab::Table => "reports-tab-rows",
            ReportTab::Std => "reports-tab-std",
        });
        let style = if tab == state.tab {
            theme::selected()
        } else {
            theme::dim()
        };
        spans.push(Span::styled(format!(" {name} "), style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_date(l: Lang, state: &ReportsState, frame: &mut Frame, area: Rect) {
    let line = if let Some(e) = &state.error {
        Line::from(Span::styled(
            fit(&format!(" {e}"), usize::from(area.width)),
            theme::alert(),
        ))
    } else if state.typed.is_empty() {
        Line::from(Span::styled(
            fit(
                &format!(
                    " {}",
                    l.t(if state.tab == ReportTab::Table {
                        "reports-date-hint-rows"
                    } else {
                        "reports-date-hint"
                    })
                ),
                usize::from(area.width),
            ),
            theme::dim(),
        ))
    } else {
        Line::from(vec![
            Span::raw(format!(" {} ", l.t("reports-date"))),
            Span::styled(format!("{}▏", state.typed), theme::changed()),
        ])
    };
    frame.render_widget(Paragraph::new(line), area);
}

fn loading_or_failed<T>(l: Lang, fetch: &Fetch<T>, width: usize) -> Option<Vec<Line<'static>>> {
    match fetch {
        Fetch::Loading => Some(vec![
            Line::raw(""),
            Line::from(Span::styled(
                format!(" {}", l.t("reports-loading")),
                theme::dim(),
            )),
        ]),
        Fetch::Failed(e) => {
            let mut lines = vec![Line::raw("")];
            for part in textwrap_lines(e, width.saturating_sub(2).max(10)) {
                lines.push(Line::from(Span::styled(format!(" {part}"), theme::alert())));
            }
            Some(lines)
        }
        Fetch::Ready(_) => None,
    }
}

fn unreadable_lines(
    l: Lang,
    why: Unreadable,
    first: &[String],
    width: usize,
) -> Vec<Line<'static>> {
    let why = l.t(match why {
        Unreadable::Empty => "reports-csv-empty",
        Unreadable::Html => "reports-csv-html",
        Unreadable::Binary => "reports-csv-binary",
        Unreadable::NoColumns => "reports-csv-no-columns",
        Unreadable::Unclosed => "reports-csv-unclosed",
        Unreadable::Overflow => "reports-csv-overflow",
    });
    let text = l.ta("reports-csv-unreadable", &[("why", s(why))]);
    let mut lines: Vec<Line> = textwrap_lines(&text, width.saturating_sub(2).max(10))
        .into_iter()
        .map(|t| Line::from(Span::styled(format!(" {t}"), theme::alert())))
        .collect();
    for f in first {
        lines.push(Line::from(Span::styled(
            fit(&format!("   {f}"), width),
            theme::dim(),
        )));
    }
    lines
}

fn totals_lines(app: &App, state: &ReportsState, width: usize) -> Vec<Line<'static>> {
    let l = app.settings.lang;
    if let Some(lines) = loading_or_failed(l, &state.csv, width) {
        return lines;
    }
    let table = match &state.csv {
        Fetch::Ready(Csv::Read(t)) => t,
        Fetch::Ready(Csv::Unreadable { why, first_lines }) => {
            return unreadable_lines(l, *why, first_lines, width);
        }
        _ => return Vec::new(),
    };
    let money = |d| format_money(d, app.settings.money_style);
    let t = &table.totals;
    let mut lines = vec![Line::raw("")];
    let mut head = vec![l.ta("reports-rows", &[("count", n(t.rows))])];
    if let Some(orders) = t.orders {
        head.insert(0, l.ta("reports-orders", &[("count", n(orders))]));
    }
    if let Some(g) = t.grand {
        lines.push(Line::from(vec![
            Span::raw(format!(" {} · ", head.join(" · "))),
            Span::styled(
                format!("{} {}", l.t("reports-total"), money(g)),
                theme::total(),
            ),
        ]));
    } else {
        lines.push(Line::raw(format!(" {}", head.join(" · "))));
        lines.push(Line::from(Span::styled(
            format!(" {}", l.t("reports-no-amount")),
            theme::alert(),
        )));
    }
    if t.unreadable > 0 {
        lines.push(Line::from(Span::styled(
            format!(
                " {}",
                l.ta("reports-unreadable-amounts", &[("count", n(t.unreadable))])
            ),
            theme::alert(),
        )));
    }
    if t.total_rows > 0 {
        lines.push(Line::from(Span::styled(
            format!(
                " {}",
                l.ta("reports-total-rows", &[("count", n(t.total_rows))])
            ),
            theme::dim(),
        )));
    }
    if t.grand.is_none() {
        return lines;
    }
    let name_width = width.saturating_sub(2 + 8 + 16).max(8);
    for (heading, groups) in [
        ("reports-by-mode", &t.by_mode),
        ("reports-by-department", &t.by_department),
        ("reports-by-user", &t.by_user),
    ] {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(
            format!(" {}", l.t(heading)),
            theme::header().add_modifier(Modifier::BOLD),
        )));
        if groups.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("   {}", l.t("reports-not-in-export")),
                theme::dim(),
            )));
        }
        for Group { name, rows, total } in groups {
            lines.push(Line::raw(format!(
                "   {:<name_width$}{:>6}{:>16}",
                fit(name, name_width.saturating_sub(1)),
                rows,
                money(*total),
            )));
        }
    }
    lines
}

/// The cells of a column, laid to `width` (figures to the right).
fn cell(text: &str, width: usize, right: bool) -> String {
    let t = fit(&text.replace(['\n', '\r'], " "), width);
    let pad = " ".repeat(width.saturating_sub(t.width()));
    if right {
        format!("{pad}{t}")
    } else {
        format!("{t}{pad}")
    }
}

fn table_lines(l: Lang, state: &ReportsState, width: usize) -> Vec<Line<'static>> {
    if let Some(lines) = loading_or_failed(l, &state.csv, width) {
        return lines;
    }
    let table: &SalesTable = match &state.csv {
        Fetch::Ready(Csv::Read(t)) => t,
        Fetch::Ready(Csv::Unreadable { why, first_lines }) => {
            return unreadable_lines(l, *why, first_lines, width);
        }
        _ => return Vec::new(),
    };
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .chain([table.headers.len()])
        .max()
        .unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            table
                .rows
                .iter()
                .filter_map(|r| r.get(c))
                .chain(table.headers.get(c))
                .map(|t| t.width())
                .max()
                .unwrap_or(1)
                .clamp(1, COLUMN_MAX)
        })
        .collect();
    let right = |c: usize| {
        matches!(
            table.roles.get(c).copied().flatten(),
            Some(Role::Total | Role::UnitPrice | Role::Quantity)
        )
    };
    // The columns the totals come from first (the amount seen on a narrow terminal), then
    // the others in the file's order.
    let rank = |c: usize| {
        DISPLAY_ORDER
            .iter()
            .position(|r| table.roles.get(c).copied().flatten() == Some(*r))
            .unwrap_or(DISPLAY_ORDER.len())
    };
    let mut order: Vec<usize> = (0..columns).collect();
    order.sort_by_key(|c| rank(*c));
    // Scrolled right: the first columns give way, and `…` says so.
    let skip = state.column.min(columns.saturating_sub(1));
    let lead = if skip > 0 { "…" } else { " " };
    let line_of = |row: &[String]| -> String {
        let cells: Vec<String> = order
            .iter()
            .skip(skip)
            .map(|&c| cell(row.get(c).map_or("", String::as_str), widths[c], right(c)))
            .collect();
        fit(&format!("{lead}{}", cells.join(" │ ")), width)
    };
    let mut lines = vec![Line::from(Span::styled(
        line_of(&table.headers),
        theme::header().add_modifier(Modifier::BOLD),
    ))];
    if table.rows.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(" {}", l.t("reports-no-rows")),
            theme::dim(),
        )));
    }
    lines.extend(table.rows.iter().map(|r| Line::raw(line_of(r))));
    lines
}

fn std_lines(l: Lang, state: &ReportsState, width: usize) -> Vec<Line<'static>> {
    if let Some(lines) = loading_or_failed(l, &state.std, width) {
        return lines;
    }
    let Fetch::Ready(text) = &state.std else {
        return Vec::new();
    };
    if text.is_empty() {
        return vec![Line::from(Span::styled(
            format!(" {}", l.t("reports-std-empty")),
            theme::dim(),
        ))];
    }
    text.iter()
        .map(|t| Line::raw(fit(&format!(" {t}"), width)))
        .collect()
}

/// The name of a format in the dialog.
pub fn format_name(format: SalesFormat) -> &'static str {
    match format {
        SalesFormat::Pdf => "PDF",
        SalesFormat::Xls => "XLS (Excel)",
        SalesFormat::Csv => "CSV",
        SalesFormat::Fec => "FEC (frafec)",
        SalesFormat::Saft => "SAF-T (saft)",
        SalesFormat::Std => "Std (HTML)",
    }
}

/// The end of a path that fits `width` (the file's name is what matters).
fn path_tail(path: &str, width: usize) -> String {
    if path.width() <= width {
        return path.to_string();
    }
    let chars: Vec<char> = path.chars().collect();
    let mut out: Vec<char> = Vec::new();
    let mut w = 1;
    for c in chars.iter().rev() {
        let cw = unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
        if w + cw > width {
            break;
        }
        w += cw;
        out.push(*c);
    }
    out.reverse();
    format!("…{}", out.into_iter().collect::<String>())
}

fn render_save(l: Lang, save: &SaveState, frame: &mut Frame, area: Rect) {
    let height = u16::try_from(SAVE_FORMATS.len()).unwrap_or(5) + 9;
    let inner = popup(frame, area, 70, height, &l.t("reports-save-title"));
    let width = usize::from(inner.width);
    let mut lines = vec![Line::raw(format!(" {}", l.t("reports-save-format")))];
    for (i, f) in SAVE_FORMATS.iter().enumerate() {
        let chosen = i == save.format;
        let text = format!(" {} {}", if chosen { "▸" } else { " " }, format_name(*f));
        lines.push(if chosen {
            Line::from(Span::styled(text, theme::selected()))
        } else {
            Line::raw(text)
        });
    }
    lines.push(Line::raw(""));
    let label = format!(" {} ", l.t("reports-save-path"));
    let editing = save.step == SaveStep::Choosing;
    let room = width.saturating_sub(label.width() + 2);
    lines.push(Line::from(vec![
        Span::raw(label),
        Span::styled(
            format!(
                "{}{}",
                path_tail(&save.path, room),
                if editing { "▏" } else { "" }
            ),
            theme::changed(),
        ),
    ]));
    lines.push(Line::raw(""));
    let status_at = lines.len();
    match &save.step {
        SaveStep::Choosing => lines.push(Line::from(Span::styled(
            fit(&format!(" {}", l.t("reports-save-hint")), width),
            theme::dim(),
        ))),
        SaveStep::Saving { received, .. } if *received == 0 => lines.push(Line::from(
            Span::styled(format!(" {}", l.t("reports-save-asking")), theme::dim()),
        )),
        SaveStep::Saving { .. } => {}
        SaveStep::Saved(path) => {
            for t in textwrap_lines(
                &l.ta("report-saved", &[("path", s(path.clone()))]),
                width.saturating_sub(2).max(10),
            ) {
                lines.push(Line::from(Span::styled(format!(" {t}"), theme::changed())));
            }
        }
        SaveStep::Failed(e) => {
            for t in textwrap_lines(e, width.saturating_sub(2).max(10)) {
                lines.push(Line::from(Span::styled(format!(" {t}"), theme::alert())));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let SaveStep::Saving { received, total } = save.step
        && received > 0
    {
        let y = inner.y + u16::try_from(status_at).unwrap_or(0);
        if y < inner.y + inner.height {
            let bar = Rect {
                x: inner.x + 1,
                y,
                width: inner.width.saturating_sub(2),
                height: 1,
            };
            let (ratio, label) = match total {
                Some(t) if t > 0 => (
                    (received as f64 / t as f64).clamp(0.0, 1.0),
                    l.ta(
                        "reports-save-progress",
                        &[
                            ("received", s(received.to_string())),
                            ("total", s(t.to_string())),
                        ],
                    ),
                ),
                _ => (
                    0.0,
                    l.ta(
                        "reports-save-received",
                        &[("received", s(received.to_string()))],
                    ),
                ),
            };
            frame.render_widget(
                Gauge::default()
                    .ratio(ratio)
                    .label(label)
                    .gauge_style(theme::total()),
                bar,
            );
        }
    }
}
