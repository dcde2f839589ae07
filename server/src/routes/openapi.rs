//! `GET /api/v1/openapi.json`: the OpenAPI 3 document, generated from the routes.

use std::sync::Arc;

use axum::Json;
use axum::response::IntoResponse;
use utoipa::OpenApi;
use utoipa::openapi::OpenApi as Document;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Relais API",
        description = "Desk booking and door access for networks of rural third places. \
                       Every route accepts `Authorization: Bearer <token>`. Errors are \
                       `{\"error\": {\"code\", \"message\"}}`.",
        license(name = "AGPL-3.0-or-later")
    ),
    tags(
        (name = "system", description = "Health and metadata"),
        (name = "sites", description = "Tiers-lieux, their hours and resources")
    ),
    components(schemas(shared::ErrorBody, shared::ErrorDetail))
)]
struct ApiDoc;

pub fn base() -> Document {
    ApiDoc::openapi()
}

/// A handler answering with the document, serialised once at start-up.
pub fn serve(
    document: Document,
) -> impl Fn() -> std::future::Ready<axum::response::Response> + Clone {
    let json = Arc::new(serde_json::to_value(&document).unwrap_or_default());
    move || std::future::ready(Json(json.as_ref().clone()).into_response())
}
