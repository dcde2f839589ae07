//! Calls to the Relais JSON API. Failures come back as the API's error body,
//! so pages can show a translated sentence for each code.

use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use shared::error::codes;
use shared::{ErrorBody, ErrorDetail};

/// `GET path` and decode the JSON answer.
pub async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ErrorDetail> {
    let response = Request::get(path)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|error| network_error(&error.to_string()))?;
    if response.ok() {
        return response
            .json::<T>()
            .await
            .map_err(|error| network_error(&error.to_string()));
    }
    match response.json::<ErrorBody>().await {
        Ok(body) => Err(body.error),
        Err(_) => Err(network_error(&format!("HTTP {}", response.status()))),
    }
}

fn network_error(detail: &str) -> ErrorDetail {
    ErrorDetail {
        code: codes::UNAVAILABLE.to_owned(),
        message: detail.to_owned(),
    }
}
