//! The name search's results, over the basket.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Paragraph, Row, Table};

use super::super::theme;
use super::super::widgets::selectable;
use crate::app::screen::SearchState;
use crate::app::state::App;
use crate::i18n::{n, s as text};
use crate::money::{format_amount, format_quantity};

pub fn search(app: &App, s: &SearchState, frame: &mut Frame, area: Rect) {
    let style = app.settings.money_style;
    let l = app.settings.lang;
    // Only the best were kept: the header says so, and how many match in all.
    let best = s.found > s.results.len();
    let mut args = vec![("count", n(s.found.max(s.results.len())))];
    if best {
        args.push(("shown", n(s.results.len())));
    }
    let key = match (s.quantity, best) {
        (Some(q), _) => {
            args.push(("quantity", text(format_quantity(q, style))));
            if best {
                "search-results-best-quantity"
            } else {
                "search-results-quantity"
            }
        }
        (None, true) => "search-results-best",
        (None, false) => "search-results",
    };
    let title = l.ta(key, &args);
    let rect = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    };
    frame.render_widget(Clear, rect);
    let block = Block::bordered().title(format!(" {title} "));
    if s.results.is_empty() {
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        frame.render_widget(
            Paragraph::new(Span::styled(l.t("search-none"), theme::dim())),
            inner,
        );
        return;
    }
    let rows: Vec<Row> = s
        .results
        .iter()
        .filter_map(|id| app.catalog.item(*id))
        .map(|item| {
            let dept = item
                .department_id
                .and_then(|d| app.catalog.department(d))
                .map(|d| d.title.clone())
                .unwrap_or_default();
            Row::new(vec![
                Cell::from(item.title.to_string()),
                Cell::from(Span::styled(dept, theme::dim())),
                Cell::from(Line::from(format_amount(item.price, style)).right_aligned()),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Min(10),
            Constraint::Length(16),
            Constraint::Length(9),
        ],
    )
    .block(block);
    selectable(frame, rect, table, Some(s.selected));
}
