//! The rows and queries behind `app::reminders`: they take ids and return rows.
