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

/// The height of [`CompactText`]: the same figures in three rows of half blocks, where five
/// rows are too many (the total at 80x24).
pub const COMPACT_HEIGHT: u16 = 3;

/// A glyph in three rows: each text row holds two of the five pixel rows (`▀` the upper, `▄`
/// the lower, `█` both).
fn compact_glyph(c: char) -> Option<[String; 3]> {
    let g = glyph(c)?;
    let filled = |row: Option<&str>, col: usize| {
        row.and_then(|r| r.chars().nth(col))
            .is_some_and(|ch| ch != ' ')
    };
    let cols = g[0].chars().count();
    let pair = |top: usize, bottom: Option<usize>| -> String {
        (0..cols)
            .map(
                |col| match (filled(Some(g[top]), col), filled(bottom.map(|b| g[b]), col)) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                },
            )
            .collect()
    };
    Some([pair(0, Some(1)), pair(2, Some(3)), pair(4, None)])
}

/// Large text in three rows, right-aligned in its area (the figure ends where the screen's
/// figures end); plain text when it does not fit.
pub struct CompactText<'a> {
    pub text: &'a str,
    pub style: Style,
}

impl Widget for CompactText<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let fits = width(self.text).filter(|w| *w <= area.width && area.height >= COMPACT_HEIGHT);
        let Some(w) = fits else {
            let len = u16::try_from(self.text.chars().count()).unwrap_or(u16::MAX);
            buf.set_stringn(
                area.x + area.width.saturating_sub(len),
                area.y + area.height / 2,
                self.text,
                area.width as usize,
                self.style,
            );
            return;
        };
        let mut x = area.x + (area.width - w);
        let y = area.y + (area.height - COMPACT_HEIGHT) / 2;
        for c in self.text.chars() {
            let Some(g) = compact_glyph(c) else { continue };
            for (row, line) in g.iter().enumerate() {
                buf.set_string(x, y + row as u16, line, self.style);
            }
            x += g[0].chars().count() as u16 + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_digits_read_as_digits() {
        assert_eq!(
            compact_glyph('0'),
            Some(["█▀█".into(), "█ █".into(), "▀▀▀".into()])
        );
        assert_eq!(
            compact_glyph('2'),
            Some(["▀▀█".into(), "█▀▀".into(), "▀▀▀".into()])
        );
        assert_eq!(compact_glyph('x'), None);
        // Right-aligned: 1,20 takes 14 columns of 16.
        let mut buf = Buffer::empty(Rect::new(0, 0, 16, 3));
        CompactText {
            text: "1,20",
            style: Style::new(),
        }
        .render(buf.area, &mut buf);
        let row = |y| (0..16).map(|x| buf[(x, y)].symbol()).collect::<String>();
        assert_eq!(row(0), "  ▄█     ▀▀█ █▀█");
        assert_eq!(row(1), "   █   ▄ █▀▀ █ █");
        assert_eq!(row(2), "  ▀▀▀ ▀  ▀▀▀ ▀▀▀");
        // Too narrow: the plain text, whole.
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 3));
        CompactText {
            text: "1,20 €",
            style: Style::new(),
        }
        .render(buf.area, &mut buf);
        let row = |y| (0..10).map(|x| buf[(x, y)].symbol()).collect::<String>();
        assert_eq!(row(1), "    1,20 €");
    }
}
