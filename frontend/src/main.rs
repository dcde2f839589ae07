//! The Relais browser app: Leptos, rendered in the browser, built to
//! WebAssembly by `cargo xtask`. One module per page under `pages/`.

mod api;
mod app;
mod auth;
mod forms;
mod i18n;
mod pages;
mod paris;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
