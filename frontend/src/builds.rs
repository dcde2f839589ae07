//! The app is built three times (`shared::routes::pages::Build`): for
//! everyone, with the pages a person opens after a first visit (`account`),
//! and with those of hosts and administrators (`office`). Each build holds
//! the pages of the one before, and the server sends, for each address, the
//! smallest build that has its page. A link to a page this build does not
//! have is left to the browser, which loads it, with its build, from the
//! server.

use shared::routes::pages::{self, Build};

/// This build.
pub const THIS: Build = if cfg!(feature = "office") {
    Build::Office
} else if cfg!(feature = "account") {
    Build::Account
} else {
    Build::Everyone
};

/// Whether this build routes the page at `path` itself.
pub fn has_page(path: &str) -> bool {
    pages::build_of(path) <= THIS
}

/// Asks the browser to fetch a later build's script and WebAssembly while
/// the link is idle (`<link rel="prefetch">`, beside this build's files):
/// its files are content-hashed and cached for a year, so the pages of
/// that build then open without waiting for the network. Nothing when
/// this build already has them, or when they were asked already.
pub fn prefetch(build: Build) {
    if build <= THIS {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // This build's script, `/pkg/<hash>/frontend.js`: the later build's
    // files are in the same folder.
    let Some(folder) = document
        .query_selector("link[rel=modulepreload]")
        .ok()
        .flatten()
        .and_then(|link| link.get_attribute("href"))
        .and_then(|href| href.rsplit_once('/').map(|(folder, _)| folder.to_owned()))
    else {
        return;
    };
    let Some(head) = document.query_selector("head").ok().flatten() else {
        return;
    };
    let name = build.name();
    for file in [format!("{name}.js"), format!("{name}_bg.wasm")] {
        let href = format!("{folder}/{file}");
        let asked = format!("link[rel=prefetch][href=\"{href}\"]");
        if document.query_selector(&asked).ok().flatten().is_some() {
            continue;
        }
        if let Ok(link) = document.create_element("link") {
            let _ = link.set_attribute("rel", "prefetch");
            let _ = link.set_attribute("href", &href);
            // As the app's own loader fetches it, so the cached copy serves.
            let _ = link.set_attribute("crossorigin", "");
            let _ = head.append_child(&link);
        }
    }
}

/// `rel="external"` on a link to a page of another build, so that the
/// router leaves it to the browser (a full load from the server); nothing
/// on a link to a page of this build.
pub fn rel(path: &str) -> Option<&'static str> {
    (!has_page(path)).then_some("external")
}
