//! The co-purchase model: why people walk in and what they leave with.
//!
//! Every order is a *mission*: an anchor item (a laptop, a phone, a pack of batteries)
//! and attachments drawn with fixed probabilities from the shelves that go with it,
//! restricted to what fits the anchor (a case for that phone, a sleeve of that size,
//! a warranty plan for that price). These probabilities are what the recommender is
//! expected to find again in the history, so they are the shop's ground truth.

use chrono::NaiveDate;

use super::calendar;

/// Which items of a shelf an attachment may be.
#[derive(Debug, Clone, Copy)]
pub enum Fit {
    Any,
    /// Fits the anchor device (shares one of its fit keys); universal items if none do.
    Device,
    /// Items carrying this fit key: a plug (`usb-c`), a card type (`sd`), a service kind.
    Key(&'static str),
    /// The cheapest protection plan that covers the anchor's price.
    Warranty,
}

#[derive(Debug, Clone, Copy)]
pub struct Choice {
    pub category: &'static str,
    pub fit: Fit,
    pub weight: f64,
}

/// With probability `p`, one item from one of `options`.
#[derive(Debug, Clone, Copy)]
pub struct Attach {
    pub p: f64,
    pub options: &'static [Choice],
}

/// When a mission is more frequent than usual.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Season {
    AllYear,
    /// Late November to Christmas Eve.
    Gifts,
    /// August to mid-September.
    School,
    /// Black Friday to Cyber Monday: big-ticket screens and consoles.
    Deals,
    /// June to August.
    Summer,
}

#[derive(Debug, Clone, Copy)]
pub struct Mission {
    pub anchors: &'static [(&'static str, f64)],
    pub weight: f64,
    pub season: Season,
    pub attach: &'static [Attach],
}

const fn c(category: &'static str, fit: Fit, weight: f64) -> Choice {
    Choice {
        category,
        fit,
        weight,
    }
}

const fn a(p: f64, options: &'static [Choice]) -> Attach {
    Attach { p, options }
}

const fn m(
    anchors: &'static [(&'static str, f64)],
    weight: f64,
    season: Season,
    attach: &'static [Attach],
) -> Mission {
    Mission {
        anchors,
        weight,
        season,
        attach,
    }
}

use Fit::{Any, Device, Key, Warranty};
use Season::{AllYear, Deals, Gifts, School, Summer};

/// The shop's missions, device purchases first, then the small trips.
pub const MISSIONS: &[Mission] = &[
    m(
        &[("Laptops", 1.0)],
        8.0,
        School,
        &[
            a(
                0.64,
                &[
                    c("Laptop Bags", Any, 0.55),
                    c("Laptop Sleeves", Device, 0.45),
                ],
            ),
            a(0.56, &[c("Mice", Any, 1.0)]),
            a(0.44, &[c("Laptop Stands", Any, 1.0)]),
            a(0.24, &[c("USB Hubs", Any, 1.0)]),
            a(0.20, &[c("Extended Warranty", Warranty, 1.0)]),
            a(0.10, &[c("Keyboards", Any, 1.0)]),
            a(0.07, &[c("Setup Services", Key("laptop"), 1.0)]),
            a(0.05, &[c("Chargers", Key("laptop"), 1.0)]),
            a(0.05, &[c("External Storage", Any, 1.0)]),
            a(0.04, &[c("Surge Protectors", Any, 1.0)]),
        ],
    ),
    m(
        &[("Phones", 1.0)],
        10.0,
        AllYear,
        &[
            a(0.72, &[c("Phone Cases", Device, 1.0)]),
            a(0.63, &[c("Screen Protectors", Device, 1.0)]),
            a(0.32, &[c("Chargers", Key("phone"), 1.0)]),
            a(0.14, &[c("Extended Warranty", Warranty, 1.0)]),
            a(0.10, &[c("Setup Services", Key("phone"), 1.0)]),
            a(0.10, &[c("Cables", Key("usb-c"), 1.0)]),
            a(0.06, &[c("Wireless Chargers", Any, 1.0)]),
            a(0.05, &[c("Power Banks", Any, 1.0)]),
            a(0.05, &[c("Earbuds", Any, 1.0)]),
        ],
    ),
    m(
        &[("Tablets", 1.0)],
        5.0,
        School,
        &[
            a(0.60, &[c("Tablet Cases", Device, 1.0)]),
            a(0.45, &[c("Screen Protectors", Device, 1.0)]),
            a(0.28, &[c("Styluses", Device, 1.0)]),
            a(0.14, &[c("Tablet Keyboards", Device, 1.0)]),
            a(0.12, &[c("Extended Warranty", Warranty, 1.0)]),
            a(0.08, &[c("Chargers", Key("phone"), 1.0)]),
        ],
    ),
    m(
        &[("Headphones", 1.0)],
        3.5,
        Gifts,
        &[
            a(0.08, &[c("Extended Warranty", Warranty, 1.0)]),
            a(0.05, &[c("Cables", Key("aux"), 1.0)]),
        ],
    ),
    m(
        &[("Earbuds", 1.0)],
        4.0,
        Gifts,
        &[a(0.05, &[c("Chargers", Key("phone"), 1.0)])],
    ),
    m(
        &[("Cameras", 1.0)],
        2.5,
        Gifts,
        &[
            a(0.72, &[c("Memory Cards", Key("sd"), 1.0)]),
            a(0.50, &[c("Camera Bags", Any, 1.0)]),
            a(0.35, &[c("Camera Batteries", Device, 1.0)]),
            a(0.18, &[c("Tripods", Key("camera"), 1.0)]),
            a(0.20, &[c("Extended Warranty", Warranty, 1.0)]),
            a(0.10, &[c("Cleaning", Key("lens"), 1.0)]),
        ],
    ),
    m(
        &[("Action Cameras", 1.0)],
        1.2,
        Summer,
        &[
            a(0.75, &[c("Memory Cards", Key("microsd"), 1.0)]),
            a(0.40, &[c("Camera Batteries", Device, 1.0)]),
            a(0.25, &[c("Tripods", Key("action"), 1.0)]),
        ],
    ),
    m(
        &[("Drones", 1.0)],
        1.2,
        Summer,
        &[
            a(0.60, &[c("Memory Cards", Key("microsd"), 1.0)]),
            a(0.55, &[c("Camera Batteries", Device, 1.0)]),
            a(0.20, &[c("Extended Warranty", Warranty, 1.0)]),
        ],
    ),
    m(
        &[("Printers", 1.0)],
        2.5,
        AllYear,
        &[
            a(0.85, &[c("Ink", Device, 1.0), c("Toner", Device, 1.0)]),
            a(0.45, &[c("Ink", Device, 1.0)]),
            a(0.45, &[c("Printer Paper", Key("copy"), 1.0)]),
            a(0.15, &[c("Cables", Key("usb-b"), 1.0)]),
            a(0.08, &[c("Setup Services", Key("printer"), 1.0)]),
        ],
    ),
    m(
        &[("Monitors", 1.0)],
        2.5,
        AllYear,
        &[
            a(
                0.45,
                &[c("Cables", Key("hdmi"), 0.6), c("Cables", Key("dp"), 0.4)],
            ),
            a(0.14, &[c("Monitor Arms", Any, 1.0)]),
            a(0.08, &[c("Keyboards", Any, 1.0)]),
            a(0.08, &[c("Mice", Any, 1.0)]),
            a(0.06, &[c("Webcams", Any, 1.0)]),
        ],
    ),
    m(
        &[("TVs", 1.0), ("Soundbars", 0.25)],
        2.5,
        Deals,
        &[
            a(0.42, &[c("TV Mounts", Any, 1.0)]),
            a(0.25, &[c("Soundbars", Any, 1.0)]),
            a(0.45, &[c("Cables", Key("hdmi"), 1.0)]),
            a(0.14, &[c("Setup Services", Key("tv"), 1.0)]),
            a(0.20, &[c("Extended Warranty", Warranty, 1.0)]),
            a(0.15, &[c("Surge Protectors", Any, 1.0)]),
        ],
    ),
    m(
        &[("Game Consoles", 1.0)],
        2.0,
        Deals,
        &[
            a(0.55, &[c("Controllers", Device, 1.0)]),
            a(0.12, &[c("Headphones", Key("gaming"), 1.0)]),
            a(0.10, &[c("Cables", Key("hdmi"), 1.0)]),
            a(0.12, &[c("Extended Warranty", Warranty, 1.0)]),
        ],
    ),
    m(
        &[
            ("Smart Speakers", 1.0),
            ("Smart Lighting", 1.0),
            ("Smart Plugs", 0.8),
            ("Security Cameras", 0.8),
        ],
        3.0,
        Gifts,
        &[
            a(0.30, &[c("Smart Lighting", Any, 1.0)]),
            a(0.25, &[c("Smart Plugs", Any, 1.0)]),
            a(0.10, &[c("Smart Speakers", Any, 1.0)]),
            a(0.07, &[c("Setup Services", Key("smart-home"), 1.0)]),
        ],
    ),
    m(
        &[("Smartwatches", 1.0)],
        1.5,
        Gifts,
        &[
            a(0.40, &[c("Watch Bands", Device, 1.0)]),
            a(0.10, &[c("Extended Warranty", Warranty, 1.0)]),
        ],
    ),
    m(
        &[("External Storage", 1.0), ("USB Flash Drives", 1.0)],
        2.5,
        AllYear,
        &[a(0.08, &[c("Cables", Key("usb-c"), 1.0)])],
    ),
    m(
        &[("Routers", 1.0)],
        1.2,
        AllYear,
        &[a(0.45, &[c("Cables", Key("ethernet"), 1.0)])],
    ),
    m(&[("Bluetooth Speakers", 1.0)], 1.3, Summer, &[]),
    // The small trips: one accessory, sometimes a second thing that goes with it.
    m(
        &[("Cables", 1.0)],
        5.0,
        AllYear,
        &[a(0.15, &[c("Chargers", Key("phone"), 1.0)])],
    ),
    m(
        &[("Chargers", 1.0)],
        3.0,
        AllYear,
        &[a(0.30, &[c("Cables", Key("usb-c"), 1.0)])],
    ),
    m(&[("Batteries", 1.0)], 4.0, Gifts, &[]),
    m(
        &[("Mice", 1.0)],
        1.5,
        School,
        &[a(0.15, &[c("Keyboards", Any, 1.0)])],
    ),
    m(
        &[("Keyboards", 1.0)],
        1.0,
        AllYear,
        &[a(0.35, &[c("Mice", Any, 1.0)])],
    ),
    m(
        &[("Power Banks", 1.0), ("Wireless Chargers", 0.4)],
        1.8,
        Summer,
        &[a(0.25, &[c("Cables", Key("usb-c"), 1.0)])],
    ),
    m(&[("Memory Cards", 1.0)], 1.5, Summer, &[]),
    m(
        &[("Phone Cases", 1.0), ("Screen Protectors", 1.0)],
        2.4,
        AllYear,
        &[
            a(0.25, &[c("Screen Protectors", Device, 1.0)]),
            a(0.10, &[c("Setup Services", Key("fitting"), 1.0)]),
        ],
    ),
    m(
        &[("Ink", 1.0), ("Toner", 0.3)],
        2.0,
        AllYear,
        &[
            a(0.35, &[c("Ink", Device, 1.0)]),
            a(0.20, &[c("Printer Paper", Any, 1.0)]),
        ],
    ),
    m(
        &[
            ("Laptop Bags", 1.0),
            ("Laptop Sleeves", 0.6),
            ("Laptop Stands", 0.5),
        ],
        1.2,
        School,
        &[],
    ),
    m(&[("Webcams", 1.0), ("USB Hubs", 1.0)], 1.0, AllYear, &[]),
    m(&[("Controllers", 1.0)], 0.6, Gifts, &[]),
    m(
        &[("Watch Bands", 1.0), ("Tablet Cases", 0.5)],
        0.6,
        AllYear,
        &[],
    ),
    m(&[("Cleaning", 1.0)], 0.6, AllYear, &[]),
    m(
        &[("Snacks & Drinks", 1.0)],
        1.2,
        Summer,
        &[a(0.25, &[c("Snacks & Drinks", Any, 1.0)])],
    ),
];

/// Things by the till that any order may pick up on the way out.
pub const IMPULSE: Attach = a(
    0.07,
    &[
        c("Batteries", Any, 3.0),
        c("Cables", Key("usb-c"), 2.0),
        c("Snacks & Drinks", Any, 2.0),
        c("Cleaning", Any, 1.0),
    ],
);

/// Gift wrapping for gift-type purchases in the weeks before Christmas.
pub const GIFT_WRAP: Attach = a(0.28, &[c("Gift Services", Any, 1.0)]);

/// How much more often a mission happens on `date` than on an ordinary day.
pub fn season_factor(season: Season, date: NaiveDate) -> f64 {
    match season {
        AllYear => 1.0,
        Gifts if calendar::gift_season(date) => 2.2,
        School if calendar::back_to_school(date) => 1.8,
        Deals if calendar::deal_days(date) => 2.5,
        Deals if calendar::gift_season(date) => 1.4,
        Summer if calendar::summer(date) => 1.6,
        _ => 1.0,
    }
}
