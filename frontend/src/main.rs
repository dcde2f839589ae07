//! The Relais browser app: Leptos, rendered in the browser, built to
//! WebAssembly by `cargo xtask`. One module per page under `pages/`; what
//! several pages show is under `components/`.

mod api;
mod app;
mod auth;
mod builds;
mod components;
mod i18n;
mod local_time;
mod pages;
mod words;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
