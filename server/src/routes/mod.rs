//! HTTP routes: one module per resource, merged here with the layers every
//! response goes through. The OpenAPI document is collected from the same
//! route declarations, so it cannot drift from what is served.

mod access;
mod api_keys;
mod assisted_people;
mod auth;
mod availability;
mod bookings;
mod calendars;
mod closures;
mod communes;
mod context;
mod eligibility;
mod frontend_assets;
mod health;
mod me;
mod openapi;
mod quotas;
mod sites;
mod stats;
mod waitlist;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use shared::error::codes;
use shared::{ErrorBody, ErrorDetail, routes as paths};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use utoipa_axum::router::OpenApiRouter;

use crate::auth::policy;
use crate::error::ApiError;

use crate::state::AppState;

/// The whole application: API, health check, OpenAPI document and the browser app.
pub fn app(state: AppState) -> Router {
    let (api, document) = api_routes().split_for_parts();
    let document = openapi::serve(openapi::mark_secured(document));
    api.route(paths::OPENAPI, get(document))
        .route(
            &format!("{}/{{*rest}}", paths::API_PREFIX),
            axum::routing::any(unknown_api_route),
        )
        .fallback(frontend_assets::serve)
        // After every route is declared: the layer wraps each of them.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            policy::authorize,
        ))
        .with_state(state)
        // Inside the header layers, so its 413 carries them too.
        .layer(axum::middleware::from_fn(refuse_large_bodies))
        // Outside it, so its 413 speaks the asked language too.
        .layer(axum::middleware::from_fn(in_asked_language))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
}

/// The span every request's log lines carry: method and path, with the
/// secret of a feed's address left out (the address is its only key), and
/// never the query string.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    tracing::debug_span!(
        "request",
        method = %request.method(),
        path = %loggable_path(request.uri().path()),
    )
}

/// A path as logs may show it.
fn loggable_path(path: &str) -> &str {
    let feeds = paths::FEED.trim_end_matches("{token}");
    if path.starts_with(feeds) {
        paths::FEED
    } else {
        path
    }
}

/// Every documented route; `openapi::ApiDoc` adds the document's metadata.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(openapi::base())
        .merge(health::router())
        .merge(sites::router())
        .merge(communes::router())
        .merge(auth::router())
        .merge(me::router())
        .merge(assisted_people::router())
        .merge(eligibility::router())
        .merge(api_keys::router())
        .merge(availability::router())
        .merge(bookings::router())
        .merge(waitlist::router())
        .merge(closures::router())
        .merge(quotas::router())
        .merge(calendars::router())
        .merge(stats::router())
        .merge(access::router())
}

/// `?limit=&offset=` of a long list: a caller pages through it, and no
/// request costs more than `MAX_PAGE` rows.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Page {
    /// How many rows (1 to 500; 100 when left out).
    #[param(minimum = 1, maximum = 500)]
    limit: Option<u64>,
    /// How many rows to skip first (0 when left out; at most 1,000,000).
    #[param(minimum = 0, maximum = 1000000)]
    offset: Option<u64>,
}

pub const MAX_PAGE: u64 = 500;

impl Page {
    /// (limit, offset), or 400 for a limit out of range.
    pub fn window(&self) -> Result<(u64, u64), ApiError> {
        let limit = self.limit.unwrap_or(100);
        if !(1..=MAX_PAGE).contains(&limit) {
            return Err(ApiError::bad_request(
                codes::BAD_REQUEST,
                format!("limit goes from 1 to {MAX_PAGE}."),
            ));
        }
        let offset = self.offset.unwrap_or(0);
        // Far past any list, and past what the databases take as an offset.
        if offset > 1_000_000 {
            return Err(ApiError::bad_request(
                codes::BAD_REQUEST,
                "offset goes from 0 to 1000000.",
            ));
        }
        Ok((limit, offset))
    }
}

/// The largest body a route reads (axum's default, said here once).
const BODY_LIMIT: u64 = 2 * 1024 * 1024;
/// How much of a body announced too large is read and dropped, so the client,
/// still sending, gets the 413 instead of a reset connection.
const DRAIN_LIMIT: u64 = 32 * 1024 * 1024;

/// The longest address (path and query) a request may have: no route needs
/// more than a few hundred bytes.
const URI_LIMIT: usize = 8 * 1024;

/// An address longer than `URI_LIMIT` gets 414, and a body announced larger
/// than the limit 413, both in the JSON error shape; the body is read
/// (within bounds) and dropped first, so the client sees the answer. (Past
/// about 64 KB hyper itself answers 414, with no body.)
/// The request's language as its `Accept-Language` asks (`spoken`); the
/// authorization layer refines it with a signed-in person's profile.
async fn in_asked_language(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let asked = crate::spoken::from_headers(request.headers());
    crate::spoken::speaking(asked, next.run(request)).await
}

async fn refuse_large_bodies(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let uri_length = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if uri_length > URI_LIMIT {
        return ApiError::UriTooLong.into_response();
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let Some(length) = declared.filter(|length| *length > BODY_LIMIT) else {
        return next.run(request).await;
    };
    // A client that waits for "100 Continue" has sent nothing yet: reading
    // would only invite it to upload what will be thrown away.
    let waits_to_send = request
        .headers()
        .get(header::EXPECT)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
    if length <= DRAIN_LIMIT && !waits_to_send {
        use futures_util::StreamExt;
        let mut body = request.into_body().into_data_stream();
        let drain = async { while let Some(Ok(_)) = body.next().await {} };
        let _ = tokio::time::timeout(std::time::Duration::from_secs(10), drain).await;
    }
    ApiError::PayloadTooLarge.into_response()
}

async fn unknown_api_route() -> ApiError {
    ApiError::NotFound("There is no such API route.".to_owned())
}

/// A panic in a handler is a bug: answer like any other internal error.
fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    let body = ErrorBody {
        error: ErrorDetail {
            code: codes::INTERNAL.to_owned(),
            message: "Something went wrong on our side. Please try again in a moment.".to_owned(),
        },
    };
    (axum::http::StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn feed_secrets_never_reach_the_logs() {
        assert_eq!(
            loggable_path("/api/v1/feeds/Zm9vYmFyYmF6cXV4.ics"),
            "/api/v1/feeds/{token}"
        );
        assert_eq!(loggable_path("/api/v1/sites/3"), "/api/v1/sites/3");
    }
}
