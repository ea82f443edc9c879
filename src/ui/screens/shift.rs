//! The drawer's shift: the figures as the X report prints them, and the dialogs of the float,
//! cash in and out, the count by note and coin and the close.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use rust_decimal::Decimal;

use super::super::theme;
use super::super::widgets::{fit, popup};
use crate::app::screen::{ShiftMove, ShiftState, ShiftStep};
use crate::app::state::App;
use crate::i18n::{n, s};
use crate::money::{MoneyStyle, format_money};
use crate::print::layout::{Report, ReportRow};
use crate::shift::{Counted, DENOMINATIONS, count_total, local_time};

/// A label and a value at the two ends of `width`; the label gives way, never the figure.
fn pair(label: &str, value: &str, width: usize, style: Style) -> Line<'static> {
    let value_len = value.chars().count();
    let room = width.saturating_sub(value_len + 1);
    let label = fit(label, room);
    let gap = width.saturating_sub(label.chars().count() + value_len);
    Line::from(vec![
        Span::styled(label, style),
        Span::raw(" ".repeat(gap)),
        Span::styled(value.to_string(), style),
    ])
}

/// The report's rows as lines of `width`.
pub fn report_lines(report: &Report, width: usize, style: MoneyStyle) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        report.title.clone(),
        theme::total(),
    ))];
    for row in &report.rows {
        lines.push(match row {
            ReportRow::Amount(label, amount) => {
                let strong = label.starts_with('=');
                let style_of = if strong { theme::total() } else { Style::new() };
                pair(label, &format_money(*amount, style), width, style_of)
            }
            ReportRow::Text(label, value) => pair(label, value, width, Style::new()),
            ReportRow::Heading(h) => Line::from(Span::styled(
                fit(h, width),
                Style::new().add_modifier(Modifier::BOLD),
            )),
            ReportRow::Rule => Line::from(Span::styled("─".repeat(width), theme::dim())),
        });
    }
    lines
}

pub fn render(app: &App, state: &ShiftState, frame: &mut Frame, area: Rect) {
    let l = app.settings.lang;
    let style = app.settings.money_style;
    let title = match &state.figures {
        Some(f) => format!(
            " {} — {} ",
            l.t("context-shift"),
            l.ta("shift-header", &[("number", n(f.number))])
        ),
        None => format!(" {} ", l.t("context-shift")),
    };
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width.saturating_sub(2)).min(64);
    let x = inner.x + 1;
    let body = Rect {
        x,
        width: u16::try_from(width).unwrap_or(inner.width),
        ..inner
    };
    let mut lines: Vec<Line> = Vec::new();
    if let ShiftStep::Closed(closed) = &state.step {
        let number = closed.event.close_number.unwrap_or_default();
        lines.push(Line::from(Span::styled(
            l.ta("shift-closed", &[("number", n(number))]),
            theme::change_due(),
        )));
        match &closed.export {
            Ok(path) => lines.push(Line::from(Span::styled(
                fit(
                    &l.ta("shift-exported", &[("path", s(path.display().to_string()))]),
                    width,
                ),
                theme::dim(),
            ))),
            Err(e) => lines.push(Line::from(Span::styled(
                fit(&l.ta("shift-export-failed", &[("error", s(e))]), width),
                theme::alert(),
            ))),
        }
        lines.push(Line::default());
        let report = crate::shift::report(
            &closed.figures,
            Some(&closed.counted),
            Some(number),
            app.local_now(),
            app.settings.utc_offset,
            l,
            style,
        );
        lines.extend(report_lines(&report, width, style));
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            l.t("shift-after-close"),
            theme::dim(),
        )));
        frame.render_widget(Paragraph::new(lines).scroll((state.scroll, 0)), body);
        return;
    }
    let Some(figures) = &state.figures else {
        let text = state.error.as_ref().map_or_else(
            || Span::styled(l.t("shift-loading"), theme::dim()),
            |e| Span::styled(l.ta("shift-failed", &[("error", s(e))]), theme::alert()),
        );
        frame.render_widget(Paragraph::new(Line::from(text)), body);
        return;
    };
    let today = Some(app.local_now().date());
    lines.push(match &figures.float {
        Some((_, at)) => Line::from(Span::styled(
            l.ta(
                "shift-float-at",
                &[("at", s(local_time(at, app.settings.utc_offset, today)))],
            ),
            theme::dim(),
        )),
        None => Line::from(Span::styled(l.t("shift-no-float"), theme::alert())),
    });
    if figures.x_reports > 0 {
        lines.push(Line::from(Span::styled(
            l.ta("shift-x-count", &[("count", n(figures.x_reports))]),
            theme::dim(),
        )));
    }
    let report = crate::shift::report(
        figures,
        None,
        None,
        app.local_now(),
        app.settings.utc_offset,
        l,
        style,
    );
    lines.extend(report_lines(&report, width, style));
    // The expected cash matters most: when the figures do not fit, it stays on the last row,
    // the rest scrolling above it.
    let expected = report.rows.iter().rev().find_map(|row| match row {
        ReportRow::Amount(label, amount) if label.starts_with('=') => Some(pair(
            label,
            &format_money(*amount, style),
            width,
            theme::total(),
        )),
        _ => None,
    });
    let overflows = u16::try_from(lines.len()).unwrap_or(u16::MAX) > body.height;
    let (figures_area, pinned) = match expected {
        Some(line) if overflows && body.height > 2 => {
            let [top, bottom] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(body);
            (top, Some((line, bottom)))
        }
        _ => (body, None),
    };
    let max_scroll = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_sub(figures_area.height);
    frame.render_widget(
        Paragraph::new(lines).scroll((state.scroll.min(max_scroll), 0)),
        figures_area,
    );
    if let Some((line, bottom)) = pinned {
        frame.render_widget(Paragraph::new(line), bottom);
    }
    match &state.step {
        ShiftStep::Amount {
            what,
            amount,
            reason,
            field,
        } => amount_dialog(app, *what, amount, reason, *field, frame, area),
        ShiftStep::Count {
            what,
            counts,
            selected,
        } => count_dialog(app, *what, counts, *selected, frame, area),
        ShiftStep::ConfirmClose(counted) => confirm_dialog(app, figures, counted, frame, area),
        ShiftStep::Busy => {
            let inner = popup(frame, area, 40.min(area.width), 3, "");
            frame.render_widget(Paragraph::new(l.t("shift-busy")), inner);
        }
        ShiftStep::Overview | ShiftStep::Closed(_) => {}
    }
}

fn ask(what: ShiftMove) -> &'static str {
    match what {
        ShiftMove::Float => "shift-ask-float",
        ShiftMove::CashIn => "shift-ask-in",
        ShiftMove::CashOut => "shift-ask-out",
        ShiftMove::Close => "shift-ask-counted",
    }
}

fn amount_dialog(
    app: &App,
    what: ShiftMove,
    amount: &str,
    reason: &str,
    field: usize,
    frame: &mut Frame,
    area: Rect,
) {
    let l = app.settings.lang;
    let with_reason = matches!(what, ShiftMove::CashIn | ShiftMove::CashOut);
    let height = if with_reason { 7 } else { 6 };
    let inner = popup(
        frame,
        area,
        area.width.saturating_sub(4).min(56),
        height,
        &l.t(ask(what)),
    );
    let width = usize::from(inner.width);
    let cursor = |on: bool| if on { "█" } else { "" };
    let field_style = |on: bool| if on { theme::selected() } else { Style::new() };
    let mut lines = vec![Line::from(vec![
        Span::raw(format!("{} ", l.t("shift-amount"))),
        Span::styled(
            format!("{amount}{}", cursor(field == 0)),
            field_style(field == 0),
        ),
    ])];
    if with_reason {
        let shown = fit(reason, width.saturating_sub(12));
        lines.push(Line::from(vec![
            Span::raw(format!("{} ", l.t("shift-reason"))),
            Span::styled(
                format!("{shown}{}", cursor(field == 1)),
                field_style(field == 1),
            ),
        ]));
    } else {
        lines.push(Line::default());
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        fit(&footer_hint(app, with_reason), width),
        theme::dim(),
    )));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The dialog's keys from the keymap, as the footer says them, but for the one that does not
/// apply (no reason to go to on a float, no count by note on cash in and out).
fn footer_hint(app: &App, with_reason: bool) -> String {
    use crate::app::keymap::{Action, Context, Scope, key_name};
    let scope = Scope::Screen(Context::ShiftForm);
    let lang = app.settings.lang;
    app.keymap
        .bindings(scope)
        .iter()
        .filter(|b| !b.label.is_empty())
        .filter(|b| match b.action {
            Action::NextField => with_reason,
            Action::CountByNote => !with_reason,
            _ => true,
        })
        .map(|b| {
            format!(
                "{}: {}",
                super::super::help::key_label(lang, &key_name(b.code, b.modifiers)),
                super::super::help::label(lang, scope, b)
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

fn count_dialog(
    app: &App,
    what: ShiftMove,
    counts: &[u32],
    selected: usize,
    frame: &mut Frame,
    area: Rect,
) {
    let l = app.settings.lang;
    let style = app.settings.money_style;
    // Rows that fit: the border, the total and the hint take 5.
    let room = usize::from(area.height.saturating_sub(7)).max(3);
    let shown = DENOMINATIONS.len().min(room);
    let height = u16::try_from(shown + 5).unwrap_or(area.height);
    let title = format!("{} · {}", l.t(ask(what)), l.t("shift-by-note"));
    let inner = popup(
        frame,
        area,
        area.width.saturating_sub(4).min(60),
        height,
        &title,
    );
    let width = usize::from(inner.width);
    let first = selected.saturating_sub(shown.saturating_sub(1));
    let mut lines = Vec::new();
    for (i, (value, count)) in DENOMINATIONS
        .iter()
        .zip(counts.iter())
        .enumerate()
        .skip(first)
        .take(shown)
    {
        let line_style = if i == selected {
            theme::selected()
        } else {
            Style::new()
        };
        let subtotal = value.saturating_mul(Decimal::from(*count));
        let label = format!(
            "{} {:>10} × {:>5}",
            if i == selected { "▶" } else { " " },
            format_money(*value, style),
            count
        );
        lines.push(pair(
            &label,
            &format_money(subtotal, style),
            width,
            line_style,
        ));
    }
    let pairs: Vec<(Decimal, u32)> = DENOMINATIONS
        .iter()
        .copied()
        .zip(counts.iter().copied())
        .collect();
    let total = count_total(&pairs).map_or_else(|| "—".to_string(), |t| format_money(t, style));
    lines.push(pair(
        &l.t("shift-count-total"),
        &total,
        width,
        theme::total(),
    ));
    lines.push(Line::from(Span::styled(
        fit(&l.t("shift-count-hint"), width),
        theme::dim(),
    )));
    frame.render_widget(Paragraph::new(lines), inner);
}

fn confirm_dialog(
    app: &App,
    figures: &crate::shift::ShiftFigures,
    counted: &Counted,
    frame: &mut Frame,
    area: Rect,
) {
    let l = app.settings.lang;
    let style = app.settings.money_style;
    let inner = popup(
        frame,
        area,
        area.width.saturating_sub(4).min(60),
        9,
        &l.t("context-shift"),
    );
    let width = usize::from(inner.width);
    let difference = counted.difference(figures);
    let diff_style = if difference.is_zero() {
        theme::change_due()
    } else {
        theme::alert()
    };
    let lines = vec![
        Line::from(fit(
            &l.ta("shift-confirm-close", &[("number", n(figures.number))]),
            width,
        )),
        Line::from(Span::styled(
            fit(&l.t("shift-confirm-final"), width),
            theme::dim(),
        )),
        pair(
            &l.t("shift-expected"),
            &format_money(figures.expected_cash(), style),
            width,
            Style::new(),
        ),
        pair(
            &l.t("shift-counted"),
            &format_money(counted.amount, style),
            width,
            Style::new(),
        ),
        pair(
            &l.t("shift-difference"),
            &format_money(difference, style),
            width,
            diff_style,
        ),
        Line::default(),
        Line::from(Span::styled(
            fit(&l.t("shift-confirm-hint"), width),
            theme::dim(),
        )),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
}
