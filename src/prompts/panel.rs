//! The panel's state machine. Rules, each tested below with a fake clock:
//! - an item added asks for its complements, a customer attached for personal offers, the
//!   tender for one last, best offer when nothing has been accepted yet;
//! - new prompts wait while keys come faster than `quiet_ms` (a scan in progress);
//! - a prompt lives `lifetime_secs`, then expires;
//! - a declined product never comes back in the order, and after a "no thanks" the panel
//!   waits `cooldown_secs` before a new prompt;
//! - at most `max_visible` on screen, `per_order` in the whole order, `per_trigger` per
//!   moment, and nothing below `relevance_floor`;
//! - on a held-out order everything runs the same, but prompts are only recorded.

use std::collections::HashSet;

use chrono::{Duration, NaiveDateTime};

pub use crate::domain::offer::Outcome;
use crate::prompts::PromptSettings;
use crate::recommend::engine::Recommendation;

/// The moment that brought an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    Item,
    Customer,
    Tender,
}

impl Trigger {
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Item => "item",
            Trigger::Customer => "customer",
            Trigger::Tender => "tender",
        }
    }
}

/// What happened at the till.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    ItemAdded(String),
    ItemRemoved(String),
    CustomerAttached,
    TenderStarted,
    Key,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    /// Unique within the order.
    pub id: u32,
    pub offer: Recommendation,
    pub trigger: Trigger,
    pub shown_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    /// Put off with "later" until then.
    pub hidden_until: Option<NaiveDateTime>,
    /// Its row in the record of offers, once the store has answered.
    pub event: Option<i64>,
    /// On a held-out order: recorded, never on screen.
    pub held_out: bool,
}

impl Prompt {
    /// Whole seconds left on screen, for the countdown.
    pub fn seconds_left(&self, now: NaiveDateTime) -> i64 {
        let ms = (self.expires_at - now).num_milliseconds().max(0);
        (ms + 999) / 1000
    }
}

/// What the register must record.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Shown(Prompt),
    Closed {
        prompt: Prompt,
        outcome: Outcome,
        at: NaiveDateTime,
    },
}

/// The answer to an event: whether fresh offers are wanted, and what changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reaction {
    pub ask: Option<Trigger>,
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone)]
pub struct Panel {
    settings: PromptSettings,
    holdout: bool,
    /// On screen or put off, in the order shown.
    prompts: Vec<Prompt>,
    /// Offers waiting for a quiet moment or a free place, best first.
    queue: Vec<(Trigger, Recommendation)>,
    declined: Vec<String>,
    /// Every product offered on this order: none is offered twice.
    offered: HashSet<String>,
    shown: usize,
    accepted: usize,
    last_key: Option<NaiveDateTime>,
    cool_until: Option<NaiveDateTime>,
    next_id: u32,
}

impl Panel {
    pub fn new(settings: PromptSettings, holdout: bool) -> Panel {
        Panel {
            settings,
            holdout,
            prompts: Vec::new(),
            queue: Vec::new(),
            declined: Vec::new(),
            offered: HashSet::new(),
            shown: 0,
            accepted: 0,
            last_key: None,
            cool_until: None,
            next_id: 1,
        }
    }

    pub fn settings(&self) -> &PromptSettings {
        &self.settings
    }

    pub fn holdout(&self) -> bool {
        self.holdout
    }

    /// Products declined on this order, for the recommender.
    pub fn declined(&self) -> &[String] {
        &self.declined
    }

    pub fn accepted(&self) -> usize {
        self.accepted
    }

    pub fn shown(&self) -> usize {
        self.shown
    }

    /// The prompts on screen, in the order they appeared.
    pub fn visible(&self) -> impl Iterator<Item = &Prompt> {
        self.prompts
            .iter()
            .filter(|p| p.hidden_until.is_none() && !p.held_out)
    }

    /// Every prompt still open (on screen, put off, or silently held out).
    pub fn open(&self) -> &[Prompt] {
        &self.prompts
    }

    pub fn set_event(&mut self, id: u32, event: i64) {
        if let Some(p) = self.prompts.iter_mut().find(|p| p.id == id) {
            p.event = Some(event);
        }
    }

    fn room_in_order(&self) -> bool {
        self.shown < self.settings.per_order
    }

    pub fn on(&mut self, event: Event, now: NaiveDateTime) -> Reaction {
        let mut reaction = Reaction::default();
        match event {
            Event::Key => self.last_key = Some(now),
            Event::ItemAdded(sku) => {
                self.last_key = Some(now);
                self.queue.retain(|(_, r)| r.sku != sku);
                // Scanned by hand while on offer: the customer took it.
                if let Some(i) = self
                    .prompts
                    .iter()
                    .position(|p| p.offer.sku == sku && !p.held_out)
                {
                    let prompt = self.prompts.remove(i);
                    self.accepted += 1;
                    reaction.changes.push(Change::Closed {
                        prompt,
                        outcome: Outcome::Accepted,
                        at: now,
                    });
                }
                if self.room_in_order() {
                    reaction.ask = Some(Trigger::Item);
                }
            }
            Event::ItemRemoved(sku) => {
                // What was offered for the cart as it was may no longer fit it.
                self.queue.clear();
                let (gone, kept): (Vec<Prompt>, Vec<Prompt>) = self
                    .prompts
                    .drain(..)
                    .partition(|p| p.offer.replaces.as_deref() == Some(sku.as_str()));
                self.prompts = kept;
                for prompt in gone {
                    if !prompt.held_out {
                        reaction.changes.push(Change::Closed {
                            prompt,
                            outcome: Outcome::Expired,
                            at: now,
                        });
                    }
                }
            }
            Event::CustomerAttached => {
                if self.room_in_order() {
                    reaction.ask = Some(Trigger::Customer);
                }
            }
            Event::TenderStarted => {
                if self.accepted == 0 && self.room_in_order() {
                    reaction.ask = Some(Trigger::Tender);
                }
            }
        }
        reaction.changes.extend(self.tick(now));
        reaction
    }

    /// Fresh offers from the recommender for `trigger`, best first.
    pub fn offer(
        &mut self,
        trigger: Trigger,
        offers: Vec<Recommendation>,
        now: NaiveDateTime,
    ) -> Vec<Change> {
        let take = match trigger {
            Trigger::Tender => 1,
            Trigger::Item | Trigger::Customer => self.settings.per_trigger,
        };
        let fresh: Vec<(Trigger, Recommendation)> = offers
            .into_iter()
            .filter(|r| {
                r.score >= self.settings.relevance_floor
                    && !self.offered.contains(&r.sku)
                    && !self.declined.contains(&r.sku)
            })
            .take(take)
            .map(|r| (trigger, r))
            .collect();
        if trigger == Trigger::Tender {
            // One last offer: it replaces whatever was still waiting.
            self.queue = fresh;
        } else {
            let older = std::mem::take(&mut self.queue);
            self.queue = fresh;
            for (t, r) in older {
                if !self.queue.iter().any(|(_, q)| q.sku == r.sku) {
                    self.queue.push((t, r));
                }
            }
            self.queue.truncate(self.settings.max_visible);
        }
        self.tick(now)
    }

    /// Time passes: prompts expire, put-off ones come back, waiting ones appear.
    pub fn tick(&mut self, now: NaiveDateTime) -> Vec<Change> {
        let mut changes = Vec::new();
        let (expired, kept): (Vec<Prompt>, Vec<Prompt>) = self
            .prompts
            .drain(..)
            .partition(|p| p.hidden_until.is_none() && p.expires_at <= now);
        self.prompts = kept;
        for prompt in expired {
            if !prompt.held_out {
                changes.push(Change::Closed {
                    prompt,
                    outcome: Outcome::Expired,
                    at: now,
                });
            }
        }
        let lifetime = Duration::seconds(i64::from(self.settings.lifetime_secs));
        for i in 0..self.prompts.len() {
            let due = self.prompts[i].hidden_until.is_some_and(|t| t <= now);
            if due && self.on_screen() < self.settings.max_visible {
                let p = &mut self.prompts[i];
                p.hidden_until = None;
                p.expires_at = now + lifetime;
            }
        }
        let quiet = self
            .last_key
            .is_none_or(|k| now - k >= Duration::milliseconds(i64::from(self.settings.quiet_ms)));
        let cooled = self.cool_until.is_none_or(|t| now >= t);
        while quiet
            && cooled
            && !self.queue.is_empty()
            && self.on_screen() < self.settings.max_visible
            && self.room_in_order()
        {
            let (trigger, offer) = self.queue.remove(0);
            self.offered.insert(offer.sku.clone());
            self.shown += 1;
            let prompt = Prompt {
                id: self.next_id,
                offer,
                trigger,
                shown_at: now,
                expires_at: now + lifetime,
                hidden_until: None,
                event: None,
                held_out: self.holdout,
            };
            self.next_id += 1;
            self.prompts.push(prompt.clone());
            changes.push(Change::Shown(prompt));
        }
        changes
    }

    /// When waiting offers may next appear, if any wait: a caller that sleeps between
    /// events wakes then rather than at its next regular tick.
    pub fn next_due(&self) -> Option<NaiveDateTime> {
        if self.queue.is_empty() || !self.room_in_order() {
            return None;
        }
        let quiet = self
            .last_key
            .map(|k| k + Duration::milliseconds(i64::from(self.settings.quiet_ms)));
        [quiet, self.cool_until].into_iter().flatten().max()
    }

    /// Places taken on screen (held-out prompts take theirs unseen, as real ones would).
    fn on_screen(&self) -> usize {
        self.prompts
            .iter()
            .filter(|p| p.hidden_until.is_none())
            .count()
    }

    fn take(&mut self, id: u32) -> Option<Prompt> {
        let i = self
            .prompts
            .iter()
            .position(|p| p.id == id && p.hidden_until.is_none() && !p.held_out)?;
        Some(self.prompts.remove(i))
    }

    pub fn accept(&mut self, id: u32, now: NaiveDateTime) -> Option<Change> {
        let prompt = self.take(id)?;
        self.accepted += 1;
        Some(Change::Closed {
            prompt,
            outcome: Outcome::Accepted,
            at: now,
        })
    }

    pub fn dismiss(&mut self, id: u32, now: NaiveDateTime) -> Option<Change> {
        let prompt = self.take(id)?;
        self.declined.push(prompt.offer.sku.clone());
        self.queue.retain(|(_, r)| r.sku != prompt.offer.sku);
        self.cool_until = Some(now + Duration::seconds(i64::from(self.settings.cooldown_secs)));
        Some(Change::Closed {
            prompt,
            outcome: Outcome::Dismissed,
            at: now,
        })
    }

    /// "Later": out of sight for `snooze_secs`, then back with a fresh countdown.
    pub fn snooze(&mut self, id: u32, now: NaiveDateTime) -> bool {
        let until = now + Duration::seconds(i64::from(self.settings.snooze_secs));
        match self
            .prompts
            .iter_mut()
            .find(|p| p.id == id && p.hidden_until.is_none() && !p.held_out)
        {
            Some(p) => {
                p.hidden_until = Some(until);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
#[path = "panel_tests.rs"]
mod tests;
