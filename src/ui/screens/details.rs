//! The order details dialog.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::super::theme;
use super::super::widgets::popup;
use crate::app::screen::{DETAIL_FIELDS, DetailsState, FIELD_PRIVATE, FIELD_PUBLIC};
use crate::app::state::{App, Severity};

pub fn details(app: &App, s: &DetailsState, frame: &mut Frame, area: Rect) {
    let l = app.settings.lang;
    let inner = popup(frame, area, 70, 20, &l.t("context-order_details"));
    let comment_rows = inner.height.saturating_sub(5) / 2;
    let [covers, pager, delivery, customer, public, private, error] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(comment_rows.max(3)),
        Constraint::Length(comment_rows.max(3)),
        Constraint::Length(1),
    ])
    .areas(inner);
    let field = |i: usize, value: String, rect: Rect, frame: &mut Frame| {
        let focused = s.field == i;
        let label = format!("{:>10} ", l.word("field", DETAIL_FIELDS[i]));
        let value_style = if focused {
            theme::selected()
        } else {
            ratatui::style::Style::new()
        };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(label, theme::dim()),
                Span::styled(format!(" {value} "), value_style),
            ])),
            rect,
        );
    };
    field(0, s.covers.clone(), covers, frame);
    field(1, s.pager.clone(), pager, frame);
    let d = s.delivery.map_or("—".to_string(), |d| {
        format!("‹ {} ›  ({})", l.word("delivery", d.label()), d.code())
    });
    field(2, d, delivery, frame);
    let c = s.customer_id.map_or_else(
        || {
            if let Some(new) = &s.new_customer {
                l.ta(
                    "context-new-customer",
                    &[("name", crate::i18n::s(crate::pos::customers::new_name(new)))],
                )
            } else if app.orders.customers.is_empty() {
                format!("— ({})", l.t("details-no-customers"))
            } else {
                format!(
                    "—  ({})",
                    l.ta(
                        "details-customers",
                        &[("count", crate::i18n::n(app.orders.customers.len()))]
                    )
                )
            }
        },
        |id| match app.orders.customers.get(id).filter(|c| c.blacklist) {
            Some(c) => format!("‹ ⚑ {} ›", c.display_name()),
            None => format!("‹ {} ›", app.orders.customer_name(id)),
        },
    );
    let flagged = s
        .customer_id
        .and_then(|id| app.orders.customers.get(id))
        .filter(|c| c.blacklist);
    field(3, c, customer, frame);
    for (i, comment, rect) in [
        (FIELD_PUBLIC, &s.public_comment, public),
        (FIELD_PRIVATE, &s.private_comment, private),
    ] {
        let mut ta = comment.0.clone();
        let title = format!(
            " {} ",
            l.t(if i == FIELD_PUBLIC {
                "details-public"
            } else {
                "details-private"
            })
        );
        let block = Block::bordered().title(title);
        ta.set_block(if s.field == i {
            block.border_style(theme::total())
        } else {
            block.border_style(theme::dim())
        });
        if s.field != i {
            ta.set_cursor_style(ratatui::style::Style::new());
        }
        ta.set_cursor_line_style(ratatui::style::Style::new());
        frame.render_widget(&ta, rect);
    }
    if let Some(e) = &s.error {
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("✗ {e}"),
                theme::severity(Severity::Error),
            )),
            error,
        );
    } else if let Some(c) = flagged {
        // The blacklisted customer's flag, in red, where the details have room for it.
        frame.render_widget(
            Paragraph::new(Span::styled(
                super::super::widgets::fit(
                    &format!("⚑ {}", super::customers::flag_text(app, c)),
                    usize::from(error.width),
                ),
                theme::severity(Severity::Error),
            )),
            error,
        );
    } else if s.field >= FIELD_PUBLIC {
        frame.render_widget(
            Paragraph::new(Span::styled(l.t("details-comment-keys"), theme::dim())),
            error,
        );
    }
}
