//! Attaching a customer to the order: find by name, phone, e-mail or id, or create one on
//! the spot. The side panel's summary is fetched through the backend and arrives later.

use crate::app::action::Effect;
use crate::app::backend::BackendResult;
use crate::app::input::TextInput;
use crate::app::keymap::Command;
use crate::app::model::{Attached, Busy, Model, Summary};
use crate::app::overlay::{CustomerOverlay, NewCustomer, Overlay};
use crate::app::register::order_changed;
use crate::app::update::step;
use crate::domain::people::{Customer, CustomerSummary};

/// Most matches listed; a longer list means the query is too vague to scroll through.
const LISTED: usize = 50;

pub fn open(model: &mut Model) -> Vec<Effect> {
    let typed = model.input.take();
    let query = TextInput::with_text(60, &typed);
    let matches = find(&model.customers, query.text());
    model
        .overlays
        .push(Overlay::Customer(CustomerOverlay::Find {
            query,
            matches,
            selected: 0,
        }));
    Vec::new()
}

fn find(customers: &[Customer], query: &str) -> Vec<usize> {
    customers
        .iter()
        .enumerate()
        .filter(|(_, c)| c.matches(query))
        .map(|(i, _)| i)
        .take(LISTED)
        .collect()
}

pub fn key(model: &mut Model, command: Command) -> Vec<Effect> {
    let saving = model.busy == Some(Busy::CreatingCustomer);
    let Some(Overlay::Customer(overlay)) = model.overlays.last_mut() else {
        return Vec::new();
    };
    match overlay {
        CustomerOverlay::Find {
            query,
            matches,
            selected,
        } => match command {
            Command::Type(c) => {
                query.push(c);
                *matches = find(&model.customers, query.text());
                *selected = 0;
            }
            Command::Erase => {
                query.pop();
                *matches = find(&model.customers, query.text());
                *selected = 0;
            }
            Command::Up => *selected = step(*selected, matches.len(), -1),
            Command::Down => *selected = step(*selected, matches.len(), 1),
            Command::NewCustomer => {
                let mut form = NewCustomer::new();
                let q = query.text().trim();
                let field = if q.contains('@') {
                    2
                } else if q.chars().any(|c| c.is_ascii_digit()) {
                    1
                } else {
                    0
                };
                form.fields[field] = TextInput::with_text(80, q);
                *overlay = CustomerOverlay::New(form);
            }
            Command::Detach => return detach(model),
            Command::Close => {
                model.overlays.pop();
            }
            Command::Submit => {
                let Some(&index) = matches.get(*selected) else {
                    model.error("No customer found — Ctrl+N creates one");
                    return Vec::new();
                };
                let customer = model.customers[index].clone();
                model.overlays.pop();
                return attach(model, customer);
            }
            _ => {}
        },
        CustomerOverlay::New(form) => match command {
            Command::Type(c) if !saving => {
                form.fields[form.focus].push(c);
            }
            Command::Erase => {
                form.fields[form.focus].pop();
            }
            Command::NextField => form.focus = (form.focus + 1) % 3,
            Command::PrevField => form.focus = (form.focus + 2) % 3,
            Command::Close => {
                let query = TextInput::new(60);
                *overlay = CustomerOverlay::Find {
                    query,
                    matches: Vec::new(),
                    selected: 0,
                };
            }
            Command::Submit if !saving && model.busy.is_none() => {
                let [name, phone, email] = &form.fields;
                let name = name.text().trim().to_string();
                let phone = Some(phone.text().trim().to_string()).filter(|s| !s.is_empty());
                let email = Some(email.text().trim().to_string()).filter(|s| !s.is_empty());
                let problem = if name.is_empty() {
                    Some("A customer needs a name")
                } else if phone
                    .as_deref()
                    .is_some_and(|p| p.chars().filter(char::is_ascii_digit).count() < 3)
                {
                    Some("That phone number has too few digits")
                } else if email
                    .as_deref()
                    .is_some_and(|e| !e.contains('@') || e.starts_with('@') || e.ends_with('@'))
                {
                    Some("That e-mail address has no @")
                } else {
                    None
                };
                if let Some(problem) = problem {
                    model.error(problem);
                    return Vec::new();
                }
                model.busy = Some(Busy::CreatingCustomer);
                model.info(format!("Creating customer {name}…"));
                return vec![Effect::CreateCustomer { name, phone, email }];
            }
            _ => {}
        },
    }
    Vec::new()
}

pub fn attach(model: &mut Model, customer: Customer) -> Vec<Effect> {
    let code = customer.code.clone();
    model.success(format!("Customer {} attached", customer.name));
    model.customer = Some(Attached {
        customer,
        summary: Summary::Loading,
    });
    model.order.customer = Some(code.clone());
    let mut effects = vec![Effect::LoadSummary { code }];
    effects.extend(order_changed(model));
    effects
}

fn detach(model: &mut Model) -> Vec<Effect> {
    model.overlays.pop();
    match model.customer.take() {
        Some(attached) => {
            model.order.customer = None;
            model.info(format!("Customer {} detached", attached.customer.name));
            order_changed(model)
        }
        None => {
            model.error("No customer on this order");
            Vec::new()
        }
    }
}

pub fn summary_loaded(
    model: &mut Model,
    code: &str,
    result: BackendResult<CustomerSummary>,
) -> Vec<Effect> {
    if let Some(attached) = model.customer.as_mut().filter(|a| a.customer.code == code) {
        attached.summary = match result {
            Ok(summary) => Summary::Loaded(summary),
            Err(e) => Summary::Failed(e.to_string()),
        };
    }
    Vec::new()
}

pub fn created(model: &mut Model, result: BackendResult<Customer>) -> Vec<Effect> {
    if model.busy != Some(Busy::CreatingCustomer) {
        return Vec::new();
    }
    model.busy = None;
    match result {
        Ok(customer) => {
            if matches!(model.overlays.last(), Some(Overlay::Customer(_))) {
                model.overlays.pop();
            }
            model.customers.push(customer.clone());
            attach(model, customer)
        }
        Err(e) => {
            model.error(format!("Customer not created: {e}"));
            Vec::new()
        }
    }
}

/// Brings back the customer of a restored or recalled draft.
pub fn restore(model: &mut Model) -> Vec<Effect> {
    let Some(code) = model.order.customer.clone() else {
        model.customer = None;
        return Vec::new();
    };
    let customer = model
        .customers
        .iter()
        .find(|c| c.code == code)
        .cloned()
        .unwrap_or_else(|| Customer {
            code: code.clone(),
            name: code.clone(),
            phone: None,
            email: None,
            opted_out: false,
        });
    model.customer = Some(Attached {
        customer,
        summary: Summary::Loading,
    });
    vec![Effect::LoadSummary { code }]
}
