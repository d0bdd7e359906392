//! The terminal as a guard: raw mode and the alternate screen are entered on creation and
//! left on drop, so every exit path (an error, a `?`, a panic) gives the shell back intact.

use std::io::{self, Stdout};

use crossterm::event::{
    DisableBracketedPaste, EnableBracketedPaste, KeyCode, KeyEvent, KeyEventKind, KeyModifiers,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::Key;

pub struct TerminalGuard {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl TerminalGuard {
    pub fn enter() -> io::Result<TerminalGuard> {
        install_panic_hook();
        enable_raw_mode()?;
        let mut stdout = io::stdout();
        // Bracketed paste: pasted text arrives as one event and is typed in order.
        if let Err(e) = execute!(stdout, EnterAlternateScreen, EnableBracketedPaste) {
            restore();
            return Err(e);
        }
        match Terminal::new(CrosstermBackend::new(stdout)) {
            Ok(terminal) => Ok(TerminalGuard { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Best effort: called on the way out, where an error has nowhere useful to go.
fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// A panic message printed inside the alternate screen in raw mode is lost; restore the
/// terminal first, then let the previous hook print it.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// The register's view of a terminal key press; releases and unknown keys are dropped.
pub fn translate(event: KeyEvent) -> Option<Key> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    Some(match event.code {
        // AltGr arrives as Ctrl+Alt on some layouts: `@` on a German keyboard is a character.
        KeyCode::Char(c) if ctrl && alt => Key::Char(c),
        KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
        KeyCode::Char(c) if alt => Key::Alt(c),
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::F(n) => Key::F(n),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_keys_translate_to_register_keys() {
        let k = |code, mods| translate(KeyEvent::new(code, mods));
        assert_eq!(
            k(KeyCode::Char('7'), KeyModifiers::NONE),
            Some(Key::Char('7'))
        );
        assert_eq!(
            k(KeyCode::Char('A'), KeyModifiers::SHIFT),
            Some(Key::Char('A'))
        );
        assert_eq!(
            k(KeyCode::Char('Q'), KeyModifiers::CONTROL),
            Some(Key::Ctrl('q'))
        );
        assert_eq!(
            k(KeyCode::Char('1'), KeyModifiers::ALT),
            Some(Key::Alt('1'))
        );
        assert_eq!(k(KeyCode::F(12), KeyModifiers::NONE), Some(Key::F(12)));
        let altgr = KeyModifiers::CONTROL | KeyModifiers::ALT;
        assert_eq!(k(KeyCode::Char('@'), altgr), Some(Key::Char('@')));
        assert_eq!(k(KeyCode::CapsLock, KeyModifiers::NONE), None);
        let mut release = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(translate(release), None);
    }
}
