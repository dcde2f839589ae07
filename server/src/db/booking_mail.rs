//! The rows and queries behind `app::booking_mail`: they take ids and return rows.
