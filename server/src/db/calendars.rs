//! The rows and queries behind `app::calendars`: they take ids and return rows.
