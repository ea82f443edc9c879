//! kash-pos: a keyboard-first terminal point of sale for the Kash.click cloud POS.

pub mod kash;
pub mod money;
pub mod sim;
