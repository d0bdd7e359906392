//! The conversation pane of a training till: what the practice customer says, what the
//! trainee said, the patience they have left, and the score when they are done. Before the
//! first customer arrives it shows the rubric, so the trainee knows how they are judged.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Widget, Wrap};

use crate::app::training_session::{Practice, Who};
use crate::domain::safe_text::terminal;
use crate::training::rubric;
use crate::ui::theme;

/// Rows the pane takes under the order on a screen of `height` rows of body: more for
/// the rubric and the list of customers than for a conversation.
pub fn height(body: u16, serving: bool) -> u16 {
    if serving {
        (body / 2).min(12)
    } else {
        (body * 3 / 5).min(18)
    }
}

pub struct Conversation<'a> {
    pub practice: &'a Practice,
}

impl Conversation<'_> {
    fn lines(&self) -> Vec<Line<'static>> {
        let p = self.practice;
        let Some(session) = &p.session else {
            let mut lines: Vec<Line<'static>> = rubric::TEXT
                .lines()
                .map(|l| Line::from(l.to_string()))
                .collect();
            let call = if p.exam.is_some() {
                "Alt+A calls the first customer; each is scored when their sale completes."
            } else {
                "Alt+A calls the next customer; type a number first to choose one:"
            };
            lines.push(Line::from(Span::styled(call, theme::bold())));
            lines.extend(
                p.menu()
                    .into_iter()
                    .map(|l| Line::from(terminal(&l).into_owned())),
            );
            return lines;
        };
        let name = terminal(&session.scenario().persona.name).into_owned();
        p.transcript
            .iter()
            .map(|said| {
                let text = terminal(&said.text).into_owned();
                match said.who {
                    Who::Customer => Line::from(vec![
                        Span::styled(format!("{name}: "), theme::title()),
                        Span::raw(text),
                    ]),
                    Who::Trainee => Line::from(vec![
                        Span::styled("You: ", theme::bold()),
                        Span::styled(text, theme::muted()),
                    ]),
                    Who::Note => Line::from(Span::styled(text, Style::new().fg(theme::WARN))),
                }
            })
            .collect()
    }

    fn title(&self) -> String {
        let p = self.practice;
        match &p.session {
            Some(s) if !s.finished() => {
                let c = s.customer();
                let mood = match c.patience() * 3 / c.start_patience().max(1) {
                    3.. => "patient",
                    2 => "fine",
                    1 => "impatient",
                    _ => "leaving",
                };
                format!(
                    " Customer: {} ({mood}) ",
                    terminal(&s.scenario().persona.name)
                )
            }
            Some(_) => match &p.score {
                Some(score) => format!(" Score {}/100 ", score.total),
                None => " Customer ".to_string(),
            },
            None => " How you are scored ".to_string(),
        }
    }
}

impl Widget for Conversation<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height < 3 || area.width < 8 {
            return;
        }
        let lines = self.lines();
        let block = Block::bordered()
            .border_style(theme::focus_border())
            .padding(Padding::horizontal(1))
            .title(Span::styled(self.title(), theme::title()));
        let inner_width = area.width.saturating_sub(4).max(1);
        // The latest lines stay in view: scroll past what does not fit.
        let rows: usize = lines
            .iter()
            .map(|l| {
                let plain: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                textwrap::wrap(&plain, usize::from(inner_width))
                    .len()
                    .max(1)
            })
            .sum();
        let rows = u16::try_from(rows).unwrap_or(u16::MAX);
        let paragraph = Paragraph::new(lines).wrap(Wrap { trim: true });
        let visible = area.height.saturating_sub(2);
        let scroll = if self.practice.session.is_some() {
            rows.saturating_sub(visible)
        } else {
            0
        };
        paragraph.block(block).scroll((scroll, 0)).render(area, buf);
    }
}
