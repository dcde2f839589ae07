//! What a page prints: a QR code drawn by the server, and the button that
//! opens the browser's print dialog. The pass and the site's poster show
//! both; the stylesheet's `@media print` leaves out the rest of the page.

use leptos::prelude::*;

use crate::i18n::{Texts, tr};

/// The server's SVG in a box screen readers name (`role="img"`): the SVG has
/// no title of its own. The markup comes from Relais's own server (`qr_svg`),
/// never from what a person typed.
#[component]
pub fn QrImage(
    id: &'static str,
    svg: String,
    label: fn(&'static Texts) -> &'static str,
) -> impl IntoView {
    view! { <div id=id class="qr" role="img" aria-label=tr(label) inner_html=svg></div> }
}

/// « Imprimer »: the browser's own dialog, for the page's print stylesheet.
#[component]
pub fn PrintButton(id: &'static str) -> impl IntoView {
    let print = |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <button id=id type="button" class="button-secondary" on:click=print>
            {tr(|t| t.door.print)}
        </button>
    }
}
