//! Yes or no.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::super::widgets::popup;
use crate::app::screen::ConfirmKind;

pub fn confirm(kind: ConfirmKind, frame: &mut Frame, area: Rect) {
    let (title, question) = match kind {
        ConfirmKind::ClearBasket => ("New sale", "Clear the basket? Its lines are lost."),
        ConfirmKind::Quit => ("Quit", "Quit kash-pos? The basket is not recorded."),
    };
    let inner = popup(frame, area, 48, 5, title);
    let lines = vec![
        Line::from(question),
        Line::default(),
        Line::from("Enter / Y: yes     Esc / N: no"),
    ];
    frame.render_widget(Paragraph::new(lines).centered(), inner);
}
