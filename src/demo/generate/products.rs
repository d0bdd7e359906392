//! TechGear's own catalog, written out by hand: the products a demo user will see and
//! type, so names, prices and pairings have to read like a real shop's shelves.
//!
//! Fit keys tie accessories to devices: a phone family (`nova-9`) for its cases and glass,
//! a laptop size (`15`) for sleeves, an ink series (`iw-62`) for cartridges, a plug or
//! card type (`usb-c`, `sd`) for cables and memory.

use crate::domain::money::Money;

use super::catalog::{Catalog, Product, category_id};

/// SKUs on the catalog at zero stock: the register must never offer them.
pub const OUT_OF_STOCK: &[&str] = &[
    "NP9-1T",
    "CVP16-64",
    "SKY-AIR3",
    "ARC-ONE",
    "CLK-ERGO",
    "CRY-SLV16",
];

const AGE_RESTRICTED: &[&str] = &["ZAP-250", "ZAP-250SF", "SKY-FPV"];

/// Sales share of the tiers of one family, entry model first.
const TIER_SHARE: [f64; 3] = [1.0, 0.7, 0.3];

pub struct Builder<'a> {
    pub catalog: &'a mut Catalog,
}

impl Builder<'_> {
    /// A family whose members differ by one spec: `UltraBook 15 (16GB)`, `(32GB)`.
    #[allow(clippy::too_many_arguments)]
    pub fn fam(
        &mut self,
        category: &str,
        brand: &'static str,
        family: &str,
        fits: &str,
        base: &str,
        sku: &str,
        pop: f64,
        tiers: &[(&str, &str, &str)],
    ) {
        for (i, (suffix, label, price)) in tiers.iter().enumerate() {
            self.push(
                format!("{sku}-{suffix}"),
                format!("{base} ({label})"),
                category,
                brand,
                price,
                fits,
                pop * TIER_SHARE[i.min(2)],
                family,
                i as u8 + 1,
            );
        }
    }

    /// A family whose members have names of their own: `Glide` → `Glide Pro`.
    pub fn ladder(
        &mut self,
        category: &str,
        brand: &'static str,
        family: &str,
        fits: &str,
        pop: f64,
        steps: &[(&str, &str, &str)],
    ) {
        for (i, (sku, name, price)) in steps.iter().enumerate() {
            self.push(
                sku.to_string(),
                name.to_string(),
                category,
                brand,
                price,
                fits,
                pop * TIER_SHARE[i.min(2)],
                family,
                i as u8 + 1,
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub fn item(
        &mut self,
        sku: &str,
        name: &str,
        category: &str,
        brand: &'static str,
        price: &str,
        fits: &str,
        pop: f64,
    ) {
        self.push(
            sku.into(),
            name.into(),
            category,
            brand,
            price,
            fits,
            pop,
            "",
            0,
        );
    }

    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &mut self,
        sku: String,
        name: String,
        category: &str,
        brand: &'static str,
        price: &str,
        fits: &str,
        popularity: f64,
        family: &str,
        tier: u8,
    ) {
        let fits = fits
            .split_whitespace()
            .map(|k| self.catalog.token(k))
            .collect();
        let age_restricted = AGE_RESTRICTED.contains(&sku.as_str());
        self.catalog.products.push(Product {
            sku,
            name,
            category: category_id(category),
            brand,
            price: Money::parse(price).expect("a price in the catalog table"),
            cost: Money::ZERO,
            stock: 0,
            barcode: String::new(),
            family: family.into(),
            tier,
            fits,
            popularity,
            age_restricted,
        });
    }
}

pub fn list(b: &mut Builder) {
    devices(b);
    mobile_accessories(b);
    computer_accessories(b);
    other_accessories(b);
    consumables_and_services(b);
}

#[rustfmt::skip]
fn devices(b: &mut Builder) {
    let l = "Laptops";
    b.fam(l, "Lumetra", "ultrabook-15", "15", "UltraBook 15", "UB15", 3.0, &[
        ("8", "8GB", "999.00"),
        ("16", "16GB", "1199.00"),
        ("32", "32GB", "1399.00"),
    ]);
    b.fam(l, "Corvia", "corvia-air-13", "13", "Corvia Air 13", "CVA13", 2.6, &[
        ("8", "8GB", "899.00"),
        ("16", "16GB", "1099.00"),
        ("24", "24GB", "1299.00"),
    ]);
    b.fam(l, "Corvia", "corvia-pro-14", "14", "Corvia Pro 14", "CVP14", 1.2, &[
        ("16", "16GB", "1599.00"),
        ("32", "32GB", "1999.00"),
    ]);
    b.fam(l, "Corvia", "corvia-pro-16", "16", "Corvia Pro 16", "CVP16", 0.8, &[
        ("32", "32GB", "2499.00"),
        ("64", "64GB", "2999.00"),
    ]);
    b.fam(l, "Lumetra", "lumetra-flip-14", "14", "Lumetra Flip 14 2-in-1", "LFL14", 1.2, &[
        ("8", "8GB", "749.00"),
        ("16", "16GB", "949.00"),
    ]);
    b.fam(l, "Kestrel", "kestrel-g15", "15", "Kestrel G15 Gaming", "KG15", 1.0, &[
        ("16", "16GB", "1299.00"),
        ("32", "32GB", "1699.00"),
    ]);
    b.fam(l, "Halden", "halden-book-14", "14", "Halden Book 14", "HB14", 1.8, &[
        ("8", "8GB", "449.00"),
        ("16", "16GB", "579.00"),
    ]);
    b.fam(l, "Halden", "halden-book-15", "15", "Halden Book 15", "HB15", 2.0, &[
        ("8", "8GB", "499.00"),
        ("16", "16GB", "629.00"),
    ]);

    let p = "Phones";
    b.fam(p, "Solara", "nova-9", "nova-9", "Solara Nova 9", "NV9", 3.0, &[
        ("128", "128GB", "799.00"),
        ("256", "256GB", "899.00"),
        ("512", "512GB", "1099.00"),
    ]);
    b.fam(p, "Solara", "nova-9-pro", "nova-9-pro", "Solara Nova 9 Pro", "NP9", 1.8, &[
        ("256", "256GB", "1099.00"),
        ("512", "512GB", "1299.00"),
        ("1T", "1TB", "1499.00"),
    ]);
    b.fam(p, "Pixelon", "pixelon-p7", "p7", "Pixelon P7", "PX7", 2.2, &[
        ("128", "128GB", "699.00"),
        ("256", "256GB", "799.00"),
    ]);
    b.fam(p, "Pixelon", "pixelon-p7a", "p7a", "Pixelon P7a", "PX7A", 1.6, &[
        ("128", "128GB", "449.00"),
    ]);
    b.fam(p, "Kiro", "kiro-k5", "k5", "Kiro K5", "KK5", 1.4, &[
        ("128", "128GB", "379.00"),
        ("256", "256GB", "429.00"),
    ]);
    b.fam(p, "Zento", "zento-z3", "z3", "Zento Z3", "ZZ3", 1.2, &[
        ("64", "64GB", "179.00"),
        ("128", "128GB", "219.00"),
    ]);

    let t = "Tablets";
    b.fam(t, "Solara", "nova-tab-11", "nova-tab-11", "Solara Nova Tab 11", "NT11", 2.0, &[
        ("128", "128GB", "599.00"),
        ("256", "256GB", "699.00"),
        ("512", "512GB", "899.00"),
    ]);
    b.fam(t, "Solara", "nova-tab-mini", "nova-tab-mini", "Solara Nova Tab Mini", "NTM", 1.0, &[
        ("64", "64GB", "449.00"),
        ("256", "256GB", "599.00"),
    ]);
    b.fam(t, "Pixelon", "slate-10", "slate-10", "Pixelon Slate 10", "PSL10", 1.2, &[
        ("64", "64GB", "329.00"),
        ("128", "128GB", "379.00"),
    ]);
    b.fam(t, "Zento", "zento-tab-8", "tab-8", "Zento Tab 8", "ZT8", 1.0, &[
        ("32", "32GB", "119.00"),
        ("64", "64GB", "149.00"),
    ]);

    b.ladder("Headphones", "Sonnet", "sonnet-aria", "", 1.6, &[
        ("SON-ARIA", "Sonnet Aria ANC Headphones", "249.00"),
        ("SON-ARIAP", "Sonnet Aria Pro ANC Headphones", "349.00"),
    ]);
    b.ladder("Headphones", "Auralis", "auralis-studio", "", 1.2, &[
        ("AUR-ST60", "Auralis Studio 60 Headphones", "179.00"),
        ("AUR-ST80", "Auralis Studio 80 Headphones", "279.00"),
    ]);
    b.ladder("Headphones", "Bassline", "bassline-drift", "", 1.4, &[
        ("BSL-DRIFT", "Bassline Drift Wireless Headphones", "79.00"),
        ("BSL-DRIFTM", "Bassline Drift Max Headphones", "119.00"),
    ]);
    b.ladder("Headphones", "Sonnet", "sonnet-arena", "gaming", 1.0, &[
        ("SON-ARENA", "Sonnet Arena Gaming Headset", "99.00"),
        ("SON-ARENAP", "Sonnet Arena Pro Wireless Headset", "149.00"),
    ]);
    b.ladder("Earbuds", "Solara", "nova-buds", "", 2.0, &[
        ("NVB-STD", "Solara Nova Buds", "129.00"),
        ("NVB-PRO", "Solara Nova Buds Pro", "229.00"),
    ]);
    b.ladder("Earbuds", "Auralis", "auralis-pods", "", 1.4, &[
        ("AUR-PODS", "Auralis Pods", "99.00"),
        ("AUR-PODSA", "Auralis Pods ANC", "169.00"),
    ]);
    b.ladder("Earbuds", "Bassline", "bassline-sprint", "", 1.6, &[
        ("BSL-SPR", "Bassline Sprint Earbuds", "39.00"),
        ("BSL-SPRS", "Bassline Sprint Sport Earbuds", "59.00"),
    ]);

    b.ladder("Cameras", "Optiva", "optiva-m5", "optiva-m5", 1.0, &[
        ("OPT-M5", "Optiva M5 Mirrorless Body", "1299.00"),
        ("OPT-M5K", "Optiva M5 Mirrorless Kit 18-55mm", "1599.00"),
    ]);
    b.ladder("Cameras", "Optiva", "optiva-z30", "optiva-z30", 1.2, &[
        ("OPT-Z30", "Optiva Z30 Compact Camera", "749.00"),
        ("OPT-Z30V", "Optiva Z30 Vlogging Kit", "899.00"),
    ]);
    b.ladder("Cameras", "Kaiden", "kaiden-x", "kaiden-x", 0.8, &[
        ("KAI-X100", "Kaiden X100 Mirrorless", "699.00"),
        ("KAI-X200", "Kaiden X200 Mirrorless", "999.00"),
    ]);
    b.ladder("Action Cameras", "Trekcam", "trekcam-8", "trekcam-8", 1.0, &[
        ("TRK-8", "Trekcam 8 Action Camera", "349.00"),
        ("TRK-8MAX", "Trekcam 8 Max 360 Camera", "449.00"),
    ]);
    b.ladder("Drones", "Skyla", "skyla", "skyla", 1.0, &[
        ("SKY-MINI2", "Skyla Mini 2 Drone", "449.00"),
        ("SKY-AIR3", "Skyla Air 3 Drone", "899.00"),
    ]);
    b.item("SKY-FPV", "Skyla FPV Racer Drone", "Drones", "Skyla", "599.00", "skyla", 0.4);

    let pr = "Printers";
    b.ladder(pr, "Inkwell", "inkwell-home", "iw-62", 1.6, &[
        ("IW-2200", "Inkwell 2200 Inkjet Printer", "79.00"),
        ("IW-3400", "Inkwell 3400 All-in-One Printer", "129.00"),
    ]);
    b.item("IW-6100", "Inkwell 6100 Office All-in-One", pr, "Inkwell", "229.00", "iw-910", 1.0);
    b.ladder(pr, "Printa", "printa-l30", "pt-30", 0.9, &[
        ("PT-L30", "Printa L30 Laser Printer", "199.00"),
        ("PT-L30DW", "Printa L30dw Wireless Duplex Laser", "279.00"),
    ]);
    b.item("PT-P5", "Printa P5 Photo Printer", pr, "Printa", "179.00", "pp-5", 0.5);

    b.ladder("Monitors", "Viewra", "viewra-24", "", 1.4, &[
        ("VW-24F", "Viewra 24\" FHD Monitor", "169.00"),
        ("VW-24Q", "Viewra 24\" QHD Monitor", "229.00"),
    ]);
    b.ladder("Monitors", "Viewra", "viewra-27", "", 1.2, &[
        ("VW-27Q", "Viewra 27\" QHD Monitor", "299.00"),
        ("VW-27U", "Viewra 27\" 4K Monitor", "449.00"),
    ]);
    b.item("HLD-22", "Halden 22\" Office Monitor", "Monitors", "Halden", "109.00", "", 1.0);
    b.fam("TVs", "Viewra", "viewra-cinema", "", "Viewra Cinema 4K TV", "VWC", 1.6, &[
        ("50", "50\"", "449.00"),
        ("55", "55\"", "599.00"),
        ("65", "65\"", "899.00"),
    ]);
    b.fam("TVs", "Lumetra", "lumetra-oled", "", "Lumetra OLED TV", "LOL", 0.8, &[
        ("55", "55\"", "1399.00"),
        ("65", "65\"", "1999.00"),
    ]);
    b.ladder("Game Consoles", "Arcadia", "arcadia-one", "arcadia", 1.4, &[
        ("ARC-ONED", "Arcadia One Digital Edition", "399.00"),
        ("ARC-ONE", "Arcadia One", "499.00"),
    ]);
    b.ladder("Game Consoles", "Nexplay", "nexplay-go", "nexplay", 1.4, &[
        ("NXP-GO", "Nexplay Go Handheld Console", "299.00"),
        ("NXP-GOP", "Nexplay Go Plus OLED Console", "349.00"),
    ]);

    b.ladder("Smart Speakers", "Homely", "homely-speaker", "homely", 1.6, &[
        ("HML-DOT", "Homely Dot Smart Speaker", "49.99"),
        ("HML-ECHO", "Homely Echo Smart Speaker", "99.99"),
        ("HML-HUB", "Homely Hub Smart Display", "149.99"),
    ]);
    b.item("BRT-BULB", "Brightr Color Smart Bulb", "Smart Lighting", "Brightr", "19.99", "", 2.0);
    b.item("BRT-KIT", "Brightr Starter Kit (3 bulbs + bridge)", "Smart Lighting", "Brightr", "89.99", "", 1.0);
    b.item("BRT-STRIP", "Brightr Light Strip 2m", "Smart Lighting", "Brightr", "69.99", "", 0.8);
    b.item("HML-PLUG", "Homely Smart Plug", "Smart Plugs", "Homely", "24.99", "", 1.6);
    b.item("HML-PLUG2", "Homely Smart Plug 2-Pack", "Smart Plugs", "Homely", "39.99", "", 1.0);
    b.item("HML-CAMIN", "Homely Indoor Camera", "Security Cameras", "Homely", "59.99", "", 1.2);
    b.item("HML-CAMOUT", "Homely Outdoor Camera", "Security Cameras", "Homely", "129.99", "", 0.8);
    b.item("HML-BELL", "Homely Video Doorbell", "Security Cameras", "Homely", "149.99", "", 0.9);

    b.fam("Smartwatches", "Solara", "nova-watch", "nova-watch", "Solara Nova Watch", "NVW", 1.4, &[
        ("41", "41mm", "299.00"),
        ("45", "45mm", "329.00"),
    ]);
    b.fam("Smartwatches", "Pixelon", "pixelon-watch-2", "px-watch", "Pixelon Watch 2", "PXW2", 1.0, &[
        ("BT", "Bluetooth", "249.00"),
        ("LTE", "LTE", "299.00"),
    ]);
    b.fam("External Storage", "Vaultix", "vaultix-ssd", "usb-c", "Vaultix Portable SSD", "VTX-SSD", 1.4, &[
        ("500", "500GB", "69.99"),
        ("1T", "1TB", "99.99"),
        ("2T", "2TB", "169.99"),
    ]);
    b.fam("External Storage", "Sandpoint", "sandpoint-hdd", "", "Sandpoint Portable HDD", "SP-HDD", 1.0, &[
        ("2T", "2TB", "79.99"),
        ("4T", "4TB", "109.99"),
        ("5T", "5TB", "139.99"),
    ]);
    b.ladder("Routers", "Meshlink", "meshlink", "", 1.0, &[
        ("MSH-1800", "Meshlink AX1800 Wi-Fi 6 Router", "89.99"),
        ("MSH-3000", "Meshlink AX3000 Wi-Fi 6 Router", "149.99"),
        ("MSH-MESH3", "Meshlink Mesh System 3-Pack", "299.99"),
    ]);
    b.ladder("Bluetooth Speakers", "Bassline", "bassline-boom", "", 1.2, &[
        ("BSL-BOOMM", "Bassline Boom Mini Speaker", "49.99"),
        ("BSL-BOOM", "Bassline Boom Speaker", "99.99"),
        ("BSL-BOOMXL", "Bassline Boom XL Party Speaker", "179.99"),
    ]);
    b.ladder("Soundbars", "Auralis", "auralis-bar", "", 1.0, &[
        ("AUR-BAR2", "Auralis Bar 2.0 Soundbar", "149.99"),
        ("AUR-BAR51", "Auralis Bar 5.1 Soundbar", "349.99"),
    ]);
    b.item("SON-ARC", "Sonnet Arc Dolby Atmos Soundbar", "Soundbars", "Sonnet", "499.00", "", 0.5);
}

#[rustfmt::skip]
fn mobile_accessories(b: &mut Builder) {
    let phones: &[(&str, &str, &str)] = &[
        ("NV9", "nova-9", "Nova 9"),
        ("NP9", "nova-9-pro", "Nova 9 Pro"),
        ("PX7", "p7", "Pixelon P7"),
        ("PX7A", "p7a", "Pixelon P7a"),
        ("KK5", "k5", "Kiro K5"),
        ("ZZ3", "z3", "Zento Z3"),
    ];
    for (code, fit, model) in phones {
        // The slim case outsells the rugged one about two to one.
        b.item(&format!("SHD-SLIM-{code}"), &format!("Shieldr Slim Case for {model}"), "Phone Cases", "Shieldr", "29.99", fit, 2.0);
        b.item(&format!("SHD-RUG-{code}"), &format!("Shieldr Rugged Case for {model}"), "Phone Cases", "Shieldr", "44.99", fit, 1.0);
        b.item(&format!("SHD-GLS-{code}"), &format!("Shieldr Tempered Glass for {model}"), "Screen Protectors", "Shieldr", "24.99", fit, 1.0);
    }
    b.item("SOL-NV9-CLR", "Solara Nova 9 Clear MagCase", "Phone Cases", "Solara", "49.00", "nova-9 nova-9-pro", 0.8);
    let tablets: &[(&str, &str, &str)] = &[
        ("NT11", "nova-tab-11", "Nova Tab 11"),
        ("NTM", "nova-tab-mini", "Nova Tab Mini"),
        ("PSL10", "slate-10", "Slate 10"),
        ("ZT8", "tab-8", "Zento Tab 8"),
    ];
    for (code, fit, model) in tablets {
        b.item(&format!("SHD-GLS-{code}"), &format!("Shieldr Tempered Glass for {model}"), "Screen Protectors", "Shieldr", "34.99", fit, 1.0);
    }
    b.item("SOL-NT11-FOL", "Solara Nova Tab 11 Smart Folio", "Tablet Cases", "Solara", "79.00", "nova-tab-11", 1.5);
    b.item("SHD-RUG-NT11", "Shieldr Rugged Case for Nova Tab 11", "Tablet Cases", "Shieldr", "59.99", "nova-tab-11", 0.8);
    b.item("SOL-NTM-FOL", "Solara Nova Tab Mini Smart Folio", "Tablet Cases", "Solara", "59.00", "nova-tab-mini", 1.0);
    b.item("PXL-SL10-CVR", "Pixelon Slate 10 Book Cover", "Tablet Cases", "Pixelon", "39.99", "slate-10", 1.0);
    b.item("ZT8-KIDS", "Zento Tab 8 Kids Bumper Case", "Tablet Cases", "Zento", "24.99", "tab-8", 1.0);
    b.item("SOL-PENCIL2", "Solara Pencil 2", "Styluses", "Solara", "129.00", "nova-tab-11 nova-tab-mini", 1.0);
    b.item("PXL-PEN", "Pixelon Slate Pen", "Styluses", "Pixelon", "49.99", "slate-10", 1.0);
    b.item("ANV-STYLUS", "Anvil Universal Stylus 2-Pack", "Styluses", "Anvil", "19.99", "", 1.0);
    b.item("SOL-NT11-KB", "Solara Nova Tab 11 Magic Keyboard", "Tablet Keyboards", "Solara", "299.00", "nova-tab-11", 1.0);
    b.item("PXL-SL10-KB", "Pixelon Slate 10 Keyboard Cover", "Tablet Keyboards", "Pixelon", "99.99", "slate-10", 1.0);

    b.item("ANV-20W", "Anvil 20W USB-C Charger", "Chargers", "Anvil", "19.99", "phone", 2.0);
    b.item("ANV-30W", "Anvil 30W GaN Charger", "Chargers", "Anvil", "29.99", "phone", 1.5);
    b.item("SOL-20W", "Solara 20W USB-C Power Adapter", "Chargers", "Solara", "25.00", "phone", 1.0);
    b.item("ANV-65W", "Anvil 65W GaN Laptop Charger", "Chargers", "Anvil", "49.99", "laptop", 1.2);
    b.item("ANV-100W", "Anvil 100W 3-Port GaN Charger", "Chargers", "Anvil", "79.99", "laptop phone", 0.6);
    b.item("ANV-CAR", "Anvil Dual USB-C Car Charger", "Chargers", "Anvil", "24.99", "", 0.8);
    b.ladder("Power Banks", "Anvil", "anvil-powerbank", "", 1.4, &[
        ("ANV-PB5", "Anvil Pocket Power Bank 5000mAh", "24.99"),
        ("ANV-PB10", "Anvil Power Bank 10000mAh", "39.99"),
        ("ANV-PB20", "Anvil Power Bank 20000mAh PD", "59.99"),
    ]);
    b.item("ANV-PB26L", "Anvil Laptop Power Bank 26800mAh", "Power Banks", "Anvil", "99.99", "laptop", 0.4);
    b.item("ANV-PAD", "Anvil 10W Wireless Charging Pad", "Wireless Chargers", "Anvil", "29.99", "", 1.2);
    b.item("ANV-3IN1", "Anvil 3-in-1 Wireless Charging Stand", "Wireless Chargers", "Anvil", "79.99", "", 0.8);
    b.item("SOL-MAGCHG", "Solara MagCharger", "Wireless Chargers", "Solara", "39.00", "", 1.0);
    b.item("SOL-BAND-SP", "Solara Nova Watch Sport Band", "Watch Bands", "Solara", "39.00", "nova-watch", 1.5);
    b.item("SOL-BAND-LE", "Solara Nova Watch Leather Band", "Watch Bands", "Solara", "59.00", "nova-watch", 0.8);
    b.item("PXL-BAND-SP", "Pixelon Watch Active Band", "Watch Bands", "Pixelon", "29.00", "px-watch", 1.5);
    b.item("PXL-BAND-MT", "Pixelon Watch Metal Band", "Watch Bands", "Pixelon", "49.00", "px-watch", 0.6);
}

#[rustfmt::skip]
fn computer_accessories(b: &mut Builder) {
    // One backpack is the shop's bestseller: it is what staff reach for first.
    b.item("CRY-METRO", "Carryall Metro Backpack 15.6\"", "Laptop Bags", "Carryall", "59.99", "", 3.0);
    b.item("CRY-COMPRO", "Carryall Commuter Pro Backpack", "Laptop Bags", "Carryall", "89.99", "", 1.2);
    b.item("CRY-MSGR", "Carryall Messenger Bag 15\"", "Laptop Bags", "Carryall", "69.99", "", 0.8);
    b.item("CRY-TRAVEL", "Carryall Travel Backpack 17\"", "Laptop Bags", "Carryall", "119.99", "", 0.5);
    b.item("KST-PACK", "Kestrel Gaming Backpack", "Laptop Bags", "Kestrel", "79.99", "", 0.5);
    for (size, price) in [
        ("13", "24.99"),
        ("14", "27.99"),
        ("15", "29.00"),
        ("16", "32.99"),
    ] {
        b.item(&format!("CRY-SLV{size}"), &format!("Carryall Laptop Sleeve {size}\""), "Laptop Sleeves", "Carryall", price, size, 2.0);
    }
    b.item("CRV-LSLV13", "Corvia Leather Sleeve 13\"", "Laptop Sleeves", "Corvia", "79.00", "13", 0.6);
    b.item("CRV-LSLV16", "Corvia Leather Sleeve 16\"", "Laptop Sleeves", "Corvia", "99.00", "16", 0.6);

    b.ladder("Mice", "Clikk", "clikk-glide", "", 3.0, &[
        ("CLK-GLIDE", "Clikk Glide Wireless Mouse", "29.99"),
        ("CLK-GLIDEP", "Clikk Glide Pro Wireless Mouse", "49.99"),
    ]);
    b.item("CLK-TRAVEL", "Clikk Travel Mouse", "Mice", "Clikk", "19.99", "", 1.0);
    b.item("CLK-ERGO", "Clikk Pro Ergonomic Mouse", "Mice", "Clikk", "79.99", "", 0.6);
    b.item("CLK-SILENT", "Clikk Silent Click Mouse", "Mice", "Clikk", "24.99", "", 0.8);
    b.item("KST-MOUSE", "Kestrel Gaming Mouse", "Mice", "Kestrel", "59.99", "gaming", 0.7);
    b.item("CRV-MOUSE", "Corvia Touch Mouse", "Mice", "Corvia", "79.00", "", 0.6);
    b.item("HLD-MOUSE", "Halden USB Mouse", "Mice", "Halden", "9.99", "", 0.6);
    b.item("CLK-SLIMKB", "Clikk Slim Wireless Keyboard", "Keyboards", "Clikk", "39.99", "", 1.5);
    b.item("CLK-MECH", "Clikk K2 Mechanical Keyboard", "Keyboards", "Clikk", "89.99", "", 0.8);
    b.item("CLK-SPLIT", "Clikk Ergo Split Keyboard", "Keyboards", "Clikk", "119.99", "", 0.4);
    b.item("CRV-KB", "Corvia Magic Keyboard", "Keyboards", "Corvia", "99.00", "", 0.6);
    b.item("KST-KB", "Kestrel RGB Gaming Keyboard", "Keyboards", "Kestrel", "99.99", "gaming", 0.5);
    b.ladder("Laptop Stands", "Ergonest", "ergonest-stand", "", 3.0, &[
        ("ERG-FOLD", "Ergonest Foldable Laptop Stand", "29.99"),
        ("ERG-RISER", "Ergonest Aluminium Laptop Riser", "49.99"),
        ("ERG-ADJ", "Ergonest Adjustable Laptop Stand Pro", "69.99"),
    ]);
    b.item("ERG-VERT", "Ergonest Vertical Laptop Stand", "Laptop Stands", "Ergonest", "39.99", "", 0.5);
    b.item("PRT-HUB7", "USB-C hub 7-in-1", "USB Hubs", "Portway", "49.00", "", 2.0);
    b.item("PRT-HUB4A", "Portway 4-Port USB-A Hub", "USB Hubs", "Portway", "19.99", "", 0.8);
    b.item("PRT-TRVL5", "Portway Travel Hub 5-in-1", "USB Hubs", "Portway", "34.99", "", 0.8);
    b.item("PRT-DOCK12", "Portway Thunder Dock 12-in-1", "USB Hubs", "Portway", "149.99", "", 0.5);
    b.ladder("Webcams", "Clikk", "clikk-cam", "", 1.0, &[
        ("CLK-CAMHD", "Clikk Cam HD Webcam", "49.99"),
        ("CLK-CAM4K", "Clikk Cam 4K Webcam", "129.99"),
    ]);
    b.item("ERG-ARM1", "Ergonest Single Monitor Arm", "Monitor Arms", "Ergonest", "79.99", "", 1.0);
    b.item("ERG-ARM2", "Ergonest Dual Monitor Arm", "Monitor Arms", "Ergonest", "129.99", "", 0.7);
    b.item("ANV-SURGE6", "Anvil 6-Outlet Surge Protector", "Surge Protectors", "Anvil", "24.99", "", 1.2);
    b.item("ANV-SURGE8", "Anvil 8-Outlet USB Surge Protector", "Surge Protectors", "Anvil", "39.99", "", 0.8);

    let cables: &[(&str, &str, &str, &str, f64)] = &[
        ("ANV-CC1", "Anvil USB-C to USB-C Cable 1m", "14.99", "usb-c", 3.0),
        ("ANV-CC2", "Anvil USB-C to USB-C Cable 2m", "19.99", "usb-c", 1.5),
        ("ANV-CA1", "Anvil USB-C to USB-A Cable 1m", "12.99", "usb-c", 1.5),
        ("ANV-MICRO", "Anvil Micro-USB Cable 1m", "9.99", "", 0.6),
        ("ANV-HDMI2", "Anvil HDMI 2.1 Cable 2m", "19.99", "hdmi", 2.0),
        ("ANV-HDMI3", "Anvil HDMI 2.1 Cable 3m", "24.99", "hdmi", 0.8),
        ("ANV-DP2", "Anvil DisplayPort Cable 2m", "21.99", "dp", 1.0),
        ("ANV-CAT3", "Anvil Cat6 Ethernet Cable 3m", "12.99", "ethernet", 1.2),
        ("ANV-CAT10", "Anvil Cat6 Ethernet Cable 10m", "19.99", "ethernet", 0.6),
        ("ANV-USBB", "Anvil USB-B Printer Cable 2m", "9.99", "usb-b", 0.6),
        ("ANV-AUX", "Anvil 3.5mm Audio Cable 1.2m", "9.99", "aux", 0.6),
    ];
    for (sku, name, price, fit, pop) in cables {
        b.item(sku, name, "Cables", "Anvil", price, fit, *pop);
    }
}

#[rustfmt::skip]
fn other_accessories(b: &mut Builder) {
    b.item("CRY-SLING", "Carryall Camera Sling Bag", "Camera Bags", "Carryall", "59.99", "", 1.5);
    b.item("CRY-CAMPACK", "Carryall Camera Backpack", "Camera Bags", "Carryall", "129.99", "", 0.7);
    b.item("OPT-BAG", "Optiva Shoulder Bag", "Camera Bags", "Optiva", "79.00", "", 0.8);
    b.item("KAI-TRIPOD", "Kaiden Travel Tripod", "Tripods", "Kaiden", "89.99", "camera", 1.0);
    b.item("TRK-GRIP", "Trekcam Mini Grip Tripod", "Tripods", "Trekcam", "29.99", "action", 1.0);
    b.item("OPT-BP5", "Optiva BP-5 Camera Battery", "Camera Batteries", "Optiva", "59.00", "optiva-m5 optiva-z30", 1.0);
    b.item("KAI-KB1", "Kaiden KB-1 Camera Battery", "Camera Batteries", "Kaiden", "49.00", "kaiden-x", 1.0);
    b.item("TRK-BAT2", "Trekcam Battery 2-Pack", "Camera Batteries", "Trekcam", "39.99", "trekcam-8", 1.0);
    b.item("SKY-BAT", "Skyla Intelligent Flight Battery", "Camera Batteries", "Skyla", "89.00", "skyla", 1.0);
    b.item("ARC-CTRL", "Arcadia Wireless Controller", "Controllers", "Arcadia", "69.99", "arcadia", 2.0);
    b.item("ARC-CTRLP", "Arcadia Pro Controller", "Controllers", "Arcadia", "179.99", "arcadia", 0.5);
    b.item("NXP-CTRL", "Nexplay Pro Controller", "Controllers", "Nexplay", "69.99", "nexplay", 1.5);
    b.ladder("TV Mounts", "Ergonest", "ergonest-mount", "", 1.0, &[
        ("ERG-MNT-FX", "Ergonest Fixed TV Wall Mount", "39.99"),
        ("ERG-MNT-TL", "Ergonest Tilting TV Wall Mount", "59.99"),
        ("ERG-MNT-FM", "Ergonest Full-Motion TV Wall Mount", "99.99"),
    ]);
}

#[rustfmt::skip]
fn consumables_and_services(b: &mut Builder) {
    // XL cartridges sit one tier above the standard ones: a natural upsell at refill time.
    b.ladder("Ink", "Inkwell", "iw-62-black", "iw-62", 2.0, &[
        ("IW-62BK", "Inkwell 62 Black Ink", "24.99"),
        ("IW-62XLBK", "Inkwell 62XL Black Ink", "39.99"),
    ]);
    b.ladder("Ink", "Inkwell", "iw-62-color", "iw-62", 1.4, &[
        ("IW-62CL", "Inkwell 62 Tri-Color Ink", "29.99"),
        ("IW-62XLCL", "Inkwell 62XL Tri-Color Ink", "44.99"),
    ]);
    b.ladder("Ink", "Inkwell", "iw-910-black", "iw-910", 2.0, &[
        ("IW-910BK", "Inkwell 910 Black Ink", "34.99"),
        ("IW-910XLBK", "Inkwell 910XL Black Ink", "49.99"),
    ]);
    b.item("IW-910CL3", "Inkwell 910 Color Ink 3-Pack", "Ink", "Inkwell", "59.99", "iw-910", 1.2);
    b.item("PT-P5INK", "Printa P5 Photo Ink 6-Pack", "Ink", "Printa", "69.99", "pp-5", 1.0);
    b.item("PT-P5BK", "Printa P5 Black Ink", "Ink", "Printa", "22.99", "pp-5", 0.8);
    b.ladder("Toner", "Printa", "pt-30-toner", "pt-30", 1.0, &[
        ("PT-30T", "Printa 30 Black Toner", "79.99"),
        ("PT-30THY", "Printa 30 High-Yield Black Toner", "119.99"),
    ]);
    b.item("TG-PAPER500", "TechGear Copy Paper 500 Sheets", "Printer Paper", "TechGear", "8.99", "copy", 2.0);
    b.item("TG-PHOTO100", "TechGear Glossy Photo Paper 4x6 (100)", "Printer Paper", "TechGear", "14.99", "photo", 0.8);

    b.ladder("Memory Cards", "Sandpoint", "sandpoint-sd", "sd", 2.0, &[
        ("SP-SD64", "Sandpoint Extreme SD Card 64GB", "19.99"),
        ("SP-SD128", "Sandpoint Extreme SD Card 128GB", "29.99"),
        ("SP-SD256", "Sandpoint Extreme SD Card 256GB", "54.99"),
    ]);
    b.ladder("Memory Cards", "Sandpoint", "sandpoint-microsd", "microsd", 2.0, &[
        ("SP-MSD64", "Sandpoint microSD Card 64GB", "14.99"),
        ("SP-MSD128", "Sandpoint microSD Card 128GB", "22.99"),
        ("SP-MSD256", "Sandpoint microSD Card 256GB", "39.99"),
    ]);
    b.ladder("USB Flash Drives", "Sandpoint", "sandpoint-flash", "", 1.0, &[
        ("SP-FL64", "Sandpoint Flash Drive 64GB", "12.99"),
        ("SP-FL128", "Sandpoint Flash Drive 128GB", "19.99"),
        ("SP-FL256", "Sandpoint Flash Drive 256GB", "34.99"),
    ]);
    b.ladder("Batteries", "Voltcell", "voltcell-aa", "", 3.0, &[
        ("VC-AA4", "Voltcell AA Batteries 4-Pack", "5.99"),
        ("VC-AA12", "Voltcell AA Batteries 12-Pack", "14.99"),
    ]);
    b.ladder("Batteries", "Voltcell", "voltcell-aaa", "", 2.0, &[
        ("VC-AAA4", "Voltcell AAA Batteries 4-Pack", "5.99"),
        ("VC-AAA12", "Voltcell AAA Batteries 12-Pack", "14.99"),
    ]);
    b.item("VC-CR2032", "Voltcell CR2032 Coin Cells 2-Pack", "Batteries", "Voltcell", "6.99", "", 1.0);
    b.item("VC-9V2", "Voltcell 9V Batteries 2-Pack", "Batteries", "Voltcell", "9.99", "", 0.6);
    b.item("VC-RCHG", "Voltcell Rechargeable AA 4-Pack + Charger", "Batteries", "Voltcell", "34.99", "", 0.5);
    b.item("SHD-CLEAN", "Shieldr Screen Cleaning Kit", "Cleaning", "Shieldr", "12.99", "", 1.5);
    b.item("ANV-AIR2", "Anvil Compressed Air Duster 2-Pack", "Cleaning", "Anvil", "14.99", "", 0.8);
    b.item("OPT-LENSKIT", "Optiva Lens Cleaning Kit", "Cleaning", "Optiva", "19.99", "lens", 0.6);
    b.item("ZAP-250", "Zapp Energy Drink 250ml", "Snacks & Drinks", "Zapp", "2.99", "", 1.5);
    b.item("ZAP-250SF", "Zapp Energy Drink Sugar-Free 250ml", "Snacks & Drinks", "Zapp", "2.99", "", 0.8);
    b.item("SPR-WATER", "Springa Still Water 500ml", "Snacks & Drinks", "Springa", "1.49", "", 1.2);
    b.item("NUT-BAR", "Nutty Protein Bar", "Snacks & Drinks", "Nutty", "2.49", "", 0.8);

    // Warranty bands: `fits` holds the highest device price (in dollars) a plan covers.
    b.item("TG-CARE-300", "TechGear Care 2-Year Protection (up to $300)", "Extended Warranty", "TechGear", "29.00", "300", 1.0);
    b.item("TG-CARE-800", "TechGear Care 2-Year Protection (up to $800)", "Extended Warranty", "TechGear", "69.00", "800", 1.0);
    b.item("TG-CARE-1500", "TechGear Care 2-Year Protection (up to $1,500)", "Extended Warranty", "TechGear", "129.00", "1500", 1.0);
    b.item("TG-CARE-3000", "TechGear Care 2-Year Protection (up to $3,000)", "Extended Warranty", "TechGear", "199.00", "3000", 1.0);
    b.item("TG-SETUP-LAP", "Laptop Setup & Data Transfer", "Setup Services", "TechGear", "49.00", "laptop", 1.0);
    b.item("TG-SETUP-PHN", "Phone Setup & Data Transfer", "Setup Services", "TechGear", "29.00", "phone", 1.0);
    b.item("TG-SETUP-TV", "TV Wall-Mount Installation", "Setup Services", "TechGear", "99.00", "tv", 1.0);
    b.item("TG-SETUP-PRN", "Printer Setup & Wi-Fi Pairing", "Setup Services", "TechGear", "25.00", "printer", 1.0);
    b.item("TG-SETUP-HOME", "Smart Home Setup Visit", "Setup Services", "TechGear", "79.00", "smart-home", 1.0);
    b.item("TG-SCRFIT", "Screen Protector Fitting", "Setup Services", "TechGear", "9.99", "fitting", 1.0);
    b.item("TG-GIFTWRAP", "Gift Wrapping", "Gift Services", "TechGear", "4.99", "", 1.0);
}
