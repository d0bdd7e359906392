//! Bundles the shop sells at a price or with a discount. The register offers one when
//! the cart already holds part of it ("add 2 more, save $15").

use std::io::Write;

/// `bundle_id, name, items, price, discount` (one of price and discount is empty).
pub type Row = [&'static str; 5];

pub const ROWS: &[Row] = &[
    [
        "B01",
        "Work-from-home kit",
        "ERG-FOLD|CLK-SLIMKB|CLK-GLIDE",
        "",
        "15.00",
    ],
    [
        "B02",
        "Phone protection pack",
        "category:Phone Cases|category:Screen Protectors",
        "",
        "10.00",
    ],
    [
        "B03",
        "Laptop starter pack",
        "category:Laptop Sleeves|CLK-GLIDE|PRT-HUB7",
        "",
        "20.00",
    ],
    [
        "B04",
        "Vlogger's kit",
        "OPT-Z30|SP-SD128|CRY-SLING",
        "799.00",
        "",
    ],
    [
        "B05",
        "Print starter set",
        "IW-3400|IW-62XLBK|IW-62XLCL|TG-PAPER500",
        "199.00",
        "",
    ],
    [
        "B06",
        "Game night",
        "ARC-ONED|ARC-CTRL|ANV-HDMI2",
        "459.00",
        "",
    ],
    [
        "B07",
        "Smart home starter",
        "HML-DOT|BRT-KIT|HML-PLUG2",
        "149.00",
        "",
    ],
    [
        "B08",
        "Drone flyer pack",
        "SKY-MINI2|SKY-BAT|SP-MSD128",
        "",
        "40.00",
    ],
    [
        "B09",
        "Home cinema",
        "category:TVs|category:Soundbars|ERG-MNT-TL",
        "",
        "50.00",
    ],
    [
        "B10",
        "Tablet essentials",
        "category:Tablet Cases|category:Screen Protectors|category:Styluses",
        "",
        "15.00",
    ],
    [
        "B11",
        "Charge anywhere",
        "ANV-30W|ANV-CC2|ANV-PB10",
        "74.99",
        "",
    ],
    ["B12", "Battery stock-up", "VC-AA12|VC-AAA12", "24.99", ""],
];

pub fn write<W: Write>(out: W, extra: &[[String; 5]]) -> anyhow::Result<usize> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["bundle_id", "name", "items", "price", "discount"])?;
    for row in ROWS {
        w.write_record(row)?;
    }
    for row in extra {
        w.write_record(row)?;
    }
    w.flush()?;
    Ok(ROWS.len() + extra.len())
}
