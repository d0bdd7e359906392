use super::*;
use crate::domain::catalog::fixtures::product;

pub(crate) fn catalog() -> Catalog {
    let mut phone = product("PHONE", "Pixel phone", 69_900);
    phone.category = "Phones".into();
    let mut case = product("CASE", "Slim case", 2_999);
    case.category = "Phone Cases".into();
    let mut glass = product("GLASS", "Tempered glass", 2_499);
    glass.category = "Screen Protectors".into();
    let mut bank = product("BANK", "Power bank", 3_999);
    bank.category = "Power Banks".into();
    let mut ink = product("INK", "Printer ink", 1_999);
    ink.category = "Ink".into();
    let mut charger = product("CHARGER", "USB-C charger", 1_999);
    charger.category = "Chargers".into();
    Catalog::new(vec![phone, case, glass, bank, ink, charger])
}

pub(crate) const GOOD: &str = r#"id = "phone-basic"
level = "easy"
title = "A phone and nothing planned"
buys = ["PHONE"]

[persona]
name = "Maya"
came_for = "a new phone"
greeting = "Hi, I'd like this phone."
owns = ["CHARGER"]
budget = "800.00"
price_sensitivity = "medium"
patience = 3

[persona.hidden_need]
need = "travelling next month"
reveal = "I'm flying to Lisbon next month."
skus = ["BANK"]

[[persona.objections]]
sku = "GLASS"
says = "The glass is tough already, isn't it?"
answer = "It still scratches with keys in a pocket."

[[good_offers]]
sku = "CASE"
why = "A new phone without a case breaks."

[[good_offers]]
sku = "GLASS"
why = "Two in three phone buyers here take one."

[[bad_offers]]
sku = "INK"
why = "She owns a printer already stocked."
"#;

fn bad(text: &str) -> ScenarioError {
    parse(text, "s.toml", &catalog()).expect_err("a bad file")
}

#[test]
fn a_good_file_reads_with_its_items_resolved() {
    let s = parse(GOOD, "s.toml", &catalog()).expect("good");
    assert_eq!(s.id, "phone-basic");
    assert_eq!(s.level, Level::Easy);
    assert_eq!(s.buys[0].price, Money::from_minor(69_900));
    assert_eq!(s.persona.budget, Money::from_minor(80_000));
    assert!(s.is_good("CASE") && s.is_good("BANK") && !s.is_good("INK"));
    assert!(s.hidden_sku("BANK") && !s.hidden_sku("CASE"));
    assert_eq!(s.opportunities().len(), 3);
    assert_eq!(s.card, Card::Approved);
}

#[test]
fn a_syntax_error_names_its_line() {
    let text = GOOD.replace("title = \"A phone", "title = A phone");
    let e = bad(&text);
    assert_eq!((e.file.as_str(), e.line), ("s.toml", 3), "{e}");
}

#[test]
fn an_unknown_field_is_refused_at_its_line() {
    let text = GOOD.replace("patience = 3", "patience = 3\nmood = \"grumpy\"");
    let e = bad(&text);
    assert_eq!(e.line, 14, "{e}");
    assert!(e.message.contains("mood"), "{e}");
}

#[test]
fn an_unknown_sku_is_named_with_its_line() {
    let text = GOOD.replace("sku = \"CASE\"", "sku = \"CAES\"");
    let e = bad(&text);
    assert_eq!(e.line, 26, "{e}");
    assert!(e.message.contains("unknown SKU 'CAES'"), "{e}");
    let e = bad(&GOOD.replace("skus = [\"BANK\"]", "skus = [\"BNAK\"]"));
    assert_eq!(e.line, 18, "{e}");
}

#[test]
fn a_missing_field_is_named() {
    let e = bad(&GOOD.replace("greeting = \"Hi, I'd like this phone.\"\n", ""));
    assert!(e.message.contains("greeting"), "{e}");
    assert_eq!(e.line, 6, "the persona table: {e}");
    let e = bad(&GOOD.replace("level = \"easy\"\n", ""));
    assert!(e.message.contains("level"), "{e}");
}

#[test]
fn a_level_outside_the_three_is_refused() {
    let e = bad(&GOOD.replace("level = \"easy\"", "level = \"expert\""));
    assert_eq!(e.line, 2, "{e}");
    assert!(e.message.contains("expert"), "{e}");
}

#[test]
fn a_bad_budget_patience_or_id_is_refused_at_its_line() {
    let e = bad(&GOOD.replace("budget = \"800.00\"", "budget = \"8,00\""));
    assert_eq!(e.line, 11, "{e}");
    let e = bad(&GOOD.replace("budget = \"800.00\"", "budget = \"0\""));
    assert!(e.message.contains("more than zero"), "{e}");
    let e = bad(&GOOD.replace("patience = 3", "patience = 9"));
    assert_eq!(e.line, 13, "{e}");
    let e = bad(&GOOD.replace("id = \"phone-basic\"", "id = \"phone basic\""));
    assert_eq!(e.line, 1, "{e}");
}

#[test]
fn contradictions_are_refused() {
    let e = bad(&GOOD.replace("sku = \"INK\"\nwhy", "sku = \"CASE\"\nwhy"));
    assert!(e.message.contains("both a good and a bad offer"), "{e}");
    let e = bad(&GOOD.replace("buys = [\"PHONE\"]", "buys = [\"PHONE\", \"CASE\"]"));
    assert!(e.message.contains("buy anyway"), "{e}");
    let e = bad(&GOOD.replace("buys = [\"PHONE\"]", "buys = []"));
    assert!(e.message.contains("buys is empty"), "{e}");
}

#[test]
fn two_files_with_one_id_are_refused() {
    let errors = parse_all([("a.toml", GOOD), ("b.toml", GOOD)], &catalog()).expect_err("dup");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].file, "b.toml");
    assert_eq!(errors[0].line, 1);
}
