//! The suggestion panel in the real binary, in a pseudo-terminal, on the demo shop: a
//! laptop brings an add-on (and its upgrade) once it is on the order, the keyboard accepts
//! the add-on, and the database links the accepted offer to its order line; on the next order a declined
//! offer does not come back among the offers that later scans bring. (How soon an offer
//! shows is measured by `cargo bench --bench scan_to_offer`, not here.)

use crate::pty_support;

use std::path::Path;

use pty_support::{CTRL_Q, F12, Tui};
use xsell::store::Store;

const LAPTOP: &str = "8802037000013";
/// Solara Nova 9 (128GB): a phone, whose offers (cases, screen protectors, upgrades) are
/// not the laptop's.
const PHONE: &str = "0192148000001";
const ALT_N: &[u8] = b"\x1bn";
const ALT_Y: &[u8] = b"\x1by";

fn register(db: &Path) -> Tui {
    pty_support::register_without_holdout(db)
}

/// The offer cards on screen, top to bottom: each one's product line.
fn offers(screen: &str) -> Vec<String> {
    cards(screen, &["ADD-ON", "UPGRADE", "BUNDLE"])
}

/// The product lines of the cards of these kinds, top to bottom.
fn cards(screen: &str, kinds: &[&str]) -> Vec<String> {
    let lines: Vec<&str> = screen.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| kinds.iter().any(|k| l.contains(k)))
        .filter_map(|(i, _)| lines.get(i + 1))
        // The panel is the right-hand column: what follows the last border pair.
        .map(|l| l.rsplit("││").next().unwrap_or(l).to_string())
        .collect()
}

/// A card's product line without its frame and price: the product's name.
fn name_on(card: &str) -> String {
    let name = card.trim_matches(|c| c == '│' || c == ' ');
    let name = name.split("  ").next().unwrap().trim();
    let name = name.rsplit_once(" $").map_or(name, |(n, _)| n);
    // A name too long for the card ends in an ellipsis.
    name.trim_end_matches('…').to_string()
}

fn signed_in_with_offers_ready(db: &Path) -> Tui {
    let mut tui = register(db);
    tui.wait_for("Type your staff PIN");
    tui.send(b"1357\r");
    tui.wait_for("Ana Kovacs");
    tui.wait_until("the recommender", |s| !s.contains("offers loading"));
    tui
}

#[test]
fn a_laptop_offer_is_accepted_recorded_and_a_declined_one_stays_away() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let created = crate::run_support::xsell()
        .args(["--db".as_ref(), db.as_os_str(), "demo".as_ref()])
        .output()
        .unwrap();
    assert!(created.status.success(), "{created:?}");

    let mut tui = signed_in_with_offers_ready(&db);
    let empty = tui.screen();
    assert!(
        offers(&empty).is_empty(),
        "offers before any scan:\n{empty}"
    );
    tui.send(format!("{LAPTOP}\r").as_bytes());
    // Its moment: the best add-on, and the next tier (the step up fits the cart).
    let screen = tui.wait_until("an add-on and the upgrade", |s| {
        !cards(s, &["ADD-ON"]).is_empty() && !cards(s, &["UPGRADE"]).is_empty()
    });
    assert!(screen.contains("Order · 1 item"), "{screen}");
    let add_on = name_on(&cards(&screen, &["ADD-ON"])[0]);
    let pick = offers(&screen)
        .iter()
        .position(|o| name_on(o) == add_on)
        .unwrap();
    tui.send(format!("\x1b{}", pick + 1).as_bytes());
    tui.wait_for("Order · 2 items");
    tui.send(F12);
    tui.wait_for("Cash given");
    tui.send(b"\r");
    tui.wait_for("Was the suggestion helpful?");
    tui.send(ALT_Y);
    tui.wait_for("answer is noted");
    tui.send(b"\r");

    // The next order: the first offer is declined and does not come back.
    tui.send(format!("{LAPTOP}\r").as_bytes());
    let screen = tui.wait_until("an offer", |s| !offers(s).is_empty());
    // A card's first line is the product's name, then its price.
    let name = name_on(&offers(&screen)[0]);
    tui.send(ALT_N);
    let after_no = tui.wait_for("not offered again");
    let left = offers(&after_no);
    tui.send(b"HUB7\r"); // an unknown code: the scan line still belongs to the scanner
    tui.send(b"PRT-HUB7\r");
    tui.send(format!("{PHONE}\r").as_bytes());
    tui.wait_for("Order · 3 items");
    // The phone's offers show that the panel has chosen again since the "no".
    let screen = tui.wait_until("an offer for the phone", |s| {
        offers(s).iter().any(|o| !left.contains(o))
    });
    assert!(
        !offers(&screen).iter().any(|o| o.contains(&name)),
        "{name} came back:\n{screen}"
    );
    tui.send(CTRL_Q);
    assert!(tui.wait_exit());

    let store = Store::open(&db).unwrap();
    let conn = store.conn();
    let (event, kind, product, outcome, line_source, feedback): (
        i64,
        String,
        String,
        String,
        String,
        String,
    ) = conn
        .query_row(
            "SELECT e.id, e.kind, p.name, e.outcome, l.source, o.feedback FROM suggestion_events e
             JOIN order_lines l ON l.order_id = e.order_id AND l.suggestion_id = e.id
             JOIN orders o ON o.id = e.order_id
             JOIN products p ON p.id = e.product_id
             WHERE o.status = 'paid' AND o.receipt_no = 'TILL1-000001'",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .unwrap();
    assert!(event > 0);
    assert_eq!(kind, "cross-sell");
    assert!(product.starts_with(&add_on), "{product} is not {add_on}");
    assert_eq!(
        (outcome.as_str(), line_source.as_str(), feedback.as_str()),
        ("accepted", "suggestion", "helpful")
    );
    // The declined product was offered once on the open order, and said no to.
    let declined_rows: Vec<String> = conn
        .prepare(
            "SELECT e.outcome FROM suggestion_events e JOIN products p ON p.id = e.product_id
             JOIN orders o ON o.id = e.order_id
             WHERE o.status = 'draft' AND instr(p.name, ?1) = 1",
        )
        .unwrap()
        .query_map([&name], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(declined_rows, ["dismissed"], "{name}");
    let checked = crate::run_support::xsell()
        .args(["--db".as_ref(), db.as_os_str(), "check".as_ref()])
        .output()
        .unwrap();
    assert!(checked.status.success(), "{checked:?}");
}
