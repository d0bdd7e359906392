//! The recommendation engine, the miner and the evaluation, on hand-made shops, on the demo
//! shop and on committed fixtures of real baskets (and on the full reference data when it is
//! beside the repository). One test binary for all of them, so that the crate is linked once;
//! each module is one subject, and `cargo test --test engine MODULE::` runs one.

#[path = "engine/counter_sanity.rs"]
mod counter_sanity;
#[path = "engine/demo_assets.rs"]
mod demo_assets;
#[path = "engine/demo_recommendations.rs"]
mod demo_recommendations;
#[path = "engine/eval_reference.rs"]
mod eval_reference;
#[path = "engine/eval_split.rs"]
mod eval_split;
#[path = "engine/mining_exact.rs"]
mod mining_exact;
#[path = "engine/mining_props.rs"]
mod mining_props;
#[path = "engine/rules.rs"]
mod rules;
#[path = "engine/shop_data.rs"]
mod shop_data;
#[path = "engine/training_demo.rs"]
mod training_demo;
