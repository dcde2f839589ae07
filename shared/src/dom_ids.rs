//! DOM ids the browser tests look for. The frontend sets them, `e2e` reads them.

pub const MAIN: &str = "main";
pub const SITE_LIST: &str = "site-list";
pub const LANGUAGE_SWITCH: &str = "language-switch";
pub const PAGE_TITLE: &str = "page-title";
pub const LOAD_ERROR: &str = "load-error";

/// `prefix-key`: the id of one element of a family (a checkbox per category,
/// a section per site, a button per API key).
pub fn item(prefix: &str, key: impl std::fmt::Display) -> String {
    format!("{prefix}-{key}")
}

// Header: what the navigation offers depends on who is signed in.
pub const NAV_SIGN_IN: &str = "nav-sign-in";
pub const NAV_PROFILE: &str = "nav-profile";
pub const NAV_MY_SITE: &str = "nav-my-site";
pub const NAV_ADMIN: &str = "nav-admin";
pub const SIGN_OUT: &str = "sign-out";
pub const SIGN_OUT_ERROR: &str = "sign-out-error";

// Sign-in page: the address, then the code.
pub const SIGN_IN_EMAIL: &str = "sign-in-email";
pub const SIGN_IN_REQUEST: &str = "sign-in-request";
pub const SIGN_IN_CODE_SENT: &str = "sign-in-code-sent";
pub const SIGN_IN_CODE: &str = "sign-in-code";
pub const SIGN_IN_VERIFY: &str = "sign-in-verify";
pub const SIGN_IN_RESEND: &str = "sign-in-resend";
pub const SIGN_IN_CHANGE_ADDRESS: &str = "sign-in-change-address";
pub const SIGN_IN_ERROR: &str = "sign-in-error";
pub const SIGN_IN_STATUS: &str = "sign-in-status";
/// The one button of the page the mail's link opens.
pub const SIGN_IN_LINK_CONFIRM: &str = "sign-in-link-confirm";

/// Shown instead of a page the person may not see (signed out, or not allowed).
pub const ACCESS_REFUSED: &str = "access-refused";

// Profile page.
pub const PROFILE_NAME: &str = "profile-name";
pub const PROFILE_COMMUNE: &str = "profile-commune";
/// Checkboxes `profile-category-<category>`, e.g. `profile-category-job_seeker`.
pub const PROFILE_CATEGORY: &str = "profile-category";
/// Radio buttons `profile-language-fr`, `profile-language-en`.
pub const PROFILE_LANGUAGE: &str = "profile-language";
pub const PROFILE_SAVE: &str = "profile-save";
pub const PROFILE_STATUS: &str = "profile-status";
pub const PROFILE_ERROR: &str = "profile-error";
pub const PROFILE_ROLES: &str = "profile-roles";
pub const PROFILE_EXPORT: &str = "profile-export";
pub const PROFILE_SIGN_OUT_EVERYWHERE: &str = "profile-sign-out-everywhere";
pub const PROFILE_DELETE: &str = "profile-delete";
pub const PROFILE_DELETE_CONFIRM: &str = "profile-delete-confirm";
pub const PROFILE_DELETE_CANCEL: &str = "profile-delete-cancel";
pub const PROFILE_ACCOUNT_ERROR: &str = "profile-account-error";
pub const PROFILE_DELETED: &str = "profile-deleted";

// My site page: one section per hosted site, every id below followed by `-<site id>`.
pub const HOSTED_SITE: &str = "hosted-site";
pub const ASSISTED_LIST: &str = "assisted-list";
pub const ASSISTED_NAME: &str = "assisted-name";
pub const ASSISTED_COMMUNE: &str = "assisted-commune";
/// Checkboxes `assisted-category-<site id>-<category>`.
pub const ASSISTED_CATEGORY: &str = "assisted-category";
pub const ASSISTED_CREATE: &str = "assisted-create";
pub const ASSISTED_STATUS: &str = "assisted-status";
pub const ASSISTED_ERROR: &str = "assisted-error";
/// Per person, followed by `-<person id>`: the e-mail field and its button.
pub const ASSISTED_EMAIL: &str = "assisted-email";
pub const ASSISTED_EMAIL_SAVE: &str = "assisted-email-save";

// Administration page: API keys for machines.
pub const API_KEY_LIST: &str = "api-key-list";
pub const API_KEY_NAME: &str = "api-key-name";
pub const API_KEY_SCOPE_SITE: &str = "api-key-scope-site";
pub const API_KEY_SCOPE_STATS: &str = "api-key-scope-stats";
pub const API_KEY_SITE: &str = "api-key-site";
pub const API_KEY_CREATE: &str = "api-key-create";
pub const API_KEY_ERROR: &str = "api-key-error";
pub const API_KEY_STATUS: &str = "api-key-status";
/// The box that shows a new key, once.
pub const API_KEY_NEW: &str = "api-key-new";
pub const API_KEY_NEW_VALUE: &str = "api-key-new-value";
pub const API_KEY_COPY: &str = "api-key-copy";
pub const API_KEY_DISMISS: &str = "api-key-dismiss";
/// Per key, followed by `-<key id>`.
pub const API_KEY_REVOKE: &str = "api-key-revoke";

// Header and home page: the way to book.
pub const NAV_BOOK: &str = "nav-book";
pub const NAV_MY_BOOKINGS: &str = "nav-my-bookings";
pub const HOME_BOOK: &str = "home-book";

// Booking page: the search, then one result per site.
pub const BOOK_DATE: &str = "book-date";
/// Radio buttons `book-part-morning`, `book-part-afternoon`, `book-part-day`.
pub const BOOK_PART: &str = "book-part";
pub const BOOK_KIND: &str = "book-kind";
pub const BOOK_NEAR: &str = "book-near";
/// The list of results; `data-date` says which day it shows.
pub const BOOK_RESULTS: &str = "book-results";
/// Per site, followed by `-<site id>`: its result and its "Réserver" button.
pub const BOOK_SITE: &str = "book-site";
pub const BOOK_CHOOSE: &str = "book-choose";
/// Shown to a signed-out person who pressed "Réserver".
pub const BOOK_SIGN_IN: &str = "book-sign-in";
/// The confirmation panel (it carries `data-resource`, `data-start`, `data-end`)
/// and its two buttons.
pub const BOOK_CONFIRM_PANEL: &str = "book-confirm-panel";
pub const BOOK_CONFIRM: &str = "book-confirm";
pub const BOOK_CANCEL: &str = "book-cancel";
pub const BOOK_STATUS: &str = "book-status";
pub const BOOK_ERROR: &str = "book-error";
pub const BOOK_MY_BOOKINGS: &str = "book-my-bookings";

// My bookings page.
pub const MY_BOOKINGS_UPCOMING: &str = "my-bookings-upcoming";
pub const MY_BOOKINGS_HISTORY: &str = "my-bookings-history";
pub const MY_BOOKINGS_EMPTY: &str = "my-bookings-empty";
pub const MY_BOOKINGS_STATUS: &str = "my-bookings-status";
pub const MY_BOOKINGS_ERROR: &str = "my-bookings-error";
/// Per booking, followed by `-<booking id>`: the item, its cancel button and
/// the two buttons of the second step.
pub const BOOKING: &str = "booking";
pub const BOOKING_CANCEL: &str = "booking-cancel";
pub const BOOKING_CANCEL_YES: &str = "booking-cancel-yes";
pub const BOOKING_CANCEL_NO: &str = "booking-cancel-no";
