//! A shopper's way to a product without a barcode: the shop's departments, then the
//! products of one, or a name typed (the register's fuzzy search). A shopper does not know
//! SKUs, so nothing here shows or asks for one; a code scanned while the finder is open is
//! still added, as on the basket screen.
//!
//! The finder's state and its moves are plain data (`Finder`), tested without a terminal;
//! `key` applies a command to the finder on top of the model.

use crate::app::action::Effect;
use crate::app::keymap::Command;
use crate::app::model::Model;
use crate::app::overlay::Overlay;
use crate::app::register::add_product;
use crate::app::search::{SearchIndex, SearchState};
use crate::app::update::step;
use crate::domain::catalog::{Catalog, Lookup};

/// Rows a page key moves.
const PAGE: isize = 8;

/// A department: the shop's category of that name, with its products by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    pub name: String,
    /// Indexes into the catalog's products.
    pub products: Vec<usize>,
}

/// Where the shopper is in the finder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The list of departments, one chosen.
    Departments { selected: usize },
    /// The products of one department, one chosen.
    Aisle { department: usize, selected: usize },
    /// A name typed: the departments whose name holds it, then the best matching
    /// products, one chosen.
    Search { selected: usize },
}

/// What Enter would act on now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Department(usize),
    Product(usize),
    Nothing,
}

#[derive(Debug)]
pub struct Finder {
    pub departments: Vec<Department>,
    pub place: Place,
    /// The name typed and its matching products.
    pub search: SearchState,
    /// The departments whose name holds every word typed ("laptop" finds Laptops, whose
    /// products need not say "laptop"), listed before the products.
    pub matching_departments: Vec<usize>,
}

/// The departments whose name holds every word of `query` (case ignored).
pub fn departments_named(departments: &[Department], query: &str) -> Vec<usize> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    departments
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            let name = d.name.to_lowercase();
            words.iter().all(|w| name.contains(w.as_str()))
        })
        .map(|(i, _)| i)
        .collect()
}

/// The catalog's active products grouped by category, departments and products in
/// alphabetical order (case ignored), so that a shopper finds them where they expect.
pub fn departments(catalog: &Catalog) -> Vec<Department> {
    let products = catalog.products();
    let mut indexes: Vec<usize> = (0..products.len())
        .filter(|&i| products[i].active && !products[i].category.trim().is_empty())
        .collect();
    let key = |i: &usize| {
        (
            products[*i].category.to_lowercase(),
            products[*i].name.to_lowercase(),
        )
    };
    indexes.sort_by_cached_key(key);
    let mut out: Vec<Department> = Vec::new();
    for i in indexes {
        let category = &products[i].category;
        match out.last_mut() {
            Some(d) if d.name.eq_ignore_ascii_case(category) => d.products.push(i),
            _ => out.push(Department {
                name: category.clone(),
                products: vec![i],
            }),
        }
    }
    out
}

impl Finder {
    pub fn new(catalog: &Catalog) -> Finder {
        Finder {
            departments: departments(catalog),
            place: Place::Departments { selected: 0 },
            search: SearchState::new(),
            matching_departments: Vec::new(),
        }
    }

    /// What Enter would open or add.
    pub fn choice(&self) -> Choice {
        match self.place {
            Place::Departments { selected } => {
                if selected < self.departments.len() {
                    Choice::Department(selected)
                } else {
                    Choice::Nothing
                }
            }
            Place::Aisle {
                department,
                selected,
            } => self
                .departments
                .get(department)
                .and_then(|d| d.products.get(selected))
                .map_or(Choice::Nothing, |&p| Choice::Product(p)),
            Place::Search { selected } => {
                let named = self.matching_departments.len();
                match self.matching_departments.get(selected) {
                    Some(&d) => Choice::Department(d),
                    None => self
                        .search
                        .results
                        .get(selected - named)
                        .map_or(Choice::Nothing, |&(p, _)| Choice::Product(p as usize)),
                }
            }
        }
    }

    /// The product chosen now, if the finder is on one.
    pub fn chosen_product(&self) -> Option<usize> {
        match self.choice() {
            Choice::Product(p) => Some(p),
            _ => None,
        }
    }

    /// How many rows the list in view has.
    pub fn rows(&self) -> usize {
        match self.place {
            Place::Departments { .. } => self.departments.len(),
            Place::Aisle { department, .. } => self
                .departments
                .get(department)
                .map_or(0, |d| d.products.len()),
            Place::Search { .. } => self.matching_departments.len() + self.search.results.len(),
        }
    }

    /// The chosen row of the list in view.
    pub fn selected(&self) -> usize {
        match self.place {
            Place::Departments { selected }
            | Place::Aisle { selected, .. }
            | Place::Search { selected } => selected,
        }
    }

    /// Moves the choice by `delta` rows, staying in the list.
    pub fn step(&mut self, delta: isize) {
        let len = self.rows();
        match &mut self.place {
            Place::Departments { selected }
            | Place::Aisle { selected, .. }
            | Place::Search { selected } => *selected = step(*selected, len, delta),
        }
    }

    /// Opens a department's products.
    pub fn open(&mut self, department: usize) {
        if department < self.departments.len() {
            self.place = Place::Aisle {
                department,
                selected: 0,
            };
        }
    }

    /// A letter typed: the finder searches by name.
    pub fn type_char(&mut self, c: char, index: &SearchIndex) {
        if self.search.query.push(c) {
            self.search.refresh(index);
            self.place = self.after_typing();
        }
    }

    /// Backspace: one letter less; an empty name goes back to the departments.
    pub fn erase(&mut self, index: &SearchIndex) {
        if self.search.query.pop().is_some() {
            self.search.refresh(index);
            self.place = self.after_typing();
        }
    }

    fn after_typing(&mut self) -> Place {
        self.matching_departments = departments_named(&self.departments, self.search.query.text());
        if self.search.query.text().trim().is_empty() {
            Place::Departments { selected: 0 }
        } else {
            Place::Search { selected: 0 }
        }
    }

    /// Esc: one step back (a name cleared, a department left); false when already at the
    /// start, where Esc closes the finder.
    pub fn back(&mut self, index: &SearchIndex) -> bool {
        match self.place {
            Place::Search { .. } => {
                self.search.query.clear();
                self.search.refresh(index);
                self.matching_departments.clear();
                self.place = Place::Departments { selected: 0 };
                true
            }
            // Back to where the department was chosen: the search, or the whole list.
            Place::Aisle { department, .. } => {
                self.place = match self
                    .matching_departments
                    .iter()
                    .position(|&d| d == department)
                {
                    Some(selected) => Place::Search { selected },
                    None => Place::Departments {
                        selected: department,
                    },
                };
                true
            }
            Place::Departments { .. } => false,
        }
    }
}

/// Opens the finder; a name already typed on the scan line becomes its search.
pub fn open(model: &mut Model) -> Vec<Effect> {
    let mut finder = Finder::new(&model.catalog);
    let typed = model.input.take();
    for c in typed.trim().chars() {
        finder.type_char(c, &model.search_index);
    }
    model.overlays.push(Overlay::KioskFinder(Box::new(finder)));
    Vec::new()
}

pub fn key(model: &mut Model, command: Command) -> Vec<Effect> {
    let index = model.search_index.clone();
    let Some(Overlay::KioskFinder(finder)) = model.overlays.last_mut() else {
        return Vec::new();
    };
    match command {
        Command::Type(c) => finder.type_char(c, &index),
        Command::Erase => finder.erase(&index),
        Command::Up => finder.step(-1),
        Command::Down => finder.step(1),
        Command::PageUp => finder.step(-PAGE),
        Command::PageDown => finder.step(PAGE),
        Command::Close if !finder.back(&index) => {
            model.overlays.pop();
        }
        Command::Submit => {
            // A code scanned or typed while the finder is open is added, as on the basket.
            let typed = finder.search.query.text().trim().to_string();
            let catalog = model.catalog.clone();
            if !typed.is_empty()
                && let Lookup::Found(product) = catalog.lookup(&typed)
            {
                return add_and_close(model, product);
            }
            match finder.choice() {
                Choice::Department(d) => finder.open(d),
                Choice::Product(p) => return add_and_close(model, &catalog.products()[p]),
                Choice::Nothing if typed.is_empty() => {}
                Choice::Nothing => model.error(format!(
                    "Nothing called \"{typed}\": try fewer letters, or Esc to browse the departments"
                )),
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Adds one of `product` and returns to the basket (the finder stays open if it could
/// not be added, with the reason said).
fn add_and_close(model: &mut Model, product: &crate::domain::catalog::Product) -> Vec<Effect> {
    let effects = add_product(model, product, 1);
    if !effects.is_empty() {
        model.overlays.pop();
    }
    effects
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::fixtures::product;

    fn catalog() -> Catalog {
        let mut items = vec![
            product("CBL-1", "USB-C cable 1m", 999),
            product("MSE-1", "Wireless mouse", 2499),
            product("CBL-2", "HDMI cable", 1299),
            product("KBD-1", "Keyboard", 4999),
            product("OLD-1", "Retired mouse", 999),
        ];
        let categories = ["Cables", "mice", "Cables", "Keyboards", "Mice"];
        for (p, c) in items.iter_mut().zip(categories) {
            p.category = c.into();
        }
        items[4].active = false;
        Catalog::new(items)
    }

    fn names(catalog: &Catalog, d: &Department) -> Vec<String> {
        d.products
            .iter()
            .map(|&i| catalog.products()[i].name.clone())
            .collect()
    }

    #[test]
    fn departments_are_the_active_products_by_category_in_alphabetical_order() {
        let catalog = catalog();
        let found = departments(&catalog);
        let titles: Vec<&str> = found.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(titles, ["Cables", "Keyboards", "mice"]);
        assert_eq!(names(&catalog, &found[0]), ["HDMI cable", "USB-C cable 1m"]);
        // The retired mouse is not for sale; "Mice" and "mice" are one department.
        assert_eq!(names(&catalog, &found[2]), ["Wireless mouse"]);
    }

    #[test]
    fn enter_walks_from_a_department_to_its_products_and_esc_walks_back() {
        let catalog = catalog();
        let index = SearchIndex::new(&catalog);
        let mut finder = Finder::new(&catalog);
        assert_eq!(finder.choice(), Choice::Department(0));
        finder.step(1);
        finder.step(5);
        assert_eq!(finder.choice(), Choice::Department(2), "stays in the list");
        finder.open(2);
        assert_eq!(finder.choice(), Choice::Product(1));
        assert!(finder.back(&index));
        assert_eq!(finder.place, Place::Departments { selected: 2 });
        assert!(!finder.back(&index), "at the start Esc closes the finder");
    }

    #[test]
    fn typing_searches_by_name_and_erasing_it_returns_to_the_departments() {
        let catalog = catalog();
        let index = SearchIndex::new(&catalog);
        let mut finder = Finder::new(&catalog);
        for c in "hdmi".chars() {
            finder.type_char(c, &index);
        }
        assert_eq!(finder.place, Place::Search { selected: 0 });
        assert_eq!(finder.choice(), Choice::Product(2));
        for _ in 0..4 {
            finder.erase(&index);
        }
        assert_eq!(finder.place, Place::Departments { selected: 0 });
        finder.type_char('z', &index);
        finder.type_char('q', &index);
        assert_eq!(finder.choice(), Choice::Nothing);
        assert!(finder.back(&index));
        assert_eq!(finder.search.query.text(), "");
    }

    #[test]
    fn a_name_typed_lists_the_departments_called_so_before_the_products() {
        let catalog = catalog();
        let index = SearchIndex::new(&catalog);
        let mut finder = Finder::new(&catalog);
        for c in "cable".chars() {
            finder.type_char(c, &index);
        }
        // The Cables department first, then the two cables found by name.
        assert_eq!(finder.rows(), 3);
        assert_eq!(finder.choice(), Choice::Department(0));
        finder.step(1);
        assert!(matches!(finder.choice(), Choice::Product(_)));
        finder.step(-1);
        if let Choice::Department(d) = finder.choice() {
            finder.open(d);
        }
        assert_eq!(
            finder.choice(),
            Choice::Product(2),
            "the HDMI cable, first by name"
        );
        assert_eq!(departments_named(&finder.departments, "KEY boa"), [1]);
        assert!(departments_named(&finder.departments, " ").is_empty());
    }

    #[test]
    fn an_empty_catalog_has_nothing_to_choose() {
        let catalog = Catalog::new(Vec::new());
        let mut finder = Finder::new(&catalog);
        finder.step(1);
        assert_eq!(finder.choice(), Choice::Nothing);
        assert_eq!(finder.rows(), 0);
    }
}
