//! The Relais server: configuration and CLI, the HTTP API, the embedded
//! browser app, the database seam and the demo data.

pub mod app;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod fetch;
pub mod mail;
pub mod routes;
pub mod spoken;
pub mod startup;
pub mod state;
