//! The rows and queries behind `app::sites`: they take ids and return rows.
