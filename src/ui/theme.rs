//! Colours and styles in one place. Meaning never rests on colour alone: selected lines are also
//! marked with `▶`, errors start with `✗`.

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier, Style};

use crate::app::state::Severity;
use crate::look::Theme;

pub fn header() -> Style {
    Style::new().fg(Color::White).bg(Color::Blue)
}

pub fn demo_badge() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
}

pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn changed() -> Style {
    Style::new().fg(Color::Green).add_modifier(Modifier::BOLD)
}

pub fn total() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn key() -> Style {
    Style::new().fg(Color::Black).bg(Color::Cyan)
}

pub fn alert() -> Style {
    Style::new()
        .fg(Color::White)
        .bg(Color::Red)
        .add_modifier(Modifier::BOLD)
}

pub fn change_due() -> Style {
    Style::new().fg(Color::Green).add_modifier(Modifier::BOLD)
}

pub fn severity(s: Severity) -> Style {
    match s {
        Severity::Info => Style::new(),
        Severity::Success => Style::new().fg(Color::Green),
        Severity::Warning => Style::new().fg(Color::Yellow),
        Severity::Error => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    }
}

pub fn severity_mark(s: Severity) -> &'static str {
    match s {
        Severity::Info => "·",
        Severity::Success => "✓",
        Severity::Warning => "!",
        Severity::Error => "✗",
    }
}

/// Applies the configured theme to a drawn frame. The screens draw with the default colours
/// above; the other themes are a translation of every cell, so no screen can forget one:
/// - monochrome (also when `NO_COLOR` is set): no colour at all; what had a background colour
///   (status bar, key badges, alerts) is in reverse video, dim text is DIM;
/// - high contrast: black and white bars, light colours, no dark grey.
///
/// Meaning never rests on colour in any theme: the selected line is reversed and marked `▶`,
/// errors start with `✗`.
pub fn apply(theme: Theme, buffer: &mut Buffer) {
    match theme {
        Theme::Default => {}
        Theme::Monochrome => buffer.content.iter_mut().for_each(monochrome),
        Theme::HighContrast => buffer.content.iter_mut().for_each(high_contrast),
    }
}

fn monochrome(cell: &mut Cell) {
    if cell.bg != Color::Reset {
        cell.modifier.toggle(Modifier::REVERSED);
    }
    if cell.fg == Color::DarkGray {
        cell.modifier.insert(Modifier::DIM);
    }
    cell.fg = Color::Reset;
    cell.bg = Color::Reset;
}

fn high_contrast(cell: &mut Cell) {
    let (fg, bg) = match (cell.fg, cell.bg) {
        (_, Color::Blue) => (Color::Black, Color::White),
        (_, Color::Cyan) => (Color::White, Color::Black),
        (_, Color::Yellow) => (Color::Black, Color::LightYellow),
        (_, Color::Red) => (Color::White, Color::Red),
        (Color::DarkGray, bg) => (Color::White, bg),
        (Color::Green, bg) => (Color::LightGreen, bg),
        (Color::Yellow, bg) => (Color::LightYellow, bg),
        (Color::Red, bg) => (Color::LightRed, bg),
        other => other,
    };
    cell.fg = fg;
    cell.bg = bg;
    if cell.bg != Color::Reset {
        cell.modifier.insert(Modifier::BOLD);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    fn drawn() -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, 4, 1));
        b[(0, 0)].set_symbol("h").set_style(header());
        b[(1, 0)].set_symbol("d").set_style(dim());
        b[(2, 0)].set_symbol("s").set_style(selected());
        b[(3, 0)]
            .set_symbol("e")
            .set_style(severity(Severity::Error));
        b
    }

    #[test]
    fn monochrome_has_no_colour_and_keeps_every_mark() {
        let mut b = drawn();
        apply(Theme::Monochrome, &mut b);
        for c in &b.content {
            assert_eq!((c.fg, c.bg), (Color::Reset, Color::Reset));
        }
        assert!(b[(0, 0)].modifier.contains(Modifier::REVERSED), "the bar");
        assert!(b[(1, 0)].modifier.contains(Modifier::DIM));
        assert!(
            b[(2, 0)].modifier.contains(Modifier::REVERSED),
            "the selection"
        );
        assert!(b[(3, 0)].modifier.contains(Modifier::BOLD), "an error");
    }

    #[test]
    fn high_contrast_has_no_dark_grey_and_default_changes_nothing() {
        let mut b = drawn();
        apply(Theme::HighContrast, &mut b);
        assert!(b.content.iter().all(|c| c.fg != Color::DarkGray));
        assert_eq!((b[(0, 0)].fg, b[(0, 0)].bg), (Color::Black, Color::White));
        let mut d = drawn();
        apply(Theme::Default, &mut d);
        assert_eq!(d, drawn());
    }
}
