//! Large digits for what must be read from a step away: the change due and the total.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

pub const HEIGHT: u16 = 5;

fn glyph(c: char) -> Option<[&'static str; 5]> {
    Some(match c {
        '0' => ["███", "█ █", "█ █", "█ █", "███"],
        '1' => [" █ ", "██ ", " █ ", " █ ", "███"],
        '2' => ["███", "  █", "███", "█  ", "███"],
        '3' => ["███", "  █", "███", "  █", "███"],
        '4' => ["█ █", "█ █", "███", "  █", "  █"],
        '5' => ["███", "█  ", "███", "  █", "███"],
        '6' => ["███", "█  ", "███", "█ █", "███"],
        '7' => ["███", "  █", "  █", "  █", "  █"],
        '8' => ["███", "█ █", "███", "█ █", "███"],
        '9' => ["███", "█ █", "███", "  █", "███"],
        ',' => ["  ", "  ", "  ", " █", "█ "],
        '.' => [" ", " ", " ", " ", "█"],
        '€' => [" ██", "█  ", "███", "█  ", " ██"],
        '$' => ["▄█▄", "█▄ ", " █ ", " ▄█", "▀█▀"],
        '-' => ["   ", "   ", "███", "   ", "   "],
        ' ' | '\u{a0}' | '\u{202f}' => [" ", " ", " ", " ", " "],
        _ => return None,
    })
}

/// The width `text` takes in large digits, or `None` when a character has no large form.
pub fn width(text: &str) -> Option<u16> {
    let mut w: u16 = 0;
    for c in text.chars() {
        let g = glyph(c)?;
        w += g[0].chars().count() as u16 + 1;
    }
    Some(w.saturating_sub(1))
}

/// Large text, centred in its area; falls back to plain text when it does not fit.
pub struct BigText<'a> {
    pub text: &'a str,
    pub style: Style,
}

impl Widget for BigText<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let fits = width(self.text).filter(|w| *w <= area.width && area.height >= HEIGHT);
        let Some(w) = fits else {
            let x = area.x + area.width.saturating_sub(self.text.chars().count() as u16) / 2;
            buf.set_stringn(
                x,
                area.y + area.height / 2,
                self.text,
                area.width as usize,
                self.style,
            );
            return;
        };
        let mut x = area.x + (area.width - w) / 2;
        let y = area.y + (area.height - HEIGHT) / 2;
        for c in self.text.chars() {
            let Some(g) = glyph(c) else { continue };
            for (row, line) in g.iter().enumerate() {
                buf.set_string(x, y + row as u16, line, self.style);
            }
            x += g[0].chars().count() as u16 + 1;
        }
    }
}
