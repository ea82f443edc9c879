//! Pure rendering: `view` reads the `App` and draws; no I/O, no waiting. Every screen is
//! snapshot-tested through ratatui's `TestBackend`.

pub mod bigtext;
mod dialogs;
pub mod help;
mod loading;
mod orders;
mod sale;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::keymap::footer;
use crate::app::state::{App, Connection, Mode};

/// Below this width the side panel folds into the rows under the basket.
pub const WIDE: u16 = 100;

pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let [header_area, body, footer_area, message_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(4),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(app, frame, header_area);
    match &app.mode {
        Mode::Loading => loading::render(app, frame, body),
        Mode::Help { .. } => help::render(app, frame, body),
        Mode::Orders(m) if orders::full_screen(m) => orders::render_full(app, m, frame, body),
        _ => sale::render(app, frame, body),
    }
    render_footer(app, frame, footer_area);
    render_message(app, frame, message_area);
}

fn render_header(app: &App, frame: &mut Frame, area: Rect) {
    // The right side (queue, sales to settle, connection) always shows; the left side gives up
    // the till, then the user, when the terminal is narrow.
    let connection = match app.connection {
        Connection::Unknown => "○ connecting",
        Connection::Online => "● online",
        Connection::Offline => "✗ offline",
    };
    let mut right = Vec::new();
    if app.queue_waiting > 0 {
        right.push(Span::styled(
            format!(" {} queued ", app.queue_waiting),
            theme::demo_badge(),
        ));
    }
    if !app.attention.is_empty() {
        right.push(Span::styled(
            format!(" {} to settle: Ctrl-W ", app.attention.len()),
            theme::alert(),
        ));
    }
    right.push(Span::styled(format!(" {connection} "), theme::header()));
    let mut left = vec![Span::styled(
        " kash-pos ",
        theme::header().add_modifier(ratatui::style::Modifier::BOLD),
    )];
    if app.settings.demo {
        left.push(Span::styled(" DEMO ", theme::demo_badge()));
    }
    left.push(Span::styled(
        format!(" shop {} ", app.settings.shop_id),
        theme::header(),
    ));
    let mut optional = vec![Span::styled(
        format!("│ user {} ", app.user_label()),
        theme::header(),
    )];
    if let Some(c) = app.cashbox_label() {
        optional.push(Span::styled(format!("│ till {c} "), theme::header()));
    }
    if !app.missing.is_empty() {
        optional.push(Span::styled("│ ! catalog incomplete ", theme::header()));
    }
    if app.offline_lists.is_some() {
        optional.push(Span::styled("│ lists from local copy ", theme::header()));
    }
    let width = |spans: &[Span]| spans.iter().map(Span::width).sum::<usize>();
    let room = (area.width as usize).saturating_sub(width(&right));
    for span in optional {
        if width(&left) + span.width() <= room {
            left.push(span);
        }
    }
    let pad = room.saturating_sub(width(&left));
    left.push(Span::styled(" ".repeat(pad), theme::header()));
    left.extend(right);
    frame.render_widget(
        Paragraph::new(Line::from(left)).style(theme::header()),
        area,
    );
}

fn render_footer(app: &App, frame: &mut Frame, area: Rect) {
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, label) in footer(app.keymap, app.mode.context()) {
        let text = format!(" {label}  ");
        let width = key.chars().count() + text.chars().count();
        // Whole hints only: one that does not fit is left out, not cut.
        if used + width > area.width as usize + 2 {
            break;
        }
        used += width;
        spans.push(Span::styled(key, theme::key()));
        spans.push(Span::raw(text));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_message(app: &App, frame: &mut Frame, area: Rect) {
    if let Some(m) = &app.message {
        let line = Line::from(vec![
            Span::styled(
                format!(" {} ", theme::severity_mark(m.severity)),
                theme::severity(m.severity),
            ),
            Span::styled(m.text.clone(), theme::severity(m.severity)),
        ]);
        frame.render_widget(Paragraph::new(line), area);
    }
}

/// The function key that pays with the `index`-th payment mode (F1…F8), or nothing past 8.
pub(crate) fn pay_key(index: usize) -> String {
    if index < 8 {
        format!("F{}", index + 1)
    } else {
        String::new()
    }
}

/// A centred rectangle of at most `width` × `height` inside `area`.
pub(crate) fn centered(area: Rect, width: u16, height: u16) -> Rect {
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
pub(crate) fn fit(text: &str, width: usize) -> String {
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
