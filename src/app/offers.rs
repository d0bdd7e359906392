//! The offers panel in the register: what the timing engine (`timing`) is told, where
//! its offers come from, and what an answer does to the order.
//!
//! The handlers of the register know nothing of prompts. After every action `observe`
//! compares the order with how it was before (an item added or removed, a customer
//! attached, the tender opened, a new order) and tells the panel; so no path that changes
//! the order can forget to.

use std::sync::Arc;

use chrono::NaiveDateTime;

use crate::app::action::{Effect, EngineHandle};
use crate::app::backend::{BackendResult, Bought};
use crate::app::keymap::Command;
use crate::app::model::{Mode, Model};
use crate::app::overlay::Overlay;
use crate::app::register::{LOCKED, order_changed, save};
use crate::domain::cart::LineOrigin;
use crate::domain::offer::OfferId;
use crate::domain::order::OrderDraft;
use crate::domain::tender::Tendering;
use crate::recommend::engine::{Engine, Kind, Recommendation, Request};
use crate::recommend::profile::Purchase;
use crate::timing::{
    Change, Event, Outcome, Panel, PanelMemory, PromptSettings, Trigger, holdout_for,
};

/// Offers asked of the engine per moment; the panel keeps the few it shows.
const ASK: usize = 6;

/// The panel's side of the register.
pub struct Offers {
    pub settings: PromptSettings,
    /// Built from the shop's data once it has loaded; until then the panel stays empty.
    pub engine: Option<Arc<Engine>>,
    /// The recommender is being built: the panel says so rather than look broken.
    pub loading: bool,
    pub panel: Panel,
    /// Which visible prompt the keys act on.
    pub selected: usize,
    order_id: String,
    /// Taken off this order: not offered again.
    removed: Vec<String>,
    /// Looked at in search and left there: interest the offers may follow.
    viewed: Vec<String>,
    /// The attached customer's purchases, once loaded.
    purchases: Option<(String, Vec<Bought>)>,
    /// A moment that wanted offers before the recommender was ready: asked again once it is.
    missed: Option<Trigger>,
}

impl Offers {
    pub fn new(settings: PromptSettings) -> Offers {
        Offers {
            panel: Panel::new(settings.clone(), false),
            settings,
            engine: None,
            loading: false,
            selected: 0,
            order_id: String::new(),
            removed: Vec::new(),
            viewed: Vec::new(),
            purchases: None,
            missed: None,
        }
    }

    /// The panel of `order`, with what it remembers of its offers (a recalled or restored
    /// order brings them back).
    fn reset(&mut self, order: &OrderDraft) {
        self.panel = Panel::new(self.settings.clone(), order.holdout).for_order(&order.id);
        if let Some(memory) = order
            .offers
            .clone()
            .and_then(|v| serde_json::from_value::<PanelMemory>(v).ok())
        {
            self.panel.restore(memory);
        }
        self.selected = 0;
        self.order_id = order.id.clone();
        self.removed.clear();
        self.viewed.clear();
        self.purchases = None;
        self.missed = None;
    }
}

/// Puts the panel's memory into the order, and into every draft the effects of this action
/// carry for it: what is saved, held or sold always holds the offers as they stand. A
/// change no effect carries (a put-off offer coming back) is saved on its own.
pub fn stamp(model: &mut Model, effects: &mut Vec<Effect>) {
    if model.offers.order_id != model.order.id || model.signed_in().is_none() {
        return;
    }
    let memory = model.offers.panel.memory();
    let offers = (!memory.is_blank())
        .then(|| serde_json::to_value(&memory).expect("the panel's memory serializes"));
    let changed = offers != model.order.offers;
    model.order.offers = offers;
    let id = &model.order.id;
    let mut carried = false;
    for effect in effects.iter_mut() {
        let draft = match effect {
            Effect::SaveDraft(d) | Effect::DiscardDraft(d) => d,
            Effect::Hold { draft, .. }
            | Effect::Park { draft, .. }
            | Effect::Void { draft, .. }
            | Effect::CompleteSale { draft, .. } => draft,
            Effect::RecordOffer { draft, .. } => draft.as_mut(),
            _ => continue,
        };
        if &draft.id == id {
            draft.offers = model.order.offers.clone();
            carried = true;
        }
    }
    if changed && !carried {
        effects.push(save(model));
    }
}

/// The order as the panel cares about it, taken before each action.
pub struct Before {
    order_id: String,
    skus: Vec<String>,
    customer: Option<String>,
    tendering: bool,
    /// The product chosen in the finder, while it is open.
    looking_at: Option<String>,
}

pub fn before(model: &Model) -> Before {
    Before {
        order_id: model.order.id.clone(),
        skus: model.cart().lines().iter().map(|l| l.sku.clone()).collect(),
        customer: model.order.customer.clone(),
        tendering: tendering(model),
        looking_at: looking_at(model),
    }
}

fn looking_at(model: &Model) -> Option<String> {
    match model.top() {
        Some(Overlay::Search(search)) => search
            .selected_product()
            .and_then(|i| model.catalog.products().get(i))
            .map(|p| p.sku.clone()),
        Some(Overlay::KioskFinder(finder)) => finder
            .chosen_product()
            .and_then(|i| model.catalog.products().get(i))
            .map(|p| p.sku.clone()),
        _ => None,
    }
}

fn tendering(model: &Model) -> bool {
    model
        .overlays
        .iter()
        .any(|o| matches!(o, Overlay::Tender(_)))
}

/// Tells the panel what the last action changed, and returns what must be recorded.
pub fn observe(model: &mut Model, was: &Before, key: bool, now: NaiveDateTime) -> Vec<Effect> {
    if model.signed_in().is_none() {
        return Vec::new();
    }
    let mut effects = Vec::new();
    if model.offers.order_id != model.order.id {
        // A fresh order draws its group now; a restored or recalled one keeps its own.
        let fresh = model.cart().is_empty()
            && model.order.customer.is_none()
            && model.order.tender.is_none();
        if fresh {
            model.order.holdout =
                holdout_for(&model.order.id, model.offers.settings.holdout_percent);
        }
        let order = model.order.clone();
        model.offers.reset(&order);
        if was.order_id != model.order.id {
            // A new order starts from what it holds: nothing in it is news.
            return effects;
        }
    }
    let mut changes = Vec::new();
    let mut asks = Vec::new();
    if key {
        changes.extend(model.offers.panel.on(Event::Key, now).changes);
    }
    let skus: Vec<String> = model.cart().lines().iter().map(|l| l.sku.clone()).collect();
    if let Some(sku) = &was.looking_at
        && !matches!(
            model.top(),
            Some(Overlay::Search(_) | Overlay::KioskFinder(_))
        )
        && !skus.contains(sku)
        && !model.offers.viewed.contains(sku)
    {
        // The finder closed on a product that was not taken: the customer asked about it.
        model.offers.viewed.push(sku.clone());
    }
    for sku in was.skus.iter().filter(|s| !skus.contains(s)) {
        model.offers.removed.push(sku.clone());
        let r = model.offers.panel.on(Event::ItemRemoved(sku.clone()), now);
        changes.extend(r.changes);
    }
    for sku in skus.iter().filter(|s| !was.skus.contains(s)) {
        let r = model.offers.panel.on(Event::ItemAdded(sku.clone()), now);
        changes.extend(r.changes);
        asks.extend(r.ask);
    }
    if model.order.customer != was.customer {
        model.offers.purchases = None;
        if was.customer.is_some() {
            // One customer's purchases are never shown to the next.
            let r = model.offers.panel.on(Event::CustomerDetached, now);
            changes.extend(r.changes);
        }
        if let Some(code) = model.order.customer.clone() {
            // Personal offers wait for the customer's history (`purchases_loaded`).
            effects.push(Effect::LoadPurchases { code });
        }
    }
    if tendering(model) && !was.tendering {
        let r = model.offers.panel.on(Event::TenderStarted, now);
        changes.extend(r.changes);
        asks.extend(r.ask);
    }
    asks.dedup();
    if model.offers.engine.is_none() {
        model.offers.missed = asks.last().copied().or(model.offers.missed);
        asks.clear();
    }
    for trigger in asks {
        let offers = offers(model, trigger, now);
        changes.extend(model.offers.panel.offer(trigger, offers, now));
    }
    changes.extend(model.offers.panel.tick(now));
    effects.extend(record(model, changes));
    effects
}

/// The engine's best offers for the order as it stands, at the moment `trigger`.
fn offers(model: &Model, trigger: Trigger, now: NaiveDateTime) -> Vec<Recommendation> {
    let s = &model.offers;
    let Some(engine) = &s.engine else {
        return Vec::new();
    };
    if model
        .customer
        .as_ref()
        .is_some_and(|c| c.customer.opted_out)
    {
        return Vec::new();
    }
    let mut cart: Vec<String> = Vec::new();
    for line in model.cart().lines() {
        if !cart.contains(&line.sku) {
            cart.push(line.sku.clone());
        }
    }
    let customer = model.order.customer.as_deref();
    // By the engine's own catalog: its product numbers are the ones it knows.
    let purchases: Vec<Purchase> = s
        .purchases
        .iter()
        .filter(|(code, _)| Some(code.as_str()) == customer)
        .flat_map(|(_, bought)| bought)
        .filter_map(|b| {
            engine.catalog().index_of(&b.sku).map(|p| Purchase {
                product: p as u32,
                at: b.at,
                qty: b.qty,
            })
        })
        .collect();
    // What the customer took on our word is not upsold again in the same order: a step up
    // accepted would otherwise bring the next tier at once, a ladder that reads as pressure.
    let taken: Vec<&str> = model
        .cart()
        .lines()
        .iter()
        .filter(|l| matches!(l.origin, LineOrigin::Suggestion(_)))
        .map(|l| l.sku.as_str())
        .collect();
    let mut offered = engine.recommend(&Request {
        cart: &cart,
        customer,
        viewed: &s.viewed,
        removed: &s.removed,
        declined: s.panel.declined(),
        purchases: Some(&purchases),
        now,
        // Self-service never offers what needs an age check at the counter.
        kiosk: model.mode == Mode::Kiosk,
        k: ASK,
        // A scan's moment may give its upgrade a place (`timing::Panel::offer`).
        upgrade_of: match trigger {
            Trigger::Item => s.panel.last_item(),
            Trigger::Customer | Trigger::Tender => None,
        },
    });
    offered.retain(|r| {
        !(r.kind == Kind::Upsell
            && r.replaces
                .as_deref()
                .is_some_and(|sku| taken.contains(&sku)))
    });
    offered
}

/// Effects that record what the panel changed; a product scanned by hand while on offer
/// becomes that offer's line. Once an offer closes, the order is saved too, so that its
/// memory of offers (`stamp`) is on disk.
fn record(model: &mut Model, changes: Vec<Change>) -> Vec<Effect> {
    let mut effects = Vec::new();
    let mut closed = false;
    for change in changes {
        match change {
            Change::Shown(prompt) => effects.push(Effect::RecordOffer {
                draft: Box::new(model.order.clone()),
                prompt: Box::new(prompt),
            }),
            Change::Closed {
                prompt,
                outcome,
                at,
            } => {
                if outcome == Outcome::Accepted {
                    link_scanned(model, &prompt.offer.sku, prompt.uid);
                }
                closed = true;
                effects.push(Effect::AnswerOffer {
                    offer: prompt.uid,
                    outcome,
                    at,
                });
            }
        }
    }
    let visible = model.offers.panel.visible().count();
    model.offers.selected = model.offers.selected.min(visible.saturating_sub(1));
    if closed {
        effects.push(save(model));
    }
    effects
}

fn link_scanned(model: &mut Model, sku: &str, offer: OfferId) -> bool {
    let Some(i) = model
        .order
        .cart
        .lines()
        .iter()
        .rposition(|l| l.sku == sku && l.origin == LineOrigin::Manual)
    else {
        return false;
    };
    model
        .order
        .cart
        .set_origin(i, LineOrigin::Suggestion(offer))
        .is_ok()
}

pub fn tick(model: &mut Model, now: NaiveDateTime) -> Vec<Effect> {
    if model.signed_in().is_none() || model.offers.order_id != model.order.id {
        return Vec::new();
    }
    let mut changes = Vec::new();
    if model.offers.engine.is_some()
        && let Some(trigger) = model.offers.missed.take()
    {
        let offers = offers(model, trigger, now);
        changes.extend(model.offers.panel.offer(trigger, offers, now));
    }
    changes.extend(model.offers.panel.tick(now));
    record(model, changes)
}

/// The recommender has been built (or has failed): a moment that wanted offers while it
/// was being built gets them now, such as a laptop scanned while it loaded.
pub fn engine_ready(
    model: &mut Model,
    result: Result<EngineHandle, String>,
    now: NaiveDateTime,
) -> Vec<Effect> {
    model.offers.loading = false;
    match result {
        Ok(EngineHandle(engine)) => {
            model.offers.engine = Some(engine);
            tick(model, now)
        }
        Err(e) => {
            model.error(format!("Suggestions unavailable: {e}"));
            Vec::new()
        }
    }
}

pub fn purchases_loaded(
    model: &mut Model,
    code: &str,
    result: BackendResult<Vec<Bought>>,
    now: NaiveDateTime,
) -> Vec<Effect> {
    if model.order.customer.as_deref() != Some(code) {
        return Vec::new();
    }
    // Without the history the offers are still for this cart: better than none.
    model.offers.purchases = Some((code.to_string(), result.unwrap_or_default()));
    let r = model.offers.panel.on(Event::CustomerAttached, now);
    let mut changes = r.changes;
    if let Some(trigger) = r.ask {
        let offers = offers(model, trigger, now);
        changes.extend(model.offers.panel.offer(trigger, offers, now));
    }
    record(model, changes)
}

/// The panel's keys: add an offer (the selected one or 1…3 directly), "no thanks",
/// "later", and the next offer.
pub fn key(model: &mut Model, command: Command) -> Vec<Effect> {
    let visible: Vec<u32> = model.offers.panel.visible().map(|p| p.id).collect();
    if visible.is_empty() {
        model.info("No offer on screen");
        return Vec::new();
    }
    let selected = model.offers.selected.min(visible.len() - 1);
    let now = model.now;
    match command {
        Command::NextOffer => {
            model.offers.selected = (selected + 1) % visible.len();
            Vec::new()
        }
        Command::AcceptOffer => accept(model, visible[selected]),
        Command::AcceptNth(n) => match visible.get(usize::from(n)) {
            Some(&id) => accept(model, id),
            None => {
                model.info(format!("There is no offer {}", n + 1));
                Vec::new()
            }
        },
        Command::DeclineOffer => {
            let Some(change) = model.offers.panel.dismiss(visible[selected], now) else {
                return Vec::new();
            };
            if let Change::Closed { prompt, .. } = &change {
                model.info(format!(
                    "{}: no thanks — not offered again",
                    prompt.offer.name
                ));
            }
            record(model, vec![change])
        }
        Command::LaterOffer => {
            if !model.offers.panel.snooze(visible[selected], now) {
                return Vec::new();
            }
            let secs = model.offers.settings.snooze_secs;
            model.info(format!("Offer put off for {secs} s"));
            let visible = model.offers.panel.visible().count();
            model.offers.selected = model.offers.selected.min(visible.saturating_sub(1));
            vec![save(model)]
        }
        _ => Vec::new(),
    }
}

/// Adds the offer to the order as a line of its own, marked with its event: an add-on or
/// a bundle's missing part is added, an upgrade takes the place of what it upgrades.
fn accept(model: &mut Model, id: u32) -> Vec<Effect> {
    if model.payments_taken() {
        model.error(LOCKED);
        return Vec::new();
    }
    let Some(prompt) = model.offers.panel.visible().find(|p| p.id == id).cloned() else {
        return Vec::new();
    };
    let Some(product) = model.catalog.by_sku(&prompt.offer.sku).cloned() else {
        model.error(format!("{} is no longer in the catalog", prompt.offer.sku));
        return Vec::new();
    };
    // In practice, accepting puts the offer to the simulated customer, who may say no.
    let (proposal, mut practice) = crate::app::training_session::propose(model, &prompt);
    match proposal {
        crate::app::training_session::Proposal::Add => {}
        crate::app::training_session::Proposal::Waits => return practice,
        crate::app::training_session::Proposal::Declined => {
            let change = model.offers.panel.dismiss(id, model.now);
            practice.extend(record(model, change.into_iter().collect()));
            return practice;
        }
    }
    let origin = LineOrigin::Suggestion(prompt.uid);
    let replaced = match (&prompt.offer.kind, &prompt.offer.replaces) {
        (Kind::Upsell, Some(old)) => model.cart().lines().iter().position(|l| &l.sku == old),
        _ => None,
    };
    let result = match replaced {
        Some(i) => model.order.cart.replace(i, &product, origin).map(|()| i),
        None => model.order.cart.add(&product, 1, origin),
    };
    let line = match result {
        Ok(line) => line,
        Err(e) => {
            model.error(e.to_string());
            return Vec::new();
        }
    };
    model.selected = Some(line);
    let change = model.offers.panel.accept(id, model.now);
    let what = if replaced.is_some() {
        "Upgraded to"
    } else {
        "Added"
    };
    model.success(format!("{what} {} — thank you", product.name));
    let mut effects = order_changed(model);
    if tendering(model) {
        // The amount due changed before any payment: the payment window follows it.
        model.order.tender = Some(Tendering::new(model.totals.total));
    }
    effects.extend(record(model, change.into_iter().collect()));
    effects.extend(practice);
    effects
}

/// Adds an offer on the panel by its id (a practice customer's answered doubt).
pub(crate) fn accept_by_id(model: &mut Model, id: u32) -> Vec<Effect> {
    accept(model, id)
}

/// Records what changed on the panel (a practice customer's "no").
pub(crate) fn recorded(model: &mut Model, changes: Vec<Change>) -> Vec<Effect> {
    record(model, changes)
}
