//! The generator's only source of chance: a seeded ChaCha8 stream and a few draws built
//! on its raw `u64`s. The draws are written here rather than taken from `rand`'s
//! distributions so that the committed assets depend on nothing but the ChaCha stream,
//! integer arithmetic and IEEE `+ * /` — no `usize` width, no `ln`/`exp` from a libm.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub struct Dice(ChaCha8Rng);

impl Dice {
    /// An independent stream for one part of the shop, so that changing how customers
    /// are drawn does not reshuffle the catalog's stock levels.
    pub fn fork(seed: u64, stream: u64) -> Dice {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stream);
        Dice(rng)
    }

    /// Uniform in `0..n` (`n > 0`); the multiply-shift bias is below 2^-32 for our sizes.
    pub fn below(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        ((u128::from(self.0.next_u64()) * u128::from(n)) >> 64) as u64
    }

    pub fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// Uniform in `[0, 1)` with 53 bits.
    pub fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }

    /// An index drawn in proportion to `weights` (plain, not cumulative).
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

/// A weighted pool for repeated draws: cumulative weights and a binary search, so a
/// draw from a hundred thousand customers or products costs a few comparisons.
#[derive(Debug, Clone, Default)]
pub struct Pool {
    pub items: Vec<u32>,
    cumulative: Vec<f64>,
}

impl Pool {
    pub fn push(&mut self, item: u32, weight: f64) {
        let last = self.cumulative.last().copied().unwrap_or(0.0);
        self.items.push(item);
        self.cumulative.push(last + weight);
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn draw(&self, dice: &mut Dice) -> Option<u32> {
        let total = *self.cumulative.last()?;
        let x = dice.unit() * total;
        let i = self.cumulative.partition_point(|c| *c <= x);
        Some(self.items[i.min(self.items.len() - 1)])
    }

    /// A draw that skips items `reject` refuses, trying a few times before giving up:
    /// a customer who owns the bestseller still finds another one on the shelf.
    pub fn draw_where(&self, dice: &mut Dice, reject: impl Fn(u32) -> bool) -> Option<u32> {
        for _ in 0..6 {
            let item = self.draw(dice)?;
            if !reject(item) {
                return Some(item);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream() {
        let mut a = Dice::fork(7, 0);
        let mut b = Dice::fork(7, 0);
        let xs: Vec<u64> = (0..5).map(|_| a.below(1000)).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.below(1000)).collect();
        assert_eq!(xs, ys);
    }

    #[test]
    fn pool_draws_follow_weights() {
        let mut pool = Pool::default();
        pool.push(10, 9.0);
        pool.push(20, 1.0);
        let mut dice = Dice::fork(1, 0);
        let tens = (0..1000)
            .filter(|_| pool.draw(&mut dice) == Some(10))
            .count();
        assert!((850..950).contains(&tens), "{tens}");
    }
}
