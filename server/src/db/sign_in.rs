//! The rows and queries behind `app::sign_in`: they take ids and return rows.
