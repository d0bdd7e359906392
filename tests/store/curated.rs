//! Curated complements and bundles: import, validation with line numbers, round trip.

use chrono::NaiveDate;
use xsell::domain::bundle::Deal;
use xsell::domain::money::Money;
use xsell::domain::target::Target;
use xsell::import;
use xsell::store::Store;

const CATALOG: &str = "\
sku,name,category,price
PHONE,Pixel 9,Phones,799.00
CASE,Pixel case,Phone Cases,29.00
GLASS,Screen glass,Screen Protectors,19.00
COFFEE,Coffee,Drinks,3.00
CROISSANT,Croissant,Bakery,2.50
";

fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    import::catalog::import(&mut s, CATALOG.as_bytes(), "c.csv", "2026-01-01T00:00:00").unwrap();
    s
}

#[test]
fn complements_round_trip_with_windows() {
    let mut s = store();
    let csv = "\
from,to,reason,script,weight,starts,ends,days,hours
PHONE,category:Phone Cases,Protects it from day one,Want a case that fits?,0.9,,,,
COFFEE,CROISSANT,Breakfast goes better together,A croissant with that?,,2026-01-01,2026-12-31,mon-fri,07-11
";
    let sum = import::complements::import(&mut s, csv.as_bytes(), "comp.csv").unwrap();
    assert_eq!(sum.added, 2);
    let all = s.load_complements().unwrap();
    assert_eq!(all[0].to, Target::Category("Phone Cases".into()));
    assert_eq!(all[0].weight, 0.9);
    assert_eq!(all[1].weight, 1.0);
    assert_eq!(all[1].window.hours, Some((7, 11)));
    assert_eq!(all[1].window.days, 0b1_1111);
    let monday_9 = NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    assert!(all[1].window.contains(monday_9));
    // Re-import updates in place.
    let again = "from,to,reason,script\nPHONE,category:Phone Cases,Keeps it like new,A case?\n";
    assert_eq!(
        import::complements::import(&mut s, again.as_bytes(), "c.csv")
            .unwrap()
            .updated,
        1
    );
    assert_eq!(s.load_complements().unwrap()[0].reason, "Keeps it like new");
}

#[test]
fn bad_complements_name_their_lines() {
    let mut s = store();
    let csv = "\
from,to,reason,script,weight,days,hours
PHONE,NOPE,r,s,,,
PHONE,category:Toys,r,s,,,
PHONE,CASE,,s,,,
PHONE,CASE,r,s,1.5,,
PHONE,GLASS,r,s,,someday,
PHONE,GLASS,r,s,,,9
PHONE,PHONE,r,s,,,
";
    let err = import::complements::import(&mut s, csv.as_bytes(), "comp.csv").unwrap_err();
    let got: Vec<String> = err.errors.iter().map(|e| e.in_file("comp.csv")).collect();
    assert_eq!(
        got,
        [
            "comp.csv:2: to: unknown sku 'NOPE'",
            "comp.csv:3: to: no product is in category 'Toys'",
            "comp.csv:4: empty reason",
            "comp.csv:5: weight '1.5' is not a number from 0 to 1",
            "comp.csv:6: days: 'someday' is not a day (mon, tue, …)",
            "comp.csv:7: hours: hours '9' should look like 08-11",
            "comp.csv:8: from and to are the same",
        ]
    );
    assert!(s.load_complements().unwrap().is_empty());
}

#[test]
fn bundles_round_trip_and_validate() {
    let mut s = store();
    let csv = "\
bundle_id,name,items,price,discount
PROTECT,Protection pack,category:Phone Cases|GLASS,39.00,
BREAKFAST,Breakfast,COFFEE|CROISSANT,,1.00
";
    assert_eq!(
        import::bundles::import(&mut s, csv.as_bytes(), "b.csv")
            .unwrap()
            .added,
        2
    );
    let all = s.load_bundles().unwrap();
    let protect = all.iter().find(|b| b.id == "PROTECT").unwrap();
    assert_eq!(
        protect.items,
        vec![
            Target::Category("Phone Cases".into()),
            Target::Sku("GLASS".into())
        ]
    );
    assert_eq!(protect.deal, Deal::Price(Money::from_minor(3_900)));
    let bad = "\
bundle_id,name,items,price,discount
A,One item,CASE,1.00,
B,Both,CASE|GLASS,1.00,1.00
C,Neither,CASE|GLASS,,
D,Unknown,CASE|NOPE,1.00,
A,Again,CASE|GLASS,1.00,
";
    let err = import::bundles::import(&mut s, bad.as_bytes(), "b.csv").unwrap_err();
    let got: Vec<String> = err.errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        got,
        [
            "line 2: a bundle needs at least two items",
            "line 3: give either a price or a discount",
            "line 4: give either a price or a discount",
            "line 5: items: unknown sku 'NOPE'",
            "line 6: duplicate bundle_id 'A' (first on line 2)",
        ]
    );
    assert_eq!(s.load_bundles().unwrap().len(), 2);
}
