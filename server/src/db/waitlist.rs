//! The rows and queries behind `app::waitlist`: they take ids and return rows.
