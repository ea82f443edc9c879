//! Colours and styles in one place. Meaning never rests on colour alone: selected lines are also
//! marked with `▶`, errors start with `✗`.

use ratatui::style::{Color, Modifier, Style};

use crate::app::state::Severity;

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
