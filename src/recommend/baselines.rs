//! The simple recommenders the engine must beat, computed in the same run on the same
//! split: global popularity and item-to-item co-occurrence (conditional probability and
//! cosine), as the peers defined them in `basket-data/README.md`.

use crate::recommend::baskets::{Basket, Baskets};
use crate::recommend::eval::Recommender;
use crate::recommend::model::Query;

/// Items ranked by the number of training orders holding them, ties by SKU code point.
pub struct Popularity {
    ranked: Vec<u32>,
}

impl Popularity {
    pub fn train(all: &Baskets, subset: &[usize]) -> Popularity {
        let count = counts(all, subset);
        let mut ranked: Vec<u32> = (0..all.index.len() as u32)
            .filter(|&i| count[i as usize] > 0)
            .collect();
        ranked.sort_by(|&a, &b| {
            count[b as usize]
                .cmp(&count[a as usize])
                .then_with(|| all.index.label(a).cmp(all.index.label(b)))
        });
        Popularity { ranked }
    }

    /// The ranking, best first.
    pub fn ranked(&self) -> &[u32] {
        &self.ranked
    }
}

impl Recommender for Popularity {
    fn recommend(&self, q: &Query, k: usize) -> Vec<u32> {
        self.ranked
            .iter()
            .copied()
            .filter(|i| !q.cart.contains(i))
            .take(k)
            .collect()
    }
}

fn counts(all: &Baskets, subset: &[usize]) -> Vec<u32> {
    let mut count = vec![0u32; all.index.len()];
    for &b in subset {
        for &i in &all.baskets[b].items {
            count[i as usize] += 1;
        }
    }
    count
}

/// How a pair count C_ij becomes a vote for j from cart item i.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Similarity {
    /// C_ij / n_i
    Conditional,
    /// C_ij / sqrt(n_i n_j)
    Cosine,
}

/// Votes summed over the cart; items without any vote are filled by popularity.
pub struct Cooccurrence {
    similarity: Similarity,
    count: Vec<u32>,
    /// For each item, (other item, orders holding both), sorted by other item.
    pairs: Vec<Vec<(u32, u32)>>,
    popularity: Popularity,
    /// Position of each item in the popularity ranking: the tie-break between equal votes.
    popularity_rank: Vec<usize>,
}

impl Cooccurrence {
    pub fn train(all: &Baskets, subset: &[usize], similarity: Similarity) -> Cooccurrence {
        let count = counts(all, subset);
        let baskets: Vec<&Basket> = subset.iter().map(|&i| &all.baskets[i]).collect();
        let popularity = Popularity::train(all, subset);
        let mut popularity_rank = vec![usize::MAX; all.index.len()];
        for (rank, &i) in popularity.ranked().iter().enumerate() {
            popularity_rank[i as usize] = rank;
        }
        Cooccurrence {
            similarity,
            pairs: pair_counts(&baskets, all.index.len()),
            count,
            popularity,
            popularity_rank,
        }
    }
}

/// All pair counts, row by row: one dense accumulator reused for every item.
fn pair_counts(baskets: &[&Basket], n: usize) -> Vec<Vec<(u32, u32)>> {
    let mut by_item: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (at, b) in baskets.iter().enumerate() {
        for &i in &b.items {
            by_item[i as usize].push(at as u32);
        }
    }
    let mut acc = vec![0u32; n];
    by_item
        .iter()
        .enumerate()
        .map(|(i, orders)| {
            for &at in orders {
                for &j in &baskets[at as usize].items {
                    if j as usize != i {
                        acc[j as usize] += 1;
                    }
                }
            }
            let row: Vec<(u32, u32)> = (0..n as u32)
                .filter(|&j| acc[j as usize] > 0)
                .map(|j| (j, acc[j as usize]))
                .collect();
            for &(j, _) in &row {
                acc[j as usize] = 0;
            }
            row
        })
        .collect()
}

impl Recommender for Cooccurrence {
    fn recommend(&self, q: &Query, k: usize) -> Vec<u32> {
        let mut votes: Vec<(u32, f64)> = Vec::new();
        for &i in q.cart {
            let Some(row) = self.pairs.get(i as usize) else {
                continue;
            };
            let ni = f64::from(self.count[i as usize]);
            for &(j, c) in row {
                let v = match self.similarity {
                    Similarity::Conditional => f64::from(c) / ni,
                    Similarity::Cosine => {
                        f64::from(c) / (ni * f64::from(self.count[j as usize])).sqrt()
                    }
                };
                votes.push((j, v));
            }
        }
        votes.sort_by_key(|v| v.0);
        let mut summed: Vec<(u32, f64)> = votes
            .chunk_by(|a, b| a.0 == b.0)
            .map(|g| (g[0].0, g.iter().map(|v| v.1).sum()))
            .filter(|(j, _)| !q.cart.contains(j))
            .collect();
        let rank = |j: u32| self.popularity_rank[j as usize];
        summed.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| rank(a.0).cmp(&rank(b.0))));
        let mut out: Vec<u32> = summed.into_iter().map(|v| v.0).take(k).collect();
        for j in self.popularity.recommend(q, k) {
            if out.len() >= k {
                break;
            }
            if !out.contains(&j) {
                out.push(j);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Baskets {
        Baskets::from_label_sets(&[
            vec!["b", "c"],
            vec!["a", "c"],
            vec!["a", "b"],
            vec!["c", "d"],
            vec!["a", "d"],
            vec!["c"],
        ])
    }

    fn ask(r: &dyn Recommender, b: &Baskets, cart: &[&str], k: usize) -> Vec<String> {
        let cart: Vec<u32> = cart.iter().map(|s| b.index.id(s).unwrap()).collect();
        let q = Query {
            cart: &cart,
            ..Query::default()
        };
        r.recommend(&q, k)
            .into_iter()
            .map(|i| b.index.label(i).to_string())
            .collect()
    }

    #[test]
    fn popularity_counts_orders_and_breaks_ties_by_sku() {
        let b = data();
        let all: Vec<usize> = (0..b.len()).collect();
        let p = Popularity::train(&b, &all);
        // c: 4 orders; a: 3; b, d: 2 each, b before d.
        assert_eq!(ask(&p, &b, &[], 4), ["c", "a", "b", "d"]);
        assert_eq!(ask(&p, &b, &["c", "b"], 5), ["a", "d"]);
    }

    #[test]
    fn conditional_probability_and_cosine_differ_on_popular_items() {
        let b = data();
        let all: Vec<usize> = (0..b.len()).collect();
        let cp = Cooccurrence::train(&b, &all, Similarity::Conditional);
        let cos = Cooccurrence::train(&b, &all, Similarity::Cosine);
        // Given d (2 orders): c and a each co-occur once, C/n_i = .5 for both; c is more
        // popular so it wins the tie. Cosine divides by sqrt(n_j): a (3) beats c (4).
        assert_eq!(ask(&cp, &b, &["d"], 2), ["c", "a"]);
        assert_eq!(ask(&cos, &b, &["d"], 2), ["a", "c"]);
        // b has no vote from d: it comes from the popularity fill.
        assert_eq!(ask(&cp, &b, &["d"], 3), ["c", "a", "b"]);
    }
}
