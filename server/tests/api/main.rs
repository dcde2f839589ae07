//! Integration tests of the API against a real server on port 0, on a fresh
//! SQLite file and on a fresh PostgreSQL database. One test binary, so that
//! linking happens once.

mod helpers;

mod access;
mod accounts;
mod authorization;
mod bookings;
mod calendars;
mod cli;
mod closure_urls;
mod crash;
mod eligibility;
mod frontend;
mod health;
mod mail;
mod mail_words;
mod openapi;
mod quotas;
mod seed;
mod sign_in;
mod site_admin;
mod sites;
mod stats;
mod stats_filters;
