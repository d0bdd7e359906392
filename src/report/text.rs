//! The figures in words, shared by the command line and the reports screen.

use crate::domain::money::Money;
use crate::report::{Estimate, Report};

/// `24.3%`, or `–` when there is nothing to divide by.
pub fn pct(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".into(), |r| format!("{:.1}%", r * 100.0))
}

pub fn money(m: Option<Money>) -> String {
    m.map_or_else(|| "–".into(), |m| m.to_string())
}

fn cents(x: f64) -> Money {
    Money::from_minor(x.round() as i64)
}

fn signed_money(x: f64) -> String {
    let m = cents(x);
    if m.is_negative() {
        m.to_string()
    } else {
        format!("+{m}")
    }
}

/// `+13.1 pts (95% CI +9.0 to +17.2)`, or why there is no figure.
pub fn attach_lift(e: &Estimate) -> String {
    match e {
        Estimate::Measured {
            difference,
            low,
            high,
            ..
        } => format!(
            "{:+.1} pts (95% CI {:+.1} to {:+.1})",
            difference * 100.0,
            low * 100.0,
            high * 100.0
        ),
        Estimate::NotEnoughData { reason } => reason.clone(),
    }
}

/// `+$12.34 per order (95% CI -$3.10 to +$27.78)`, or why there is no figure.
pub fn value_lift(e: &Estimate) -> String {
    match e {
        Estimate::Measured {
            prompted,
            control,
            difference,
            low,
            high,
        } => format!(
            "{} per order (95% CI {} to {}): {} prompted vs {} control",
            signed_money(*difference),
            signed_money(*low),
            signed_money(*high),
            cents(*prompted),
            cents(*control)
        ),
        Estimate::NotEnoughData { reason } => reason.clone(),
    }
}

/// The summary as label and value lines.
pub fn summary(r: &Report) -> Vec<(&'static str, String)> {
    let o = &r.offers;
    let f = &r.feedback;
    vec![
        (
            "Offers shown",
            format!(
                "{} · accepted {} · dismissed {} · expired {} · ignored {} · open {} · held out {}",
                o.shown, o.accepted, o.dismissed, o.expired, o.ignored, o.open, o.held_out
            ),
        ),
        ("Conversion", pct(r.conversion)),
        (
            "Orders",
            format!(
                "{} paid · {} prompted · {} control",
                r.orders, r.prompted_orders, r.control_orders
            ),
        ),
        (
            "Attach rate",
            format!(
                "{} prompted ({} orders) · {} control ({} took what they would have been offered)",
                pct(r.attach_rate),
                r.attached_orders,
                pct(r.control_attach_rate),
                r.control_attached
            ),
        ),
        ("Attach lift", attach_lift(&r.lift.attach_rate)),
        (
            "Average order",
            format!(
                "{} with an accepted suggestion · {} without",
                money(r.aov_with_accepted),
                money(r.aov_without_accepted)
            ),
        ),
        ("Order value lift", value_lift(&r.lift.order_value)),
        ("Revenue added", r.revenue_added.to_string()),
        (
            "Feedback",
            format!(
                "{} helpful ({} of {} answers, {} skipped)",
                pct(f.helpful_share),
                f.helpful,
                f.helpful + f.not_helpful,
                f.skipped
            ),
        ),
        ("Best rules", list(&r.best_rules)),
        ("Worst rules", list(&r.worst_rules)),
    ]
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "–".into()
    } else {
        items.join(" · ")
    }
}
