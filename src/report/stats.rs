//! The 95% confidence intervals of the lift, by normal approximation, and the group sizes
//! below which no interval is given at all.
//!
//! - Attach rate: the difference of two proportions, p₁ − p₀ ± 1.96·√(p₁(1−p₁)/n₁ + p₀(1−p₀)/n₀)
//!   (the unpooled Wald interval).
//! - Average order value: the difference of two means with Welch's standard error,
//!   m₁ − m₀ ± 1.96·√(s₁²/n₁ + s₀²/n₀); with at least 30 orders a side the t quantile of
//!   the Welch–Satterthwaite degrees of freedom is within a few percent of 1.96.
//!
//! Both approximations mislead on small groups, so below [`MIN_GROUP`] orders in either
//! group, or [`MIN_SUCCESSES`] orders that took an offer (or did not) in either group,
//! the answer is "not enough data" instead of a number.

use serde::Serialize;

/// Orders each group needs before an interval is shown.
pub const MIN_GROUP: u64 = 30;
/// Successes and failures each group needs for the normal approximation of a proportion.
pub const MIN_SUCCESSES: u64 = 5;
/// The two-sided 95% quantile of the standard normal distribution.
pub const Z95: f64 = 1.959_963_984_540_054;

/// A difference between the prompted and the control group with its 95% interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Estimate {
    Measured {
        prompted: f64,
        control: f64,
        difference: f64,
        low: f64,
        high: f64,
    },
    NotEnoughData {
        /// What is missing, as a person reads it.
        reason: String,
    },
}

impl Estimate {
    pub fn is_measured(&self) -> bool {
        matches!(self, Estimate::Measured { .. })
    }
}

fn too_small(n1: u64, n0: u64) -> Option<Estimate> {
    (n1 < MIN_GROUP || n0 < MIN_GROUP).then(|| Estimate::NotEnoughData {
        reason: format!(
            "not enough data: {n1} prompted and {n0} control orders (at least {MIN_GROUP} each)"
        ),
    })
}

/// `k1` of `n1` prompted orders against `k0` of `n0` control orders.
pub fn proportion_difference(k1: u64, n1: u64, k0: u64, n0: u64) -> Estimate {
    if let Some(e) = too_small(n1, n0) {
        return e;
    }
    let fewest = [k1, n1 - k1, k0, n0 - k0].into_iter().min().unwrap_or(0);
    if fewest < MIN_SUCCESSES {
        return Estimate::NotEnoughData {
            reason: format!(
                "not enough data: {k1} of {n1} prompted and {k0} of {n0} control orders took an offer (at least {MIN_SUCCESSES} with and without, each)"
            ),
        };
    }
    let (p1, p0) = (k1 as f64 / n1 as f64, k0 as f64 / n0 as f64);
    let se = (p1 * (1.0 - p1) / n1 as f64 + p0 * (1.0 - p0) / n0 as f64).sqrt();
    let d = p1 - p0;
    Estimate::Measured {
        prompted: p1,
        control: p0,
        difference: d,
        low: d - Z95 * se,
        high: d + Z95 * se,
    }
}

/// Mean and sample variance (n − 1).
fn mean_var(xs: &[f64]) -> (f64, f64) {
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let var = if xs.len() > 1 {
        xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)
    } else {
        0.0
    };
    (mean, var)
}

/// The difference of the mean of `prompted` and of `control` (Welch's standard error).
pub fn mean_difference(prompted: &[f64], control: &[f64]) -> Estimate {
    let (n1, n0) = (prompted.len() as u64, control.len() as u64);
    if let Some(e) = too_small(n1, n0) {
        return e;
    }
    let (m1, v1) = mean_var(prompted);
    let (m0, v0) = mean_var(control);
    let se = (v1 / n1 as f64 + v0 / n0 as f64).sqrt();
    let d = m1 - m0;
    Estimate::Measured {
        prompted: m1,
        control: m0,
        difference: d,
        low: d - Z95 * se,
        high: d + Z95 * se,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn difference_of_proportions_by_hand() {
        // p1 = 40/100 = .4, p0 = 10/50 = .2; se = √(.24/100 + .16/50) = √.0056 = .0748331…
        let Estimate::Measured {
            prompted,
            control,
            difference,
            low,
            high,
        } = proportion_difference(40, 100, 10, 50)
        else {
            panic!("measured")
        };
        assert!(close(prompted, 0.4) && close(control, 0.2) && close(difference, 0.2));
        let se = 0.0056f64.sqrt();
        assert!(close(low, 0.2 - Z95 * se) && close(high, 0.2 + Z95 * se));
        assert!((low - 0.053_329).abs() < 1e-5, "{low}");
    }

    #[test]
    fn small_groups_or_few_successes_give_no_interval() {
        assert!(!proportion_difference(10, 29, 5, 100).is_measured());
        assert!(!proportion_difference(10, 100, 4, 40).is_measured());
        // Everyone took an offer: no failures, the Wald interval would collapse to a point.
        assert!(!proportion_difference(100, 100, 10, 40).is_measured());
        assert!(proportion_difference(10, 100, 5, 40).is_measured());
        assert!(!mean_difference(&[1.0; 30], &[1.0; 29]).is_measured());
        assert!(!mean_difference(&[], &[]).is_measured());
    }

    #[test]
    fn welch_difference_of_means_by_hand() {
        // Prompted: 30 × {10, 20} alternating: mean 15, variance 30·25/29.
        // Control: 30 × 10: mean 10, variance 0. se = √(25/29).
        let prompted: Vec<f64> = (0..30)
            .map(|i| if i % 2 == 0 { 10.0 } else { 20.0 })
            .collect();
        let control = vec![10.0; 30];
        let Estimate::Measured {
            difference,
            low,
            high,
            ..
        } = mean_difference(&prompted, &control)
        else {
            panic!("measured")
        };
        let se = (25.0f64 / 29.0).sqrt();
        assert!(close(difference, 5.0));
        assert!(close(low, 5.0 - Z95 * se) && close(high, 5.0 + Z95 * se));
    }
}
