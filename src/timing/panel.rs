//! The panel's state machine. Rules, each tested below with a fake clock:
//! - an item added asks for its complements, a customer attached for personal offers, the
//!   tender for one last, best offer when nothing has been accepted yet;
//! - new prompts wait while keys come faster than `quiet_ms` (a scan in progress);
//! - a prompt lives `lifetime_secs`, then expires;
//! - a declined product never comes back in the order, and after a "no thanks" the panel
//!   waits `cooldown_secs` before a new prompt;
//! - at most `max_visible` on screen, `per_order` in the whole order, `per_trigger` per
//!   moment, and nothing below `relevance_floor`;
//! - an offer goes when its moment does: the item that brought it removed, the customer
//!   whose history it came from detached; such a withdrawn offer gives its place in the
//!   order back;
//! - on a held-out order everything runs the same, but prompts are only recorded.

use std::collections::HashSet;

use chrono::{Duration, NaiveDateTime};

pub use crate::domain::offer::Outcome;
use crate::domain::offer::{Kind, Recommendation};
use crate::domain::offer::{OfferId, offer_id};
use crate::timing::PromptSettings;

/// The moment that brought an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
    CustomerDetached,
    TenderStarted,
    Key,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Prompt {
    /// Unique within the order.
    pub id: u32,
    /// Unique everywhere, and known from the moment the prompt exists: the record of
    /// offers, an answer and a line from the offer all name it.
    pub uid: OfferId,
    pub offer: Recommendation,
    pub trigger: Trigger,
    /// The item whose scan brought it: it goes when that item leaves the order.
    #[serde(default)]
    pub because: Option<String>,
    pub shown_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    /// Put off with "later" until then.
    pub hidden_until: Option<NaiveDateTime>,
    /// On a held-out order: recorded, never on screen.
    pub held_out: bool,
}

impl Prompt {
    /// Drawn from the customer's own purchases ("you bought … 58 days ago"): not to be
    /// shown to anyone else.
    pub fn personal(&self) -> bool {
        self.offer.source == crate::domain::offer::Source::History
    }

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

/// An offer waiting for its moment: the moment that asked, the item that brought it.
#[derive(Debug, Clone)]
struct Queued {
    trigger: Trigger,
    because: Option<String>,
    offer: Recommendation,
}

/// What the panel remembers of an order across a hold, a recall or a restart: the offers
/// still open (with their countdowns), the ones accepted (so the customer is asked about
/// them after payment), and what may not be offered again.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PanelMemory {
    pub open: Vec<Prompt>,
    pub accepted: Vec<Prompt>,
    pub declined: Vec<String>,
    pub offered: Vec<String>,
    pub shown: usize,
    pub next_id: u32,
}

impl PanelMemory {
    /// Nothing offered yet: nothing worth saving.
    pub fn is_blank(&self) -> bool {
        self.open.is_empty()
            && self.accepted.is_empty()
            && self.declined.is_empty()
            && self.offered.is_empty()
            && self.shown == 0
    }
}

#[derive(Debug, Clone)]
pub struct Panel {
    settings: PromptSettings,
    holdout: bool,
    /// The order's id, from which each prompt's own id is made.
    order_id: String,
    /// On screen or put off, in the order shown.
    prompts: Vec<Prompt>,
    /// Accepted on this order.
    taken: Vec<Prompt>,
    /// Offers waiting for a quiet moment or a free place, best first.
    queue: Vec<Queued>,
    declined: Vec<String>,
    /// Every product offered on this order: none is offered twice.
    offered: HashSet<String>,
    shown: usize,
    last_key: Option<NaiveDateTime>,
    /// The item scanned last: the offers its moment brings go with it.
    last_item: Option<String>,
    cool_until: Option<NaiveDateTime>,
    next_id: u32,
}

impl Panel {
    pub fn new(settings: PromptSettings, holdout: bool) -> Panel {
        Panel {
            settings,
            holdout,
            order_id: String::new(),
            prompts: Vec::new(),
            taken: Vec::new(),
            queue: Vec::new(),
            declined: Vec::new(),
            offered: HashSet::new(),
            shown: 0,
            last_key: None,
            last_item: None,
            cool_until: None,
            next_id: 1,
        }
    }

    /// The panel of one order: its prompts' ids are made from the order's.
    pub fn for_order(mut self, order_id: &str) -> Panel {
        self.order_id = order_id.to_string();
        self
    }

    pub fn memory(&self) -> PanelMemory {
        let mut offered: Vec<String> = self.offered.iter().cloned().collect();
        offered.sort();
        PanelMemory {
            open: self.prompts.clone(),
            accepted: self.taken.clone(),
            declined: self.declined.clone(),
            offered,
            shown: self.shown,
            next_id: self.next_id,
        }
    }

    /// Takes back what `memory` saved. Countdowns go on from where they were: an offer
    /// whose time ran out meanwhile expires at the next tick.
    pub fn restore(&mut self, memory: PanelMemory) {
        self.prompts = memory.open;
        self.taken = memory.accepted;
        self.declined = memory.declined;
        self.offered = memory.offered.into_iter().collect();
        self.shown = memory.shown;
        self.next_id = memory.next_id.max(1);
        self.queue.clear();
    }

    pub fn settings(&self) -> &PromptSettings {
        &self.settings
    }

    pub fn holdout(&self) -> bool {
        self.holdout
    }

    /// The item scanned last, whose moment may bring its upgrade.
    pub fn last_item(&self) -> Option<&str> {
        self.last_item.as_deref()
    }

    /// Products declined on this order, for the recommender.
    pub fn declined(&self) -> &[String] {
        &self.declined
    }

    pub fn accepted(&self) -> usize {
        self.taken.len()
    }

    /// The prompts accepted on this order.
    pub fn taken(&self) -> &[Prompt] {
        &self.taken
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

    fn room_in_order(&self) -> bool {
        self.shown < self.settings.per_order
    }

    pub fn on(&mut self, event: Event, now: NaiveDateTime) -> Reaction {
        let mut reaction = Reaction::default();
        match event {
            Event::Key => self.last_key = Some(now),
            Event::ItemAdded(sku) => {
                self.last_key = Some(now);
                self.queue.retain(|q| q.offer.sku != sku);
                self.last_item = Some(sku.clone());
                // Scanned by hand while on offer: the customer took it.
                if let Some(i) = self
                    .prompts
                    .iter()
                    .position(|p| p.offer.sku == sku && !p.held_out)
                {
                    let prompt = self.prompts.remove(i);
                    self.taken.push(prompt.clone());
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
                if self.last_item.as_deref() == Some(sku.as_str()) {
                    self.last_item = None;
                }
                let stale = |p: &Prompt| {
                    p.offer.replaces.as_deref() == Some(sku.as_str())
                        || p.because.as_deref() == Some(sku.as_str())
                };
                reaction.changes.extend(self.withdraw(stale, now));
            }
            Event::CustomerDetached => {
                self.queue
                    .retain(|q| q.offer.source != crate::domain::offer::Source::History);
                reaction
                    .changes
                    .extend(self.withdraw(Prompt::personal, now));
            }
            Event::CustomerAttached => {
                if self.room_in_order() {
                    reaction.ask = Some(Trigger::Customer);
                }
            }
            Event::TenderStarted => {
                if self.taken.is_empty() && self.room_in_order() {
                    reaction.ask = Some(Trigger::Tender);
                }
            }
        }
        reaction.changes.extend(self.tick(now));
        reaction
    }

    /// Takes off the offers whose moment has passed. They give their place in the order
    /// back, and may be offered again if their moment comes back.
    fn withdraw(&mut self, stale: impl Fn(&Prompt) -> bool, now: NaiveDateTime) -> Vec<Change> {
        let (gone, kept): (Vec<Prompt>, Vec<Prompt>) = self.prompts.drain(..).partition(stale);
        self.prompts = kept;
        let mut changes = Vec::new();
        for prompt in gone {
            self.shown = self.shown.saturating_sub(1);
            self.offered.remove(&prompt.offer.sku);
            if !prompt.held_out {
                changes.push(Change::Closed {
                    prompt,
                    outcome: Outcome::Expired,
                    at: now,
                });
            }
        }
        changes
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
        let because = match trigger {
            Trigger::Item => self.last_item.clone(),
            Trigger::Customer | Trigger::Tender => None,
        };
        let mut eligible: Vec<Recommendation> = offers
            .into_iter()
            .filter(|r| {
                r.score >= self.settings.relevance_floor
                    && !self.offered.contains(&r.sku)
                    && !self.declined.contains(&r.sku)
            })
            .collect();
        // The next tier of the item just added has this moment only: it takes the last of
        // its places when add-ons outrank it (the engine offers it only when the cart fits it).
        if let Some(item) = &because
            && take > 1
            && let Some(at) = eligible
                .iter()
                .position(|r| r.kind == Kind::Upsell && r.replaces.as_ref() == Some(item))
            && at >= take
        {
            let upgrade = eligible.remove(at);
            eligible.insert(take - 1, upgrade);
        }
        let fresh: Vec<Queued> = eligible
            .into_iter()
            .take(take)
            .map(|offer| Queued {
                trigger,
                because: because.clone(),
                offer,
            })
            .collect();
        if trigger == Trigger::Tender {
            // One last offer: it replaces whatever was still waiting.
            self.queue = fresh;
        } else {
            let older = std::mem::take(&mut self.queue);
            self.queue = fresh;
            for q in older {
                if !self.queue.iter().any(|f| f.offer.sku == q.offer.sku) {
                    self.queue.push(q);
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
            let Queued {
                trigger,
                because,
                offer,
            } = self.queue.remove(0);
            self.offered.insert(offer.sku.clone());
            self.shown += 1;
            let prompt = Prompt {
                id: self.next_id,
                uid: offer_id(&self.order_id, self.next_id),
                offer,
                trigger,
                because,
                shown_at: now,
                expires_at: now + lifetime,
                hidden_until: None,
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
        self.taken.push(prompt.clone());
        Some(Change::Closed {
            prompt,
            outcome: Outcome::Accepted,
            at: now,
        })
    }

    pub fn dismiss(&mut self, id: u32, now: NaiveDateTime) -> Option<Change> {
        let prompt = self.take(id)?;
        self.declined.push(prompt.offer.sku.clone());
        self.queue.retain(|q| q.offer.sku != prompt.offer.sku);
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
