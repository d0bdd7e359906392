//! A practice till's customers: the queue of scenarios (or an exam's), who is being served,
//! and what has been said, kept on the model. `training_session` feeds it from the register.

use chrono::NaiveDateTime;

use crate::training::acceptance;
use crate::training::rubric::Score;
use crate::training::scenario::Scenario;
use crate::training::session::Session;

/// Who said a line of the conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Customer,
    Trainee,
    /// The till itself: a customer leaving, a card declined, the score.
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub who: Who,
    pub text: String,
}

/// The scenarios a practice runs through, one customer after another.
#[derive(Debug, Clone)]
pub struct Practice {
    pub queue: Vec<Scenario>,
    /// Which of the queue is being served.
    pub at: usize,
    pub seed: u64,
    pub model: acceptance::Model,
    pub session: Option<Session>,
    pub transcript: Vec<Said>,
    /// The last customer's score, until the next customer arrives.
    pub score: Option<Score>,
    /// The offer (by its panel id) the customer agreed to after a doubt was answered: its
    /// line is being added, no new question asked.
    pub(crate) agreed: Option<u32>,
    /// The offer whose doubt is waiting for an answer.
    pub(crate) pending: Option<u32>,
    /// A product the trainee took off the shelf to offer, whose doubt is waiting.
    pub(crate) pending_shelf: Option<String>,
    /// The order the current customer is served in.
    pub(crate) order_id: String,
    pub(crate) started_at: NaiveDateTime,
    pub(crate) recorded: bool,
    /// An exam: the queue served once, in order, each score kept for the verdict.
    pub exam: Option<Exam>,
}

/// An exam in progress: the pass mark and the scores so far, in the queue's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exam {
    pub pass_mark: u8,
    pub scores: Vec<u8>,
}

impl Exam {
    /// The mean score (rounded down) and whether it passes, once every customer is scored.
    pub fn verdict(&self, customers: usize) -> Option<(u8, bool)> {
        if customers == 0 || self.scores.len() < customers {
            return None;
        }
        let sum: u32 = self.scores.iter().map(|&s| u32::from(s)).sum();
        let mean = (sum / self.scores.len() as u32) as u8;
        Some((mean, mean >= self.pass_mark))
    }
}

impl Practice {
    /// A practice over `queue` (at least one scenario), each customer's seed `seed + n`.
    pub fn new(queue: Vec<Scenario>, model: acceptance::Model, seed: u64) -> Practice {
        Practice {
            queue,
            at: 0,
            seed,
            model,
            session: None,
            transcript: Vec::new(),
            score: None,
            agreed: None,
            pending: None,
            pending_shelf: None,
            order_id: String::new(),
            started_at: NaiveDateTime::default(),
            recorded: false,
            exam: None,
        }
    }

    /// An exam over `queue`: the customers come in this order, once each, with `seed`; the
    /// mean score passes at `pass_mark`.
    pub fn exam(
        queue: Vec<Scenario>,
        model: acceptance::Model,
        seed: u64,
        pass_mark: u8,
    ) -> Practice {
        Practice {
            exam: Some(Exam {
                pass_mark,
                scores: Vec::new(),
            }),
            ..Practice::new(queue, model, seed)
        }
    }

    pub fn scenario(&self) -> Option<&Scenario> {
        self.queue.get(self.at)
    }

    /// The scenarios on offer, numbered, one line per level, for the pane before a
    /// customer is called.
    pub fn menu(&self) -> Vec<String> {
        if let Some(exam) = &self.exam {
            return vec![format!(
                "Exam: {} customers in this order, pass mark {} (the mean score): {}",
                self.queue.len(),
                exam.pass_mark,
                self.queue
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(" · ")
            )];
        }
        let mut lines: Vec<String> = Vec::new();
        let mut level = None;
        for (i, s) in self.queue.iter().enumerate() {
            let entry = format!("{} {}", i + 1, s.id);
            match lines.last_mut() {
                Some(line) if level == Some(s.level) => {
                    line.push_str(" · ");
                    line.push_str(&entry);
                }
                _ => lines.push(format!("{}: {entry}", s.level.as_str())),
            }
            level = Some(s.level);
        }
        lines
    }

    /// Whether a customer is at the counter and still talking.
    pub fn serving(&self) -> bool {
        self.session.as_ref().is_some_and(|s| !s.finished())
    }

    pub(crate) fn say(&mut self, who: Who, text: impl Into<String>) {
        self.transcript.push(Said {
            who,
            text: text.into(),
        });
    }
}
