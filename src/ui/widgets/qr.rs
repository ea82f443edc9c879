//! A QR code in half blocks: two modules a character cell, dark on light with a quiet zone of
//! one module, so a phone reads it off the screen whatever the terminal's colours.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::Widget;

/// The rows of the code of `data` (`None` when it is too long for a QR code).
pub fn rows(data: &str) -> Option<Vec<String>> {
    let code =
        qrcode::QrCode::with_error_correction_level(data.as_bytes(), qrcode::EcLevel::L).ok()?;
    let w = code.width();
    let colors = code.to_colors();
    let dark = |x: usize, y: usize| {
        // One module of quiet zone: (1, 1) is the code's first module.
        x >= 1 && y >= 1 && x <= w && y <= w && colors[(y - 1) * w + (x - 1)] == qrcode::Color::Dark
    };
    let size = w + 2;
    let mut out = Vec::new();
    for y in (0..size).step_by(2) {
        let row: String = (0..size)
            .map(|x| match (dark(x, y), dark(x, y + 1)) {
                (false, false) => ' ',
                (true, false) => '▀',
                (false, true) => '▄',
                (true, true) => '█',
            })
            .collect();
        out.push(row);
    }
    Some(out)
}

/// The code drawn from the top left of its area (nothing when it does not fit whole: half a
/// code is no code).
pub struct Qr<'a> {
    pub rows: &'a [String],
}

impl Qr<'_> {
    pub fn width(&self) -> u16 {
        self.rows.first().map_or(0, |r| r.chars().count() as u16)
    }

    pub fn height(&self) -> u16 {
        self.rows.len() as u16
    }
}

impl Widget for Qr<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if self.width() > area.width || self.height() > area.height {
            return;
        }
        let style = Style::new().fg(Color::Black).bg(Color::White);
        for (dy, row) in self.rows.iter().enumerate() {
            buf.set_string(area.x, area.y + dy as u16, row, style);
        }
    }
}
