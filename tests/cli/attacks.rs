//! The store attacked as a hostile cashier and a careless administrator would: every test
//! is named after the attack it stops. The PIN brute force goes through every way in (the
//! register's model on the real store, the kiosk's exit, `sell --script`, the administration
//! commands); the other attacks are in the files beside this one.

#[path = "attacks/backup.rs"]
mod backup;
#[path = "attacks/imports.rs"]
mod imports;
#[path = "attacks/outputs.rs"]
mod outputs;
#[path = "attacks/pins.rs"]
mod pins;
#[path = "attacks/recommend.rs"]
mod recommend;
