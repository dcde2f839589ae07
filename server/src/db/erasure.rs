//! The rows and queries behind `app::erasure`: they take ids and return rows.
