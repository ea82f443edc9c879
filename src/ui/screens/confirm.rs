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
    };
    let inner = popup(frame, area, 48, 5, &l.t(title));
    let lines = vec![
        Line::from(l.t(question)),
        Line::default(),
        Line::from(l.t("confirm-keys")),
    ];
    frame.render_widget(Paragraph::new(lines).centered(), inner);
}
