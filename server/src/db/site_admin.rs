//! The rows and queries behind `app::site_admin`: they take ids and return rows.
