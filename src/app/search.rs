//! Finding a product by name: a fuzzy finder over the whole catalog, live as one types.
//!
//! With 100,000 products one keystroke must still redraw within a frame, so the search is
//! incremental. Each word of the query is a fuzzy (subsequence) pattern and a name's score
//! is the sum of its words' scores. When the new query extends the previous one, only the
//! previous matches can still match, and only the word being typed is scored again: the
//! other words' scores are kept per candidate. A space alone changes nothing and costs
//! nothing. Only the best `SHOWN` results are sorted.

use std::fmt;

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32String};

use crate::app::input::TextInput;
use crate::domain::catalog::Catalog;

/// Most results kept in rank order; a cashier never scrolls past a few screens.
pub const SHOWN: usize = 200;

/// Product names prepared once for matching (nucleo matches over UTF-32).
pub struct SearchIndex {
    haystacks: Vec<Utf32String>,
}

impl SearchIndex {
    pub fn new(catalog: &Catalog) -> SearchIndex {
        SearchIndex {
            haystacks: catalog
                .products()
                .iter()
                .map(|p| Utf32String::from(p.name.as_str()))
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.haystacks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.haystacks.is_empty()
    }
}

impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SearchIndex({} names)", self.haystacks.len())
    }
}

pub struct SearchState {
    pub query: TextInput,
    /// Ranked best first: (product index in the catalog, score).
    pub results: Vec<(u32, u32)>,
    /// How many products match in all (more than `results` holds).
    pub total_matches: usize,
    pub selected: usize,
    /// The words the `candidates` were computed for.
    searched: Vec<String>,
    /// Every product matching `searched`, in catalog order.
    candidates: Vec<Candidate>,
    matcher: Matcher,
}

/// A matching product with its score split: all words but the last, and the last word
/// (the one being typed, which is all that changes on the next keystroke).
#[derive(Debug, Clone, Copy)]
struct Candidate {
    index: u32,
    settled: u32,
    last: u32,
}

/// The query's words as matcher atoms, for scoring and for highlighting what matched.
pub fn atoms(query: &str) -> Vec<Atom> {
    query.split_whitespace().map(atom).collect()
}

fn atom(word: &str) -> Atom {
    Atom::new(
        word,
        CaseMatching::Ignore,
        Normalization::Smart,
        AtomKind::Fuzzy,
        false,
    )
}

impl fmt::Debug for SearchState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchState")
            .field("query", &self.query)
            .field("results", &self.results.len())
            .field("selected", &self.selected)
            .finish()
    }
}

impl Default for SearchState {
    fn default() -> Self {
        SearchState::new()
    }
}

impl SearchState {
    pub fn new() -> SearchState {
        SearchState {
            query: TextInput::new(60),
            results: Vec::new(),
            total_matches: 0,
            selected: 0,
            searched: Vec::new(),
            candidates: Vec::new(),
            matcher: Matcher::new(Config::DEFAULT),
        }
    }

    pub fn selected_product(&self) -> Option<usize> {
        self.results.get(self.selected).map(|&(i, _)| i as usize)
    }

    /// Re-runs the search for the current query.
    pub fn refresh(&mut self, index: &SearchIndex) {
        let words: Vec<String> = self
            .query
            .text()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        if words == self.searched && !words.is_empty() {
            return;
        }
        self.selected = 0;
        if words.is_empty() {
            self.results.clear();
            self.candidates.clear();
            self.searched.clear();
            self.total_matches = 0;
            return;
        }
        let n = words.len();
        let old = &self.searched;
        let same_before_last = |k: usize| old.len() >= k && words[..k] == old[..k];
        let matcher = &mut self.matcher;
        let haystack = |i: u32| index.haystacks[i as usize].slice(..);
        let last = atom(&words[n - 1]);
        if !old.is_empty()
            && old.len() == n
            && same_before_last(n - 1)
            && words[n - 1].starts_with(&old[n - 1])
        {
            // The word being typed grew: score only it, on the previous matches.
            self.candidates
                .retain_mut(|c| match last.score(haystack(c.index), matcher) {
                    Some(s) => {
                        c.last = u32::from(s);
                        true
                    }
                    None => false,
                });
        } else if !old.is_empty() && old.len() + 1 == n && same_before_last(n - 1) {
            // A new word started: the previous last word's score is settled.
            self.candidates
                .retain_mut(|c| match last.score(haystack(c.index), matcher) {
                    Some(s) => {
                        c.settled += c.last;
                        c.last = u32::from(s);
                        true
                    }
                    None => false,
                });
        } else {
            let settled: Vec<Atom> = words[..n - 1].iter().map(|w| atom(w)).collect();
            self.candidates.clear();
            for i in 0..index.haystacks.len() as u32 {
                let Some(l) = last.score(haystack(i), matcher) else {
                    continue;
                };
                let mut total = 0u32;
                let all = settled.iter().all(|a| match a.score(haystack(i), matcher) {
                    Some(s) => {
                        total += u32::from(s);
                        true
                    }
                    None => false,
                });
                if all {
                    self.candidates.push(Candidate {
                        index: i,
                        settled: total,
                        last: u32::from(l),
                    });
                }
            }
        }
        self.searched = words;
        self.total_matches = self.candidates.len();
        let mut scored: Vec<(u32, u32)> = self
            .candidates
            .iter()
            .map(|c| (c.index, c.settled + c.last))
            .collect();
        let by_rank = |a: &(u32, u32), b: &(u32, u32)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
        if scored.len() > SHOWN {
            scored.select_nth_unstable_by(SHOWN - 1, by_rank);
            scored.truncate(SHOWN);
        }
        scored.sort_unstable_by(by_rank);
        self.results = scored;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::fixtures::product;
    use nucleo_matcher::pattern::Pattern;

    fn index(names: &[&str]) -> SearchIndex {
        let products = names
            .iter()
            .enumerate()
            .map(|(i, n)| product(&format!("S{i}"), n, 100))
            .collect();
        SearchIndex::new(&Catalog::new(products))
    }

    fn names_for(state: &SearchState, names: &[&str]) -> Vec<String> {
        state
            .results
            .iter()
            .map(|&(i, _)| names[i as usize].to_string())
            .collect()
    }

    #[test]
    fn fuzzy_query_finds_names_best_first() {
        let names = [
            "USB-C hub 7-in-1",
            "UltraBook 15",
            "Laptop sleeve",
            "USB cable",
        ];
        let idx = index(&names);
        let mut s = SearchState::new();
        for c in "usb".chars() {
            s.query.push(c);
            s.refresh(&idx);
        }
        let found = names_for(&s, &names);
        assert_eq!(found.len(), 2);
        assert!(found.contains(&"USB cable".to_string()));
        assert!(!found.contains(&"Laptop sleeve".to_string()));
    }

    #[test]
    fn incremental_search_equals_a_fresh_search() {
        let names: Vec<String> = (0..500)
            .map(|i| format!("Item {i} {}", ["cable", "case", "charger", "camera"][i % 4]))
            .collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let idx = index(&refs);
        let mut typed = SearchState::new();
        for c in "ca 1".chars() {
            typed.query.push(c);
            typed.refresh(&idx);
        }
        let mut fresh = SearchState::new();
        fresh.query = TextInput::with_text(60, "ca 1");
        fresh.refresh(&idx);
        assert_eq!(typed.results, fresh.results);
        assert_eq!(typed.total_matches, fresh.total_matches);
        // And both agree with nucleo's own multi-word pattern.
        let pattern = Pattern::new(
            "ca 1",
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        let mut matcher = Matcher::new(Config::DEFAULT);
        let expected = (0..500u32)
            .filter(|&i| {
                pattern
                    .score(idx.haystacks[i as usize].slice(..), &mut matcher)
                    .is_some()
            })
            .count();
        assert_eq!(fresh.total_matches, expected);
        let (best, score) = fresh.results[0];
        assert_eq!(
            pattern.score(idx.haystacks[best as usize].slice(..), &mut matcher),
            Some(score)
        );
        // Erasing widens the search again rather than keeping the narrowed pool.
        typed.query.pop();
        typed.query.pop();
        typed.refresh(&idx);
        assert_eq!(typed.total_matches, 500);
    }
}
