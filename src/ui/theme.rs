//! The register's few colours, in one place. Restraint on purpose: a till is looked at all
//! day, so colour marks only what needs attention — the total, errors, discounts, stock.

use ratatui::style::{Color, Modifier, Style};

use crate::app::model::Tone;

pub const ACCENT: Color = Color::Cyan;
pub const MUTED: Color = Color::DarkGray;
pub const WARN: Color = Color::Yellow;
pub const ERROR: Color = Color::Red;
pub const GOOD: Color = Color::Green;

pub fn title() -> Style {
    Style::new().fg(ACCENT).add_modifier(Modifier::BOLD)
}

pub fn border() -> Style {
    Style::new().fg(MUTED)
}

pub fn focus_border() -> Style {
    Style::new().fg(ACCENT)
}

pub fn muted() -> Style {
    Style::new().fg(MUTED)
}

pub fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn total() -> Style {
    Style::new().fg(Color::White).add_modifier(Modifier::BOLD)
}

pub fn selected() -> Style {
    Style::new()
        .bg(Color::Rgb(40, 48, 64))
        .add_modifier(Modifier::BOLD)
}

pub fn key() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::Gray)
        .add_modifier(Modifier::BOLD)
}

pub fn header() -> Style {
    Style::new().bg(Color::Rgb(24, 30, 40)).fg(Color::Gray)
}

pub fn discount() -> Style {
    Style::new().fg(WARN)
}

pub fn tone(tone: Tone) -> Style {
    match tone {
        Tone::Info => Style::new().fg(Color::Gray),
        Tone::Success => Style::new().fg(GOOD),
        Tone::Warning => Style::new().fg(WARN).add_modifier(Modifier::BOLD),
        Tone::Error => Style::new().fg(ERROR).add_modifier(Modifier::BOLD),
    }
}
