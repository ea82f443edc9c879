//! Yes or no.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::super::widgets::popup;
use crate::app::screen::ConfirmKind;
use crate::app::state::App;

pub fn confirm(app: &App, kind: ConfirmKind, frame: &mut Frame, area: Rect) {
    let l = app.settings.lang;
    let (title, question) = match kind {
        ConfirmKind::ClearBasket => ("confirm-clear-title", "confirm-clear"),
        ConfirmKind::Quit => ("confirm-quit-title", "confirm-quit"),
        ConfirmKind::DropPrintJobs => ("confirm-drop-print-title", "confirm-drop-print"),
        ConfirmKind::Negate if app.basket.total() < rust_decimal::Decimal::ZERO => {
            ("confirm-negate-title", "confirm-positive")
        }
        ConfirmKind::Negate => ("confirm-negate-title", "confirm-negate"),
        ConfirmKind::LeaveRecalled => ("confirm-clear-title", "confirm-leave-recalled"),
    };
    // The question wraps: never cut, whatever the language.
    let width = area.width.saturating_sub(4).clamp(20, 60);
    let mut lines: Vec<Line> =
        super::super::widgets::textwrap_lines(&l.t(question), usize::from(width - 4))
            .into_iter()
            .map(Line::from)
            .collect();
    lines.push(Line::default());
    lines.push(Line::from(l.t("confirm-keys")));
    let height = u16::try_from(lines.len()).unwrap_or(3) + 2;
    let inner = popup(frame, area, width, height, &l.t(title));
    frame.render_widget(Paragraph::new(lines).centered(), inner);
}
