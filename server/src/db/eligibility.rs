//! The rows and queries behind `app::eligibility`: they take ids and return rows.
