//! The rows and queries behind `app::closures`: they take ids and return rows.
