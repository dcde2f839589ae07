//! The rows and queries behind `app::bookings`: they take ids and return rows.
