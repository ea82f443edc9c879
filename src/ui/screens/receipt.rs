//! The sale recorded (or provisional): order number, payment, change, invoice link (and its
//! QR code where it fits); beside it, the receipt as it prints.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::super::theme;
use super::super::widgets::bigtext::{self, BigText};
use super::super::widgets::qr::{self, Qr};
use crate::app::printing;
use crate::app::screen::ReceiptState;
use crate::app::state::App;
use crate::i18n::s;
use crate::money::format_money;
use crate::print::ReceiptPolicy;
use crate::print::layout;

/// The narrowest the amounts and the change get beside the preview.
const SUMMARY_MIN: u16 = 36;

pub fn receipt(app: &App, r: &ReceiptState, frame: &mut Frame, area: Rect) {
    let mut paper = printing::paper(app);
    // The preview takes the paper's width; on a screen too narrow for it beside the amounts,
    // the receipt is laid out again at the width there is.
    let room = usize::from(area.width.saturating_sub(SUMMARY_MIN + 2));
    paper.width = paper.width.min(room);
    let preview = app
        .printing
        .last
        .as_ref()
        .filter(|_| paper.width >= 24)
        .map(|receipt| layout::preview(&layout::receipt(receipt, &paper)));
    let preview_width = match &preview {
        Some(_) => paper.width as u16 + 2,
        None => 0,
    };
    let [left, right] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(preview_width)]).areas(area);
    let qr = r.link.as_deref().and_then(qr::rows);
    let qr_drawn = summary(app, r, qr.as_deref(), frame, left);
    if let Some(lines) = preview {
        let l = app.settings.lang;
        let block = Block::bordered().title(format!(" {} ", l.t("receipt-preview")));
        let inner = block.inner(right);
        frame.render_widget(block, right);
        let hint = app
            .printing
            .setup
            .as_ref()
            .filter(|p| p.receipts != ReceiptPolicy::Never)
            .map(|_| {
                l.t(if app.printing.last_printed {
                    "receipt-printed-hint"
                } else {
                    "receipt-print-hint"
                })
            });
        let [paper_area, hint_area] = Layout::vertical([
            Constraint::Min(0),
            Constraint::Length(u16::from(hint.is_some())),
        ])
        .areas(inner);
        // Without room beside the amounts, the QR code takes the preview's place.
        if let Some(rows) = qr.as_deref().filter(|_| !qr_drawn) {
            let code = Qr { rows };
            if code.width() <= paper_area.width && code.height() < paper_area.height {
                let [caption, code_area] =
                    Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(paper_area);
                frame.render_widget(Paragraph::new(l.t("receipt-scan")).centered(), caption);
                let x = code_area.x + (code_area.width - code.width()) / 2;
                frame.render_widget(code, Rect { x, ..code_area });
                if let Some(h) = hint {
                    frame.render_widget(Paragraph::new(Span::styled(h, theme::dim())), hint_area);
                }
                return;
            }
        }
        let text: Vec<Line> = lines.into_iter().map(Line::from).collect();
        frame.render_widget(Paragraph::new(text), paper_area);
        if let Some(h) = hint {
            frame.render_widget(Paragraph::new(Span::styled(h, theme::dim())), hint_area);
        }
    }
}

/// The amounts, the change, the link; the QR code under them when it fits (whether it did).
fn summary(
    app: &App,
    r: &ReceiptState,
    qr: Option<&[String]>,
    frame: &mut Frame,
    area: Rect,
) -> bool {
    let style = app.settings.money_style;
    let l = app.settings.lang;
    let pad = |id: &str| format!("{:<14}", format!("{} ", l.t(id)));
    let title = match r.order_id {
        Some(id) => format!(
            " {} ",
            l.ta("receipt-recorded", &[("order", s(id.to_string()))])
        ),
        None => format!(" {} ", l.t("receipt-provisional")),
    };
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut top = vec![
        Line::from(vec![
            Span::raw(pad("receipt-order-number")),
            Span::styled(
                r.order_id
                    .map_or_else(|| l.t("receipt-to-come"), |id| id.to_string()),
                theme::total(),
            ),
        ]),
        Line::from(format!(
            "{}{}",
            pad("receipt-total"),
            format_money(r.submission.total, style)
        )),
    ];
    // A split payment that does not fit goes one tender a line, never cut.
    let label = &r.submission.payment_label;
    let room = usize::from(inner.width).saturating_sub(14);
    if label.chars().count() <= room {
        top.push(Line::from(format!("{}{label}", pad("receipt-payment"))));
    } else {
        for (i, part) in label.split(" + ").enumerate() {
            let lead = if i == 0 {
                pad("receipt-payment")
            } else {
                "  + ".to_string()
            };
            top.push(Line::from(format!("{lead}{part}")));
        }
    }
    if let Some(t) = r.submission.tendered {
        top.push(Line::from(format!(
            "{}{}",
            pad("receipt-tendered"),
            format_money(t, style)
        )));
    }
    if let Some(c) = r.change {
        top.push(Line::from(vec![
            Span::raw(pad("receipt-change")),
            Span::styled(format_money(c, style), theme::change_due()),
        ]));
    }
    let top_height = top.len() as u16 + 1;
    // The link and the hint under it, wrapped at the width there is.
    let rows = |len: usize| len.div_ceil(usize::from(inner.width.max(1))) as u16;
    let bottom_height = r.link.as_ref().map_or(0, |link| {
        rows(l.t("receipt-invoice").chars().count() + 2 + link.chars().count())
    }) + rows(l.t("receipt-next").chars().count());
    let [top_area, change_area, qr_area, bottom_area] = Layout::vertical([
        Constraint::Length(top_height),
        Constraint::Length(if r.change.is_some() {
            bigtext::HEIGHT + 2
        } else {
            0
        }),
        Constraint::Min(0),
        Constraint::Length(bottom_height + 1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(top), top_area);
    if let Some(change) = r.change {
        let [label, digits] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(change_area);
        frame.render_widget(
            Paragraph::new(Span::styled(
                l.t("receipt-change-caps"),
                theme::change_due(),
            ))
            .centered(),
            label,
        );
        let text = format_money(change, style);
        frame.render_widget(
            BigText {
                text: &text,
                style: theme::change_due(),
            },
            digits,
        );
    }
    let mut bottom = Vec::new();
    if let Some(link) = &r.link {
        bottom.push(Line::from(vec![
            Span::raw(format!("{}  ", l.t("receipt-invoice"))),
            Span::styled(link.clone(), theme::dim()),
        ]));
    }
    bottom.push(Line::from(Span::styled(l.t("receipt-next"), theme::dim())));
    frame.render_widget(
        Paragraph::new(bottom).wrap(Wrap { trim: true }),
        bottom_area,
    );
    let Some(rows) = qr else { return false };
    let code = Qr { rows };
    if code.width() > qr_area.width || code.height() + 1 > qr_area.height {
        return false;
    }
    let [caption, code_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(qr_area);
    frame.render_widget(Paragraph::new(l.t("receipt-scan")).centered(), caption);
    let x = code_area.x + (code_area.width - code.width()) / 2;
    frame.render_widget(code, Rect { x, ..code_area });
    true
}
