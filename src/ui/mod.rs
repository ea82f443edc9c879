//! Pure rendering: `view` reads the `App` and draws; no I/O, no waiting. Every screen is
//! snapshot-tested through ratatui's `TestBackend`.

pub mod format;
pub mod help;
pub mod screens;
pub mod theme;
pub mod widgets;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::app::screen::Screen;
use crate::app::state::{App, Connection};
use crate::i18n::{n, s};
use screens::{
    attention, cashiers, confirm, customers, departments, details, line_edit, loading, message_log,
    open_orders, order_pay, payment, receipt, refunds, reports, sale, search, sending, shift,
    sign_in, tables, tender, unknown_code, variation,
};

/// Below this width the side panel folds into the rows under the basket.
pub const WIDE: u16 = 100;

/// The smallest terminal the screens are drawn in; below it, a message says so.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app, frame, area);
        theme::apply(app.settings.theme, frame.buffer_mut());
        return;
    }
    let [header_area, body, footer_area, message_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(4),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(app, frame, header_area);
    render_body(app, frame, body);
    render_footer(app, frame, footer_area);
    render_message(app, frame, message_area);
    theme::apply(app.settings.theme, frame.buffer_mut());
}

/// A terminal too small for the till: what it needs, and that nothing is lost meanwhile.
fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let l = app.settings.lang;
    let text = l.ta(
        "too-small",
        &[
            ("width", n(usize::from(area.width))),
            ("height", n(usize::from(area.height))),
            ("min_width", n(usize::from(MIN_WIDTH))),
            ("min_height", n(usize::from(MIN_HEIGHT))),
        ],
    );
    let lines: Vec<Line> = widgets::textwrap_lines(&text, usize::from(area.width.max(1)))
        .into_iter()
        .map(Line::from)
        .collect();
    let height = u16::try_from(lines.len())
        .unwrap_or(area.height)
        .min(area.height);
    let y = area.y + area.height.saturating_sub(height) / 2;
    frame.render_widget(
        Paragraph::new(lines).centered().style(theme::alert()),
        Rect { y, height, ..area },
    );
}

/// The one place that says what each screen looks like: a screen of its own, or a dialog over
/// the sale (some in place of the basket).
fn render_body(app: &App, frame: &mut Frame, body: Rect) {
    match &app.screen {
        Screen::Loading => return loading::render(app, frame, body),
        Screen::Help { .. } => return help::render(app, frame, body),
        Screen::MessageLog { scroll, .. } => {
            return message_log::render(app, *scroll, frame, body);
        }
        Screen::Receipt(r) => return receipt::receipt(app, r, frame, body),
        Screen::OpenOrders { selected, table } => {
            return open_orders::open_orders(app, *selected, *table, frame, body);
        }
        Screen::OrderPay(s) => return order_pay::pay(app, s, frame, body),
        Screen::RefundOrders(s) => {
            return refunds::refund_orders(app, s, frame, body);
        }
        Screen::RefundLines(s) => return refunds::refund_lines(app, s, frame, body),
        Screen::Customers(s) => return customers::picker(app, s, frame, body),
        Screen::CustomerForm(s) => return customers::form(app, s, frame, body),
        Screen::Shift(s) => return shift::render(app, s, frame, body),
        Screen::Reports(s) => return reports::render(app, s, frame, body),
        _ => {}
    }
    let in_place = matches!(app.screen, Screen::Departments(_) | Screen::Payment { .. });
    let area = sale::render(app, frame, body, !in_place);
    if in_place {
        frame.render_widget(Clear, area);
    }
    match &app.screen {
        Screen::Departments(d) => departments::departments(app, d, frame, area),
        Screen::Payment { selected } => payment::payment(app, *selected, frame, area),
        Screen::Search(s) => search::search(app, s, frame, area),
        Screen::LineEdit(s) => line_edit::line_edit(app, s, frame, area),
        Screen::Variation(s) => variation::variation(app, s, frame, area),
        Screen::Tender { mode_index } => tender::tender(app, *mode_index, frame, area),
        Screen::Confirm(kind) => confirm::confirm(app, *kind, frame, area),
        Screen::Submitting(s) => sending::submitting(app, s, frame, area),
        Screen::Sending { label, .. } => sending::sending(app, label, frame, area),
        Screen::UnknownCode(code) => unknown_code::unknown_code(app, code, frame, area),
        Screen::Attention { selected } => attention::attention(app, *selected, frame, area),
        Screen::Tables { selected } => tables::tables(app, *selected, frame, area),
        Screen::Details(s) => details::details(app, s, frame, area),
        Screen::CustomerConfirm(s) => customers::confirm(app, s, frame, area),
        Screen::Cashiers(s) => cashiers::cashiers(app, s, frame, area),
        Screen::SignIn(s) => sign_in::render(app, s, frame, area),
        _ => {}
    }
    if let Some(alert) = &app.alert {
        widgets::alert(alert, frame, area);
    }
}

fn render_header(app: &App, frame: &mut Frame, area: Rect) {
    // The right side (queue, sales to settle, connection) always shows; the left side gives up
    // the till, then the user, when the terminal is narrow.
    let l = app.settings.lang;
    let connection = match app.connection {
        Connection::Unknown => l.t("header-connecting"),
        Connection::Online => l.t("header-online"),
        Connection::Offline => l.t("header-offline"),
    };
    let mut right = Vec::new();
    if app.queue_waiting > 0 {
        right.push(Span::styled(
            format!(
                " {} ",
                l.ta("header-queued", &[("count", n(app.queue_waiting))])
            ),
            theme::demo_badge(),
        ));
    }
    let printing = app.printing.waiting + app.printing.kitchen_waiting;
    if printing > 0 {
        right.push(Span::styled(
            format!(" {} ", l.ta("header-printer", &[("count", n(printing))])),
            theme::alert(),
        ));
    }
    if matches!(app.sight, Some(crate::journal::Sight::Blind { .. })) {
        right.push(Span::styled(
            format!(" {} ", l.t("header-blind")),
            theme::alert(),
        ));
    }
    if !app.attention.is_empty() {
        right.push(Span::styled(
            format!(
                " {} ",
                l.ta("header-to-settle", &[("count", n(app.attention.len()))])
            ),
            theme::alert(),
        ));
    }
    right.push(Span::styled(format!(" {connection} "), theme::header()));
    let mut left = vec![Span::styled(
        " kash-pos ",
        theme::header().add_modifier(ratatui::style::Modifier::BOLD),
    )];
    if app.settings.demo {
        left.push(Span::styled(
            format!(" {} ", l.t("header-demo")),
            theme::demo_badge(),
        ));
    }
    left.push(Span::styled(
        format!(
            " {} ",
            l.ta("header-shop", &[("shop", s(&app.settings.shop_id))])
        ),
        theme::header(),
    ));
    let mut optional = vec![Span::styled(
        format!(
            "│ {} ",
            l.ta("header-user", &[("user", s(app.user_label()))])
        ),
        theme::header(),
    )];
    if let Some(c) = app.cashbox_label() {
        optional.push(Span::styled(
            format!("│ {} ", l.ta("header-till", &[("till", s(c))])),
            theme::header(),
        ));
    }
    if !app.missing.is_empty() {
        optional.push(Span::styled(
            format!("│ ! {} ", l.t("header-catalog-incomplete")),
            theme::header(),
        ));
    }
    if app.offline_lists.is_some() {
        optional.push(Span::styled(
            format!("│ {} ", l.t("header-local-lists")),
            theme::header(),
        ));
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
    let context = app.screen.context();
    for (key, label) in help::footer(app.keymap, context, app.settings.lang, |action| {
        context != crate::app::keymap::Context::Loading
            || crate::app::screens::loading::offers(app, action)
    }) {
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
    use unicode_width::UnicodeWidthStr;
    if let Some(m) = &app.message {
        let mark = format!(" {} ", theme::severity_mark(m.severity));
        let room = usize::from(area.width).saturating_sub(mark.width());
        let mut spans = vec![Span::styled(mark, theme::severity(m.severity))];
        if m.text.width() <= room {
            spans.push(Span::styled(m.text.clone(), theme::severity(m.severity)));
        } else {
            // Too long for the line: cut, and the key that shows it whole.
            let hint = format!(" {}", app.settings.lang.t("msg-log-hint"));
            let text = widgets::fit(&m.text, room.saturating_sub(hint.width()));
            spans.push(Span::styled(text, theme::severity(m.severity)));
            spans.push(Span::styled(hint, theme::key()));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
    }
}
