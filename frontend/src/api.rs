//! Calls to the Relais JSON API. Failures come back as the API's error body,
//! so pages can show a translated sentence for each code.
//!
//! The session rides in an HttpOnly cookie the browser sends by itself (every
//! call is same-origin); the app never sees the token. Every call that changes
//! something is sent as `Content-Type: application/json`, even without a body:
//! a page of another site cannot send that without the server's consent.

use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::LocalResource;
use serde::Serialize;
use serde::de::DeserializeOwned;
#[cfg(feature = "account")]
use shared::api::Commune;
use shared::api::Site;
use shared::error::codes;
use shared::{ErrorBody, ErrorDetail, routes};

const JSON: &str = "application/json";

/// `GET path` and decode the JSON answer.
pub async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ErrorDetail> {
    send(Request::get(path).header("Accept", JSON)).await
}

/// Every site of the network, loading. One function for every page that
/// lists them, so the app holds the loading code once.
pub fn sites() -> LocalResource<Result<Vec<Site>, ErrorDetail>> {
    LocalResource::new(|| get_json(routes::SITES))
}

/// The communes of Lozère, loading (as `sites`).
#[cfg(feature = "account")]
pub fn communes() -> LocalResource<Result<Vec<Commune>, ErrorDetail>> {
    LocalResource::new(|| get_json(routes::COMMUNES))
}

/// `POST path` with a JSON body.
pub async fn post_json<B, T>(path: &str, body: &B) -> Result<T, ErrorDetail>
where
    B: Serialize + ?Sized,
    T: DeserializeOwned,
{
    send_body(Request::post(path), body).await
}

/// `POST path` without a body (sign-out), still declared as JSON.
pub async fn post_empty<T: DeserializeOwned>(path: &str) -> Result<T, ErrorDetail> {
    send(
        Request::post(path)
            .header("Accept", JSON)
            .header("Content-Type", JSON),
    )
    .await
}

/// `PUT path` with a JSON body.
#[cfg(feature = "account")]
pub async fn put_json<B, T>(path: &str, body: &B) -> Result<T, ErrorDetail>
where
    B: Serialize + ?Sized,
    T: DeserializeOwned,
{
    send_body(Request::put(path), body).await
}

/// `DELETE path`; the answer (usually 204) carries nothing.
pub async fn delete(path: &str) -> Result<(), ErrorDetail> {
    send::<serde::de::IgnoredAny>(
        Request::delete(path)
            .header("Accept", JSON)
            .header("Content-Type", JSON),
    )
    .await
    .map(drop)
}

#[cfg(feature = "office")]
/// `DELETE path` with a JSON body (a host's reason for cancelling).
pub async fn delete_json<B, T>(path: &str, body: &B) -> Result<T, ErrorDetail>
where
    B: Serialize + ?Sized,
    T: DeserializeOwned,
{
    send_body(Request::delete(path), body).await
}

#[cfg(feature = "office")]
/// `POST path` with a file's text as the body (an iCalendar import). A page of
/// another site could send this type; the server refuses it by its origin.
pub async fn post_text<T: DeserializeOwned>(
    path: &str,
    content_type: &str,
    text: String,
) -> Result<T, ErrorDetail> {
    let request = in_page_language(Request::post(path))
        .header("Accept", JSON)
        .header("Content-Type", content_type)
        .body(text)
        .map_err(|error| network_error(&error.to_string()))?;
    let response = request
        .send()
        .await
        .map_err(|error| network_error(&error.to_string()))?;
    decode(response).await
}

async fn send_body<B, T>(builder: RequestBuilder, body: &B) -> Result<T, ErrorDetail>
where
    B: Serialize + ?Sized,
    T: DeserializeOwned,
{
    // `json` sets `Content-Type: application/json`.
    let request = in_page_language(builder)
        .header("Accept", JSON)
        .json(body)
        .map_err(|error| network_error(&error.to_string()))?;
    let response = request
        .send()
        .await
        .map_err(|error| network_error(&error.to_string()))?;
    decode(response).await
}

async fn send<T: DeserializeOwned>(builder: RequestBuilder) -> Result<T, ErrorDetail> {
    let response = in_page_language(builder)
        .send()
        .await
        .map_err(|error| network_error(&error.to_string()))?;
    decode(response).await
}

/// Asks the server to answer in the page's language (`<html lang>`, which
/// the language switch sets), not the browser's: one language per screen.
fn in_page_language(builder: RequestBuilder) -> RequestBuilder {
    let lang = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
        .and_then(|html| html.get_attribute("lang"));
    match lang {
        Some(lang) if lang == "fr" || lang == "en" => builder.header("Accept-Language", &lang),
        _ => builder,
    }
}

/// The JSON answer, or the API's error. An empty body (202, 204) decodes as
/// JSON `null`, which suits `()` and `Option<_>`.
async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ErrorDetail> {
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|error| network_error(&error.to_string()))?;
    if response.ok() {
        // Through the same string parser as any answer: a `from_value` path
        // would be compiled again for every answer type.
        let body = if text.trim().is_empty() {
            "null"
        } else {
            &text
        };
        let parsed = serde_json::from_str(body);
        return parsed.map_err(|error| network_error(&error.to_string()));
    }
    match serde_json::from_str::<ErrorBody>(&text) {
        Ok(body) => Err(body.error),
        Err(_) => Err(ErrorDetail {
            code: code_for_status(status).to_owned(),
            message: format!("HTTP {status}"),
        }),
    }
}

/// A code for an error answer that has no JSON body (a proxy's page, say).
fn code_for_status(status: u16) -> &'static str {
    match status {
        401 => codes::UNAUTHORIZED,
        403 => codes::FORBIDDEN,
        404 => codes::NOT_FOUND,
        429 => codes::RATE_LIMITED,
        _ => codes::UNAVAILABLE,
    }
}

fn network_error(detail: &str) -> ErrorDetail {
    ErrorDetail {
        code: codes::UNAVAILABLE.to_owned(),
        message: detail.to_owned(),
    }
}
