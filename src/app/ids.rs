//! Where the register's new ids come from. `update` is handed a source with every action,
//! so the same actions from the same source give the same model: a test or a replayed
//! script can run twice and compare, while the till on the counter draws at random
//! (`runtime::RandomIds`). The control group is drawn from the order's id
//! (`timing::holdout_for`), so it follows the source too.

use uuid::Uuid;

pub trait IdSource {
    /// A new order's id: a random (version 4) UUID.
    fn order_id(&mut self) -> Uuid;
}

/// Ids from a seed (SplitMix64): the same seed gives the same ids, in tests and scripts.
/// Never for real sales on a store that outlives one run: a second run would reuse them.
#[derive(Debug, Clone)]
pub struct SeededIds {
    state: u64,
}

impl SeededIds {
    pub fn new(seed: u64) -> SeededIds {
        SeededIds { state: seed }
    }

    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

impl IdSource for SeededIds {
    fn order_id(&mut self) -> Uuid {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_its_own_ids_again_and_another_seed_others() {
        let draw = |seed| {
            let mut ids = SeededIds::new(seed);
            [ids.order_id(), ids.order_id(), ids.order_id()]
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
        let [a, b, c] = draw(7);
        assert!(a != b && b != c && a != c);
        assert_eq!(a.get_version_num(), 4);
    }
}
