//! The rows and queries behind `app::quotas`: they take ids and return rows.
