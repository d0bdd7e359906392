//! The register in its own process: the model driven key by key through `update` and the
//! real effect executor over the in-memory backend, and its screens drawn over `TestBackend`.
//! One test binary for all of them, so that the crate is linked once; each module is one
//! subject, and `cargo test --test register MODULE::` runs one.

#[path = "support/register.rs"]
mod register_support;

#[path = "register/day_screen.rs"]
mod day_screen;
#[path = "register/emptied_order.rs"]
mod emptied_order;
#[path = "register/entry_fields.rs"]
mod entry_fields;
#[path = "register/entry_view.rs"]
mod entry_view;
#[path = "register/fuzz.rs"]
mod fuzz;
#[path = "register/kiosk_basket.rs"]
mod kiosk_basket;
#[path = "register/kiosk_desk.rs"]
mod kiosk_desk;
#[path = "register/kiosk_desk_view.rs"]
mod kiosk_desk_view;
#[path = "register/kiosk_pay.rs"]
mod kiosk_pay;
#[path = "register/kiosk_screens.rs"]
mod kiosk_screens;
#[path = "register/kiosk_view.rs"]
mod kiosk_view;
#[path = "register/offer_moments.rs"]
mod offer_moments;
#[path = "register/offers.rs"]
mod offers;
#[path = "register/offers_view.rs"]
mod offers_view;
#[path = "register/reports_screen.rs"]
mod reports_screen;
#[path = "register/roles.rs"]
mod roles;
#[path = "register/screen_truth.rs"]
mod screen_truth;
#[path = "register/store_errors.rs"]
mod store_errors;
#[path = "register/training_conversation.rs"]
mod training_conversation;
#[path = "register/training_mode.rs"]
mod training_mode;
#[path = "register/training_view.rs"]
mod training_view;
#[path = "register/update.rs"]
mod update;
#[path = "register/view.rs"]
mod view;
