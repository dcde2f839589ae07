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
        (name = "admin", description = "Network administration"),
        (name = "statistics", description = "Usage figures that identify nobody")
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
/// as the authorization table says (public ones — sites, availability,
/// sign-in, feeds, health — carry none), and documents the answers every
/// operation of its shape can give, whatever its handler says: 401 for a
/// token that is not valid (any route reads one), 403 where a caller is
/// needed, 400 where the request carries data, 404 where the path names an
/// object, 413 where there is a body, 429 on the sign-in routes.
pub fn mark_secured(mut document: Document) -> Document {
    use utoipa::openapi::security::SecurityRequirement;
    document.security = None;
    for (path, item) in document.paths.paths.iter_mut() {
        let names_an_object = path.contains('{');
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
            let has_body = operation.request_body.is_some();
            let has_query = operation.parameters.as_ref().is_some_and(|list| {
                list.iter()
                    .any(|p| p.parameter_in == utoipa::openapi::path::ParameterIn::Query)
            });
            // Routes that mail an address or check a code share the sign-in limits.
            let sign_in = path.starts_with("/api/v1/auth/verify")
                || path == "/api/v1/auth/request"
                || path.ends_with("/email");
            let answers = [
                (
                    true,
                    "401",
                    "The token sent is not valid (or, where a caller is needed, none was sent)",
                ),
                (!public, "403", "The caller may not do this"),
                (
                    has_body || has_query,
                    "400",
                    "The request's data is malformed or refused; the code says why",
                ),
                (
                    names_an_object,
                    "404",
                    "No such object (or not one the caller may see)",
                ),
                (has_body, "413", "The body is larger than 2 MB"),
                (
                    sign_in,
                    "429",
                    "Too many attempts; try again in a few minutes",
                ),
            ];
            for (applies, status, description) in answers {
                if applies && !operation.responses.responses.contains_key(status) {
                    operation
                        .responses
                        .responses
                        .insert(status.to_owned(), error_response(description));
                }
            }
        }
    }
    document
}

/// A documented error answer: the JSON error body.
fn error_response(description: &str) -> utoipa::openapi::RefOr<utoipa::openapi::Response> {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorBody")))
                .build(),
        )
        .build()
        .into()
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
