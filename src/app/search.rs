//! Finding a product by name: a fuzzy finder over the whole catalog, live as one types.
//!
//! With 100,000 products one keystroke must still redraw within a frame, so the search is
//! incremental: when the new query extends the previous one, only the previous matches can
//! still match (each word is a subsequence pattern, and a longer pattern matches a subset),
//! so only they are scored again. Only the best `SHOWN` are sorted.

use std::fmt;

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
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
    /// The query the `candidates` were computed for.
    searched: String,
    /// Every product matching `searched`, in catalog order.
    candidates: Vec<u32>,
    matcher: Matcher,
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
            searched: String::new(),
            candidates: Vec::new(),
            matcher: Matcher::new(Config::DEFAULT),
        }
    }

    pub fn selected_product(&self) -> Option<usize> {
        self.results.get(self.selected).map(|&(i, _)| i as usize)
    }

    /// Re-runs the search for the current query.
    pub fn refresh(&mut self, index: &SearchIndex) {
        let query = self.query.text().trim().to_string();
        self.selected = 0;
        if query.is_empty() {
            self.results.clear();
            self.candidates.clear();
            self.searched.clear();
            self.total_matches = 0;
            return;
        }
        let pattern = Pattern::new(
            &query,
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        // A backslash escapes whitespace in a pattern, so a query ending in one can change
        // meaning when extended: search everything again then.
        let narrows =
            !self.searched.is_empty() && query.starts_with(&self.searched) && !query.contains('\\');
        let mut scored: Vec<(u32, u32)> = Vec::new();
        let matcher = &mut self.matcher;
        let mut score = |i: u32| {
            pattern
                .score(index.haystacks[i as usize].slice(..), matcher)
                .map(|s| (i, s))
        };
        if narrows {
            scored.extend(self.candidates.iter().filter_map(|&i| score(i)));
        } else {
            scored.extend((0..index.haystacks.len() as u32).filter_map(score));
        }
        self.candidates.clear();
        self.candidates.extend(scored.iter().map(|&(i, _)| i));
        self.searched = query;
        self.total_matches = scored.len();
        let by_rank = |a: &(u32, u32), b: &(u32, u32)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
        if scored.len() > SHOWN {
            scored.select_nth_unstable_by(SHOWN - 1, by_rank);
            scored.truncate(SHOWN);
        }
        scored.sort_unstable_by(by_rank);
        self.results = scored;
    }

    /// Where each character of the name matched, for highlighting (char indexes).
    pub fn highlights(&mut self, index: &SearchIndex, product: usize) -> Vec<u32> {
        let pattern = Pattern::new(
            self.query.text().trim(),
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        let mut out = Vec::new();
        pattern.indices(
            index.haystacks[product].slice(..),
            &mut self.matcher,
            &mut out,
        );
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::fixtures::product;

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
        // Erasing widens the search again rather than keeping the narrowed pool.
        typed.query.pop();
        typed.query.pop();
        typed.refresh(&idx);
        assert_eq!(typed.total_matches, 500);
    }
}
