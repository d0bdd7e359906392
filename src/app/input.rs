//! A one-line text field. The cursor always sits at the end: a scanner and a cashier both
//! type forwards, and editing in the middle of a barcode is never what anyone wants.

use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// Most characters kept; further typing is ignored rather than growing without bound.
    max_chars: usize,
}

impl TextInput {
    pub fn new(max_chars: usize) -> TextInput {
        TextInput {
            text: String::new(),
            max_chars,
        }
    }

    pub fn with_text(max_chars: usize, text: &str) -> TextInput {
        let mut input = TextInput::new(max_chars);
        text.chars().for_each(|c| {
            input.push(c);
        });
        input
    }

    /// Appends a printable character; returns false when it was refused.
    pub fn push(&mut self, c: char) -> bool {
        if c.is_control() || self.text.chars().count() >= self.max_chars {
            return false;
        }
        self.text.push(c);
        true
    }

    pub fn pop(&mut self) -> Option<char> {
        self.text.pop()
    }

    pub fn clear(&mut self) {
        self.text.clear();
    }

    pub fn take(&mut self) -> String {
        std::mem::take(&mut self.text)
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn width(&self) -> usize {
        self.text.width()
    }

    /// The text with every character hidden, for PINs.
    pub fn masked(&self) -> String {
        "•".repeat(self.text.chars().count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_refuses_control_characters_and_overflow() {
        let mut t = TextInput::new(3);
        assert!(t.push('a'));
        assert!(!t.push('\n'));
        assert!(t.push('b') && t.push('c'));
        assert!(!t.push('d'));
        assert_eq!(t.text(), "abc");
        assert_eq!(t.masked(), "•••");
        assert_eq!(t.take(), "abc");
        assert!(t.is_empty());
    }
}
