//! `GET /api/v1/openapi.json`: the OpenAPI 3 document, generated from the routes.

use std::sync::Arc;

use axum::Json;
use axum::response::IntoResponse;
use utoipa::OpenApi;
use utoipa::openapi::OpenApi as Document;

use crate::auth::policy::{self, Access};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Relais API",
        description = "Desk booking and door access for networks of rural third places. \
                       Every route accepts `Authorization: Bearer <token>`; the routes that \
                       need a caller say so with their security requirement. Errors are \
                       `{\"error\": {\"code\", \"message\"}}`.",
        license(name = "AGPL-3.0-or-later")
    ),
    tags(
        (name = "system", description = "Health and metadata"),
        (name = "sites", description = "Tiers-lieux, their hours and resources"),
        (name = "bookings", description = "Availability and bookings"),
        (name = "auth", description = "Passwordless sign-in by mail, sessions"),
        (name = "me", description = "The signed-in person's own data"),
        (name = "hosts", description = "What a site's hosts do"),
        (name = "admin", description = "Network administration")
    ),
    components(schemas(shared::ErrorBody, shared::ErrorDetail)),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

/// Declares `Authorization: Bearer` (a session JWT or a machine's API key).
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut Document) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT or API key")
                    .build(),
            ),
        );
    }
}

/// Marks every operation that needs a caller with the bearer requirement,
/// as the authorization table says; public ones (sites, availability,
/// sign-in, feeds, health) carry none.
pub fn mark_secured(mut document: Document) -> Document {
    use utoipa::openapi::security::SecurityRequirement;
    document.security = None;
    for (path, item) in document.paths.paths.iter_mut() {
        let operations = [
            ("GET", &mut item.get),
            ("PUT", &mut item.put),
            ("POST", &mut item.post),
            ("DELETE", &mut item.delete),
            ("PATCH", &mut item.patch),
        ];
        for (method, operation) in operations {
            let Some(operation) = operation else { continue };
            let public = method
                .parse()
                .ok()
                .and_then(|m| policy::rule(&m, path))
                .is_some_and(|access| access == Access::Public);
            if !public {
                operation.security = Some(vec![SecurityRequirement::new(
                    "bearer",
                    Vec::<String>::new(),
                )]);
            }
        }
    }
    document
}

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
