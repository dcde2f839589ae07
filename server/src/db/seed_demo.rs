//! The rows and queries behind `app::seed_demo`: they take ids and return rows.
