//! Benchmark-sized catalogs: TechGear's own products, then synthesized product lines on
//! the same shelves until the requested size. A line is what a real range looks like —
//! a phone in two or three storage tiers with its own cases and glass, a printer with
//! its own ink series, a laptop of a size the existing sleeves fit — so the mission
//! model keeps producing the same co-purchase structure at a hundred thousand products.

use super::catalog::{Catalog, SHELVES};
use super::dice::Dice;
use super::products::Builder;

/// Curated rows added for synthesized lines, kept modest: one complement per 50 phone
/// lines and one bundle per 200.
#[derive(Debug, Default)]
pub struct Extras {
    pub complements: Vec<[String; 9]>,
    pub bundles: Vec<[String; 5]>,
}

const WORDS: &[&str] = &[
    "Aero", "Vita", "Orion", "Pulse", "Zen", "Flux", "Nimbus", "Quartz", "Terra", "Volt", "Echo",
    "Halo", "Prism", "Vertex", "Lumen", "Nova", "Atlas", "Spark", "Drift", "Edge",
];

#[derive(Clone, Copy)]
enum Line {
    Phone,
    Tablet,
    Laptop,
    Audio,
    Camera,
    Printer,
    Watch,
    Screen,
    Accessory,
}

const LINES: &[(Line, f64)] = &[
    (Line::Phone, 3.0),
    (Line::Tablet, 1.5),
    (Line::Laptop, 2.0),
    (Line::Audio, 2.0),
    (Line::Camera, 0.8),
    (Line::Printer, 0.8),
    (Line::Watch, 0.6),
    (Line::Screen, 1.0),
    (Line::Accessory, 4.0),
];

/// Single accessories: shelf, brand, fit key, price range in dollars.
const ACCESSORIES: &[(&str, &str, &str, (i64, i64))] = &[
    ("Cables", "Anvil", "usb-c", (9, 24)),
    ("Cables", "Anvil", "hdmi", (12, 34)),
    ("Cables", "Anvil", "ethernet", (8, 29)),
    ("Chargers", "Anvil", "phone", (15, 39)),
    ("Chargers", "Anvil", "laptop", (39, 89)),
    ("Mice", "Clikk", "", (12, 99)),
    ("Keyboards", "Clikk", "", (25, 149)),
    ("Laptop Bags", "Carryall", "", (39, 149)),
    ("Laptop Stands", "Ergonest", "", (24, 89)),
    ("USB Hubs", "Portway", "", (19, 179)),
    ("Power Banks", "Anvil", "", (19, 99)),
    ("Batteries", "Voltcell", "", (4, 29)),
    ("Memory Cards", "Sandpoint", "sd", (12, 79)),
    ("Memory Cards", "Sandpoint", "microsd", (9, 59)),
    ("Smart Lighting", "Brightr", "", (14, 99)),
    ("Smart Plugs", "Homely", "", (14, 49)),
    ("Bluetooth Speakers", "Bassline", "", (29, 249)),
    ("External Storage", "Vaultix", "usb-c", (49, 299)),
    ("Wireless Chargers", "Anvil", "", (19, 89)),
    ("TV Mounts", "Ergonest", "", (29, 129)),
    ("Webcams", "Clikk", "", (29, 159)),
];

/// Adds synthesized lines until the catalog holds `target` products.
pub fn extend(catalog: &mut Catalog, target: usize, seed: u64) -> Extras {
    let mut dice = Dice::fork(seed, 4);
    let mut extras = Extras::default();
    let mut shelf_counts = vec![0u32; SHELVES.len()];
    let weights: Vec<f64> = LINES.iter().map(|(_, w)| *w).collect();
    let mut line_no = 0usize;
    let mut phone_lines = 0usize;
    while catalog.products.len() < target {
        line_no += 1;
        let before = catalog.products.len();
        let mut b = Builder {
            catalog: &mut *catalog,
        };
        let model = format!(
            "{} {}",
            dice.pick(WORDS),
            2 + dice.below(19) // model numbers 2..20
        );
        match LINES[dice.weighted(&weights)].0 {
            Line::Phone => {
                let p = phone(&mut b, &mut dice, line_no, &model);
                if phone_lines.is_multiple_of(50) {
                    extras.complements.push(complement(&p));
                }
                if phone_lines.is_multiple_of(200) {
                    extras.bundles.push(bundle(&p, extras.bundles.len() + 1));
                }
                phone_lines += 1;
            }
            Line::Tablet => tablet(&mut b, &mut dice, line_no, &model),
            Line::Laptop => laptop(&mut b, &mut dice, line_no, &model),
            Line::Audio => audio(&mut b, &mut dice, line_no, &model),
            Line::Camera => camera(&mut b, &mut dice, line_no, &model),
            Line::Printer => printer(&mut b, &mut dice, line_no),
            Line::Watch => watch(&mut b, &mut dice, line_no, &model),
            Line::Screen => screen(&mut b, &mut dice, line_no, &model),
            Line::Accessory => accessory(&mut b, &mut dice, line_no, &model),
        }
        // Long tail: each new item on a shelf sells a little less than the one before.
        for p in &mut catalog.products[before..] {
            let n = &mut shelf_counts[p.category as usize];
            *n += 1;
            p.popularity /= 1.0 + f64::from(*n) / 20.0;
        }
    }
    catalog.products.truncate(target);
    let skus: std::collections::HashSet<&str> =
        catalog.products.iter().map(|p| p.sku.as_str()).collect();
    extras
        .complements
        .retain(|r| skus.contains(r[0].as_str()) && skus.contains(r[1].as_str()));
    extras
        .bundles
        .retain(|r| r[2].split('|').all(|s| skus.contains(s)));
    extras
}

/// A price in dollars as the catalog writes it.
fn dollars(d: i64, cents: &str) -> String {
    format!("{d}.{cents}")
}

fn sku(code: &str, line: usize, tier: usize) -> String {
    format!("X{code}{line:06}-{tier}")
}

struct PhoneLine {
    model: String,
    base: String,
    case: String,
    glass: String,
}

fn phone(b: &mut Builder, dice: &mut Dice, line: usize, model: &str) -> PhoneLine {
    let brand = *dice.pick(&["Solara", "Pixelon", "Kiro", "Zento"]);
    let model = format!("{brand} {model}");
    let fit = format!("x-ph-{line}");
    let family = fit.clone();
    let base = 149 + 50 * dice.between(0, 17);
    let tiers = dice.between(2, 3) as usize;
    let storage = ["128GB", "256GB", "512GB"];
    for (t, label) in storage.iter().enumerate().take(tiers) {
        let price = dollars(base + 100 * t as i64, "00");
        b.push(
            sku("PH", line, t + 1),
            format!("{model} ({label})"),
            "Phones",
            brand,
            &price,
            &fit,
            1.0 * TIER[t],
            &family,
            t as u8 + 1,
        );
    }
    let case = sku("PC", line, 1);
    b.push(
        case.clone(),
        format!("Shieldr Slim Case for {model}"),
        "Phone Cases",
        "Shieldr",
        "24.99",
        &fit,
        2.0,
        "",
        0,
    );
    b.push(
        sku("PC", line, 2),
        format!("Shieldr Rugged Case for {model}"),
        "Phone Cases",
        "Shieldr",
        "39.99",
        &fit,
        1.0,
        "",
        0,
    );
    let glass = sku("SP", line, 1);
    b.push(
        glass.clone(),
        format!("Shieldr Tempered Glass for {model}"),
        "Screen Protectors",
        "Shieldr",
        "19.99",
        &fit,
        1.0,
        "",
        0,
    );
    PhoneLine {
        base: sku("PH", line, 1),
        model,
        case,
        glass,
    }
}

const TIER: [f64; 3] = [1.0, 0.7, 0.3];

fn tablet(b: &mut Builder, dice: &mut Dice, line: usize, model: &str) {
    let brand = *dice.pick(&["Solara", "Pixelon", "Zento"]);
    let model = format!("{brand} Tab {model}");
    let fit = format!("x-tab-{line}");
    let base = 129 + 50 * dice.between(0, 12);
    for (t, label) in ["64GB", "128GB"].iter().enumerate() {
        let price = dollars(base + 80 * t as i64, "00");
        b.push(
            sku("TB", line, t + 1),
            format!("{model} ({label})"),
            "Tablets",
            brand,
            &price,
            &fit,
            TIER[t],
            &fit,
            t as u8 + 1,
        );
    }
    b.push(
        sku("TC", line, 1),
        format!("{model} Folio Case"),
        "Tablet Cases",
        brand,
        "39.99",
        &fit,
        1.0,
        "",
        0,
    );
    b.push(
        sku("SP", line, 1),
        format!("Shieldr Tempered Glass for {model}"),
        "Screen Protectors",
        "Shieldr",
        "29.99",
        &fit,
        1.0,
        "",
        0,
    );
}

fn laptop(b: &mut Builder, dice: &mut Dice, line: usize, model: &str) {
    let brand = *dice.pick(&["Corvia", "Lumetra", "Kestrel", "Halden"]);
    // Sizes the hand-written sleeves fit, so sleeves attach to synthesized laptops too.
    let size = *dice.pick(&["13", "14", "15", "16"]);
    let model = format!("{brand} {model} {size}");
    let family = format!("x-lap-{line}");
    let base = 399 + 100 * dice.between(0, 16);
    let tiers = dice.between(2, 3) as usize;
    for (t, label) in ["8GB", "16GB", "32GB"].iter().enumerate().take(tiers) {
        let price = dollars(base + 200 * t as i64, "00");
        b.push(
            sku("LP", line, t + 1),
            format!("{model} ({label})"),
            "Laptops",
            brand,
            &price,
            size,
            TIER[t],
            &family,
            t as u8 + 1,
        );
    }
}

fn audio(b: &mut Builder, dice: &mut Dice, line: usize, model: &str) {
    let brand = *dice.pick(&["Sonnet", "Auralis", "Bassline"]);
    let (shelf, kind) = *dice.pick(&[("Headphones", "Headphones"), ("Earbuds", "Earbuds")]);
    let family = format!("x-au-{line}");
    let base = 29 + 20 * dice.between(0, 14);
    for (t, step) in ["", " Pro"].iter().enumerate() {
        let price = dollars(base + 60 * t as i64, "00");
        b.push(
            sku("AU", line, t + 1),
            format!("{brand} {model}{step} {kind}"),
            shelf,
            brand,
            &price,
            "",
            TIER[t],
            &family,
            t as u8 + 1,
        );
    }
}

fn camera(b: &mut Builder, dice: &mut Dice, line: usize, model: &str) {
    let brand = *dice.pick(&["Optiva", "Kaiden"]);
    let fit = format!("x-cam-{line}");
    let base = 499 + 100 * dice.between(0, 12);
    for (t, step) in ["Body", "Kit"].iter().enumerate() {
        let price = dollars(base + 300 * t as i64, "00");
        b.push(
            sku("CM", line, t + 1),
            format!("{brand} {model} Mirrorless {step}"),
            "Cameras",
            brand,
            &price,
            &fit,
            TIER[t],
            &fit,
            t as u8 + 1,
        );
    }
    b.push(
        sku("CB", line, 1),
        format!("{brand} {model} Battery"),
        "Camera Batteries",
        brand,
        "49.00",
        &fit,
        1.0,
        "",
        0,
    );
}

fn printer(b: &mut Builder, dice: &mut Dice, line: usize) {
    let brand = *dice.pick(&["Inkwell", "Printa"]);
    let series = 100 + line % 900;
    let fit = format!("x-ink-{line}");
    let base = 69 + 30 * dice.between(0, 8);
    let models = dice.between(1, 2) as usize;
    for (t, share) in TIER.iter().enumerate().take(models) {
        let price = dollars(base + 60 * t as i64, "00");
        let name = format!("{brand} {series}{} All-in-One Printer", t * 2 + 1);
        b.push(
            sku("PR", line, t + 1),
            name,
            "Printers",
            brand,
            &price,
            &fit,
            *share,
            &format!("x-pr-{line}"),
            t as u8 + 1,
        );
    }
    let ink_family = format!("x-ink-{line}-black");
    b.push(
        sku("IN", line, 1),
        format!("{brand} {series} Black Ink"),
        "Ink",
        brand,
        "24.99",
        &fit,
        2.0,
        &ink_family,
        1,
    );
    b.push(
        sku("IN", line, 2),
        format!("{brand} {series}XL Black Ink"),
        "Ink",
        brand,
        "39.99",
        &fit,
        1.4,
        &ink_family,
        2,
    );
    b.push(
        sku("IN", line, 3),
        format!("{brand} {series} Tri-Color Ink"),
        "Ink",
        brand,
        "29.99",
        &fit,
        1.4,
        "",
        0,
    );
}

fn watch(b: &mut Builder, dice: &mut Dice, line: usize, model: &str) {
    let brand = *dice.pick(&["Solara", "Pixelon"]);
    let fit = format!("x-w-{line}");
    let base = 149 + 50 * dice.between(0, 6);
    for (t, label) in ["41mm", "45mm"].iter().enumerate() {
        let price = dollars(base + 30 * t as i64, "00");
        b.push(
            sku("WA", line, t + 1),
            format!("{brand} Watch {model} ({label})"),
            "Smartwatches",
            brand,
            &price,
            &fit,
            TIER[t],
            &fit,
            t as u8 + 1,
        );
    }
    b.push(
        sku("WB", line, 1),
        format!("{brand} Watch {model} Sport Band"),
        "Watch Bands",
        brand,
        "29.00",
        &fit,
        1.0,
        "",
        0,
    );
}

fn screen(b: &mut Builder, dice: &mut Dice, line: usize, model: &str) {
    let brand = *dice.pick(&["Viewra", "Lumetra", "Halden"]);
    let family = format!("x-scr-{line}");
    let (shelf, sizes, base, step): (&str, &[&str], i64, i64) = if dice.chance(0.5) {
        (
            "Monitors",
            &["24\"", "27\""],
            129 + 20 * dice.between(0, 10),
            80,
        )
    } else {
        (
            "TVs",
            &["50\"", "55\"", "65\""],
            349 + 50 * dice.between(0, 12),
            200,
        )
    };
    for (t, size) in sizes.iter().enumerate() {
        let price = dollars(base + step * t as i64, "00");
        b.push(
            sku("SC", line, t + 1),
            format!("{brand} {model} {shelf} ({size})"),
            shelf,
            brand,
            &price,
            "",
            TIER[t],
            &family,
            t as u8 + 1,
        );
    }
}

fn accessory(b: &mut Builder, dice: &mut Dice, line: usize, model: &str) {
    let (shelf, brand, fit, (lo, hi)) = *dice.pick(ACCESSORIES);
    let price = dollars(dice.between(lo, hi), "99");
    let name = format!("{brand} {model} {}{}", fit_label(fit), singular(shelf));
    b.push(
        sku("AC", line, 1),
        name,
        shelf,
        brand,
        &price,
        fit,
        1.0,
        "",
        0,
    );
}

fn singular(shelf: &str) -> &str {
    match shelf {
        "Mice" => "Mouse",
        "Batteries" => "Battery Pack",
        "Smart Lighting" => "Smart Light",
        "External Storage" => "Portable Drive",
        s => s.strip_suffix('s').unwrap_or(s),
    }
}

fn fit_label(fit: &str) -> &str {
    match fit {
        "usb-c" => "USB-C ",
        "hdmi" => "HDMI ",
        "ethernet" => "Ethernet ",
        "phone" => "Phone ",
        "laptop" => "Laptop ",
        "sd" => "SD ",
        "microsd" => "microSD ",
        _ => "",
    }
}

fn complement(p: &PhoneLine) -> [String; 9] {
    [
        p.base.clone(),
        p.case.clone(),
        format!("Made for the {}", p.model),
        format!("This case is made for the {} — want to see it?", p.model),
        "0.70".into(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]
}

fn bundle(p: &PhoneLine, n: usize) -> [String; 5] {
    [
        format!("BX{n:05}"),
        format!("{} protection pack", p.model),
        format!("{}|{}", p.case, p.glass),
        String::new(),
        "8.00".into(),
    ]
}
