//! The rows and queries behind `app::api_keys`: they take ids and return rows.
