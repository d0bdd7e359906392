//! A practice customer at the register: the scenario's session (`training::session`) fed
//! with what the trainee does on the real register, and what the customer says back.
//!
//! Like the offers panel, it learns what changed by comparing the order before and after
//! each action (`before`, `observe`): a line that did not come from an offer was scanned, a
//! customer was attached, the payment window opened. Accepting an offer from the panel
//! proposes it to the customer, who takes it (the line is added as usual) or declines it
//! (the offer is closed as "no thanks"). The conversation moves have their own keys. At
//! the payment window the session ends and is scored; the score is recorded when the sale
//! completes, or at once when the customer walks out.

use crate::app::action::Effect;
use crate::app::model::Model;
use crate::app::overlay::Overlay;
use crate::domain::cart::LineOrigin;
use crate::report::training::{Part, SessionScore};
use crate::timing::{Prompt, Trigger};
use crate::training::acceptance::Moment;
use crate::training::customer::{Answer, Move};
use crate::training::scenario::Card;
use crate::training::session::{Change, Input, Session};

pub use crate::app::training_practice::{Exam, Practice, Said, Who};

/// What the order looked like before an action.
#[derive(Debug, Clone, Default)]
pub struct Before {
    order_id: String,
    scanned: Vec<String>,
    customer: Option<String>,
    tendering: bool,
}

/// Every unit in the order by SKU, however it came (a product on the panel scanned by hand
/// is marked as the offer's by the panel, but was the trainee's own move).
fn scanned(model: &Model) -> Vec<String> {
    model
        .cart()
        .lines()
        .iter()
        .flat_map(|l| std::iter::repeat_n(l.sku.clone(), l.qty.max(0) as usize))
        .collect()
}

fn tendering(model: &Model) -> bool {
    model
        .overlays
        .iter()
        .any(|o| matches!(o, Overlay::Tender(_)))
}

pub fn before(model: &Model) -> Before {
    Before {
        order_id: model.order.id.clone(),
        scanned: scanned(model),
        customer: model.order.customer.clone(),
        tendering: tendering(model),
    }
}

/// Calls a customer to the counter: the one whose number (or id) is typed on the scan
/// line, else the next in the queue (round again at the end).
fn arrive(model: &mut Model) {
    let now = model.now;
    let order_id = model.order.id.clone();
    if !model.cart().is_empty() || model.payments_taken() {
        model.error("Finish or void this order before the next customer");
        return;
    }
    let typed = model.input.take();
    let Some(p) = model.practice.as_mut() else {
        return;
    };
    let typed = typed.trim();
    if p.exam.is_some() {
        // An exam's customers come in order, once each: nothing to choose or skip.
        if !typed.is_empty() {
            model.error("In an exam the customers come in order: Alt+A with nothing typed");
            return;
        }
        let next = if p.session.is_some() { p.at + 1 } else { 0 };
        let customers = p.queue.len();
        if p.session.is_some()
            && !p.recorded
            && let Some(exam) = p.exam.as_mut()
        {
            // A customer put aside unserved scores nothing: the exam counts them as 0.
            exam.scores.push(0);
            p.recorded = true;
            if let Some(line) = exam_line(p, customers) {
                p.say(Who::Note, line);
            }
        }
        if next >= customers {
            model.error("The exam is over: its result is in the pane and on record");
            return;
        }
        p.at = next;
    }
    let chosen = if typed.is_empty() || p.exam.is_some() {
        None
    } else {
        typed
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=p.queue.len()).contains(n))
            .map(|n| n - 1)
            .or_else(|| p.queue.iter().position(|s| s.id == typed))
    };
    match chosen {
        Some(i) => p.at = i,
        None if !typed.is_empty() => {
            let count = p.queue.len();
            model.error(format!(
                "No customer '{typed}': type 1 to {count}, or a scenario's id"
            ));
            return;
        }
        None if p.exam.is_some() => {}
        None if p.session.is_some() => p.at = (p.at + 1) % p.queue.len().max(1),
        None => {}
    }
    let Some(scenario) = p.queue.get(p.at).cloned() else {
        return;
    };
    let session = Session::new(&scenario, p.model.clone(), p.seed.wrapping_add(p.at as u64));
    p.transcript.clear();
    let seed = p.seed.wrapping_add(p.at as u64);
    p.say(
        Who::Note,
        format!(
            "Customer {} of {}: {} ({}, {}, seed {seed})",
            p.at + 1,
            p.queue.len(),
            scenario.title,
            scenario.level.as_str(),
            scenario.id
        ),
    );
    p.say(Who::Customer, session.greeting());
    p.session = Some(session);
    p.order_id = order_id;
    p.started_at = now;
    p.recorded = false;
    p.agreed = None;
    p.pending = None;
    p.pending_shelf = None;
    // Armed for this customer only: one who never paid leaves no decline for the next.
    model.training.decline_card =
        (scenario.card == Card::Declined).then(|| "Declined by the card issuer".to_string());
}

/// Feeds the session what the last action changed, and acts on what the customer does.
pub fn observe(model: &mut Model, was: &Before) -> Vec<Effect> {
    if !model.practice.as_ref().is_some_and(Practice::serving) {
        return Vec::new();
    }
    if was.order_id != model.order.id
        && let Some(p) = model.practice.as_mut()
        && p.order_id == was.order_id
    {
        // Voided or held before the payment: this customer goes, and is not scored.
        if let Some(session) = p.session.as_mut() {
            session.walk_away();
        }
        p.say(
            Who::Note,
            "The order was put aside: no score. Alt+A for the next customer.",
        );
        return Vec::new();
    }
    let mut inputs = Vec::new();
    if was.order_id == model.order.id {
        let mut left = was.scanned.clone();
        for sku in scanned(model) {
            match left.iter().position(|s| *s == sku) {
                Some(i) => {
                    left.remove(i);
                }
                None if taken_offer(model, &sku) => {}
                None => {
                    let price = model
                        .catalog
                        .by_sku(&sku)
                        .map(|p| p.price)
                        .unwrap_or_default();
                    inputs.push(scan_or_offer(model, sku, price));
                }
            }
        }
        if let Some(code) = &model.order.customer
            && was.customer.as_ref() != Some(code)
        {
            inputs.push(Input::Attach {
                customer: code.clone(),
            });
        }
        if tendering(model) && !was.tendering {
            inputs.push(Input::Pay);
        }
    }
    let mut effects = Vec::new();
    for input in inputs {
        let shelf = match &input {
            Input::Offer {
                sku, name, price, ..
            } => {
                if let Some(p) = model.practice.as_mut() {
                    p.say(Who::Trainee, format!("How about the {name} ({price})?"));
                }
                Some(sku.clone())
            }
            _ => None,
        };
        effects.extend(feed(model, input));
        if let Some(sku) = shelf {
            effects.extend(shelf_answered(model, &sku));
        }
    }
    effects
}

/// Whether the customer took an offer of this product: its line is that offer's.
fn taken_offer(model: &Model, sku: &str) -> bool {
    model
        .practice
        .as_ref()
        .and_then(|p| p.session.as_ref())
        .is_some_and(|s| {
            s.record()
                .offers
                .iter()
                .any(|o| o.sku == sku && o.answer == Answer::Takes)
        })
}

/// A product scanned by hand: what the customer came for, or one the trainee offers them
/// from the shelf (anything else, the first time).
fn scan_or_offer(model: &Model, sku: String, price: crate::domain::money::Money) -> Input {
    let session = model.practice.as_ref().and_then(|p| p.session.as_ref());
    let expected = session.is_some_and(|s| {
        s.scenario().buys.iter().any(|i| i.sku == sku)
            || s.record().offers.iter().any(|o| o.sku == sku)
    });
    if expected {
        return Input::Scan { sku, price };
    }
    let name = model
        .catalog
        .by_sku(&sku)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| sku.clone());
    Input::Offer {
        sku,
        name,
        kind: crate::domain::offer::Kind::CrossSell,
        price,
        // No engine behind it: evidence the model reads as fair, not strong.
        evidence: 0.5,
        moment: if tendering(model) {
            Moment::Payment
        } else {
            Moment::Item
        },
    }
}

/// The customer's answer to a product offered from the shelf: kept if taken, else put
/// back (to come again if a doubt is answered).
fn shelf_answered(model: &mut Model, sku: &str) -> Vec<Effect> {
    let Some(p) = model.practice.as_mut() else {
        return Vec::new();
    };
    let answer = p.session.as_ref().and_then(|s| {
        s.record()
            .offers
            .last()
            .map(|o| (o.answer, s.customer().objecting()))
    });
    match answer {
        Some((Answer::Takes, _)) | None => Vec::new(),
        Some((_, objecting)) => {
            if objecting {
                p.pending_shelf = Some(sku.to_string());
            }
            take_off(model, sku)
        }
    }
}

fn take_off(model: &mut Model, sku: &str) -> Vec<Effect> {
    match model.cart().lines().iter().rposition(|l| l.sku == sku) {
        Some(i) => {
            let _ = model.order.cart.remove(i);
            model.selected = None;
            crate::app::register::order_changed(model)
        }
        None => Vec::new(),
    }
}

/// One input to the session, its answer written to the conversation and acted on.
fn feed(model: &mut Model, input: Input) -> Vec<Effect> {
    let Some(p) = model.practice.as_mut() else {
        return Vec::new();
    };
    let Some(session) = p.session.as_mut() else {
        return Vec::new();
    };
    if session.finished() {
        return Vec::new();
    }
    let step = session.step(input);
    let finished = session.finished();
    let name = session.scenario().persona.name.clone();
    for line in &step.said {
        p.say(Who::Customer, line.clone());
    }
    let mut effects = Vec::new();
    for change in &step.changes {
        match change {
            // The line of a taken offer is added by the panel's own accept.
            Change::Add { .. } => {}
            Change::Remove { sku } => {
                effects.extend(take_off(model, sku));
                // The payment window follows the amount due, as after an accepted offer.
                if tendering(model) && !model.payments_taken() {
                    model.order.tender =
                        Some(crate::domain::tender::Tendering::new(model.totals.total));
                }
            }
            Change::Leave => {
                if let Some(p) = model.practice.as_mut() {
                    p.say(Who::Note, format!("{name} has left without buying."));
                }
            }
        }
    }
    if finished {
        effects.extend(finish(model));
    }
    effects
}

/// Scores the customer who just finished; records it at once if they left, else when
/// the sale completes (`paid`).
fn finish(model: &mut Model) -> Vec<Effect> {
    let Some(p) = model.practice.as_mut() else {
        return Vec::new();
    };
    let Some(session) = &p.session else {
        return Vec::new();
    };
    let score = session.score();
    let left = session.record().left;
    for line in score.lines() {
        p.say(Who::Note, line);
    }
    p.say(
        Who::Note,
        if left {
            "Void the order (F8), then Alt+A for the next customer."
        } else {
            "Take the payment, then Alt+A for the next customer."
        },
    );
    p.score = Some(score);
    if left { record(model) } else { Vec::new() }
}

/// The sale of a practice customer completed: the score is recorded.
pub fn paid(model: &mut Model) -> Vec<Effect> {
    record(model)
}

fn record(model: &mut Model) -> Vec<Effect> {
    let staff_id = model.signed_in().map(|s| s.id);
    let now = model.now;
    let Some(p) = model.practice.as_mut() else {
        return Vec::new();
    };
    let (Some(score), Some(scenario), Some(staff_id)) = (&p.score, p.queue.get(p.at), staff_id)
    else {
        return Vec::new();
    };
    if p.recorded {
        return Vec::new();
    }
    p.recorded = true;
    let total = score.total.min(100) as u8;
    let effect = Effect::RecordTraining(Box::new(SessionScore {
        staff_id,
        scenario: scenario.id.clone(),
        seed: p.seed.wrapping_add(p.at as u64),
        exam: p.exam.is_some(),
        total,
        parts: score
            .parts
            .iter()
            .map(|part| Part {
                name: part.name.to_string(),
                points: i64::from(part.points),
            })
            .collect(),
        feedback: score.feedback.clone(),
        started_at: p.started_at,
        finished_at: now,
    }));
    let customers = p.queue.len();
    if let Some(exam) = p.exam.as_mut() {
        exam.scores.push(total);
        if let Some(line) = exam_line(p, customers) {
            p.say(Who::Note, line);
        }
    }
    vec![effect]
}

/// What the pane says after an exam customer is scored: the verdict after the last one.
fn exam_line(p: &Practice, customers: usize) -> Option<String> {
    let exam = p.exam.as_ref()?;
    Some(match exam.verdict(customers) {
        Some((mean, passed)) => format!(
            "Exam over: {mean}/100 on average over {customers} customers, {} (pass mark {})",
            if passed { "passed" } else { "not passed" },
            exam.pass_mark
        ),
        None => format!(
            "Exam: customer {} of {customers} scored. Alt+A for the next one.",
            exam.scores.len()
        ),
    })
}

/// What the customer says to an offer accepted from the panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proposal {
    /// Not practising, or the customer takes it: add the line.
    Add,
    /// The customer says no: the offer is closed.
    Declined,
    /// The customer raised a doubt: the offer stays until it is answered.
    Waits,
}

/// Puts an offer the trainee accepted to the customer.
pub fn propose(model: &mut Model, prompt: &Prompt) -> (Proposal, Vec<Effect>) {
    let Some(p) = model.practice.as_mut() else {
        return (Proposal::Add, Vec::new());
    };
    if p.agreed == Some(prompt.id) {
        p.agreed = None;
        return (Proposal::Add, Vec::new());
    }
    if !p.serving() {
        return (Proposal::Add, Vec::new());
    }
    p.say(
        Who::Trainee,
        format!(
            "How about the {} ({})?",
            prompt.offer.name, prompt.offer.price
        ),
    );
    let moment = if prompt.trigger == Trigger::Tender || tendering(model) {
        Moment::Payment
    } else {
        Moment::Item
    };
    let offer = prompt.offer.clone();
    let input = Input::Offer {
        sku: offer.sku,
        name: offer.name,
        kind: offer.kind,
        price: offer.price,
        evidence: offer.score,
        moment,
    };
    let effects = feed(model, input);
    let Some(p) = model.practice.as_mut() else {
        return (Proposal::Add, effects);
    };
    let answer = p.session.as_ref().and_then(|s| {
        s.record()
            .offers
            .last()
            .map(|o| (o.answer, s.customer().objecting()))
    });
    let proposal = match answer {
        Some((Answer::Takes, _)) => Proposal::Add,
        Some((_, true)) => {
            p.pending = Some(prompt.id);
            Proposal::Waits
        }
        _ => Proposal::Declined,
    };
    (proposal, effects)
}

/// A conversation move from its key. An answered doubt may end in the offer taken: its
/// line is then added through the panel.
pub fn converse(model: &mut Model, m: Move) -> Vec<Effect> {
    let Some(p) = model.practice.as_mut() else {
        return Vec::new();
    };
    if !p.serving() {
        // Between customers the first move's key calls the next one.
        arrive(model);
        return Vec::new();
    }
    let line = match m {
        Move::AskNeed => "What will you be using it for?".to_string(),
        Move::ExplainValue => "Let me tell you what it would do for you...".to_string(),
        Move::ScriptLine => match model.offers.panel.visible().next() {
            Some(prompt) => prompt.offer.script.clone(),
            None => "(the shop's line for the next offer)".to_string(),
        },
        Move::HandleObjection => p
            .session
            .as_ref()
            .and_then(|s| s.customer().answer_to_doubt())
            .unwrap_or_else(|| "I hear you; here's the thing...".to_string()),
        Move::StopOffering => "That's everything from me.".to_string(),
    };
    let Some(p) = model.practice.as_mut() else {
        return Vec::new();
    };
    p.say(Who::Trainee, line);
    let pending = p.pending.take();
    let shelf = p.pending_shelf.take();
    let mut effects = feed(model, Input::Move(m));
    let taken = model
        .practice
        .as_ref()
        .and_then(|p| p.session.as_ref())
        .and_then(|s| s.record().offers.last().map(|o| o.answer == Answer::Takes))
        .unwrap_or(false);
    if let Some(sku) = shelf {
        if m != Move::HandleObjection {
            if let Some(p) = model.practice.as_mut() {
                p.pending_shelf = Some(sku);
            }
        } else if taken
            && let Some(product) = model.catalog.by_sku(&sku).cloned()
            && model
                .order
                .cart
                .add(&product, 1, LineOrigin::Manual)
                .is_ok()
        {
            effects.extend(crate::app::register::order_changed(model));
        }
    }
    if m == Move::HandleObjection
        && let Some(id) = pending
    {
        if taken {
            if let Some(p) = model.practice.as_mut() {
                p.agreed = Some(id);
            }
            effects.extend(crate::app::offers::accept_by_id(model, id));
        } else if let Some(change) = model.offers.panel.dismiss(id, model.now) {
            effects.extend(crate::app::offers::recorded(model, vec![change]));
        }
    } else if let Some(id) = pending
        && let Some(p) = model.practice.as_mut()
    {
        // Still waiting on the doubt.
        p.pending = Some(id);
    }
    effects
}
