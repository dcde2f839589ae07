//! The rows and queries behind `app::people`: they take ids and return rows.
