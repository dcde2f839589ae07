//! The browser app, embedded in the binary at build time (`frontend/dist`,
//! built by `cargo xtask`). Hashed files under `/pkg/` are cached for a year;
//! `index.html` is revalidated on every visit. Files precompressed by xtask
//! (`.br`, `.gz`) are sent as they are when the browser accepts them.

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

use crate::error::ApiError;

#[derive(RustEmbed)]
#[folder = "$RELAIS_FRONTEND_DIST"]
struct Dist;

const INDEX: &str = "index.html";
/// The same frame, loading the app with the pages opened after a first
/// visit (`shared::routes::pages::ACCOUNT`) and with those of hosts and
/// administrators (`OFFICE`). Each build holds the pages of the one before.
const ACCOUNT: &str = "account.html";
const OFFICE: &str = "office.html";

/// The page of the smallest build that has the page at `path`; the app for
/// everyone when that build is missing (a server built without it).
fn app_page(path: &str) -> &'static str {
    use shared::routes::pages::{Build, build_of};
    let page = match build_of(path) {
        Build::Everyone => INDEX,
        Build::Account => ACCOUNT,
        Build::Office => OFFICE,
    };
    if Dist::get(page).is_some() {
        page
    } else {
        INDEX
    }
}

pub async fn serve(method: Method, uri: Uri, headers: HeaderMap) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let path = uri.path().trim_start_matches('/');
    if path.starts_with("api/") {
        return ApiError::NotFound("There is no such API route.".to_owned()).into_response();
    }
    // Client-side routes (`/reserver`, `/acces/12`) load the page of the
    // app's build that has them.
    let (path, is_file) = match Dist::get(path) {
        Some(_) if !path.is_empty() => (path, true),
        _ if looks_like_a_file(path) => return StatusCode::NOT_FOUND.into_response(),
        _ => (app_page(uri.path()), false),
    };
    let accepted = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let mut builder = Response::builder()
        .header(header::CONTENT_TYPE, mime.as_ref())
        .header(header::VARY, "accept-encoding")
        .header(header::CACHE_CONTROL, cache_control(path, is_file));
    if [INDEX, ACCOUNT, OFFICE].contains(&path) {
        builder = builder.header(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
    }
    for (encoding, suffix) in [("br", ".br"), ("gzip", ".gz")] {
        if accepts(accepted, encoding)
            && let Some(file) = Dist::get(&format!("{path}{suffix}"))
        {
            return builder
                .header(header::CONTENT_ENCODING, HeaderValue::from_static(encoding))
                .body(Body::from(file.data))
                .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response());
        }
    }
    match Dist::get(path) {
        Some(file) => builder
            .body(Body::from(file.data))
            .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response()),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The app loads only its own scripts; WebAssembly needs `wasm-unsafe-eval`.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; \
     base-uri 'self'; form-action 'self'";

fn cache_control(path: &str, is_file: bool) -> &'static str {
    if is_file && path.starts_with("pkg/") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

fn looks_like_a_file(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
}

fn accepts(accept_encoding: &str, encoding: &str) -> bool {
    accept_encoding.split(',').any(|part| {
        let mut pieces = part.split(';');
        let name = pieces.next().unwrap_or("").trim();
        let refused = pieces.any(|p| p.trim().replace(' ', "") == "q=0");
        name.eq_ignore_ascii_case(encoding) && !refused
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_accept_encoding() {
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(accepts("gzip", "gzip"));
        assert!(!accepts("gzip", "br"));
        assert!(!accepts("br;q=0, gzip", "br"));
    }

    #[test]
    fn only_hashed_files_are_cached_for_long() {
        assert_eq!(
            cache_control("pkg/frontend-1a2b.wasm", true),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control("index.html", false), "no-cache");
        assert_eq!(cache_control("favicon.svg", true), "no-cache");
    }
}
