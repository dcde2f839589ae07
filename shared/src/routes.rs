//! Paths of the HTTP API, written once for the server, the browser app and the tests.

pub const HEALTHZ: &str = "/healthz";
pub const API_PREFIX: &str = "/api/v1";
pub const OPENAPI: &str = "/api/v1/openapi.json";
pub const SITES: &str = "/api/v1/sites";
