//! Data that `relais seed-demo` writes.

pub mod demo;
