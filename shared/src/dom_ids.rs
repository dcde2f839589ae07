//! DOM ids the browser tests look for. The frontend sets them, `e2e` reads them.

pub const MAIN: &str = "main";
pub const SITE_LIST: &str = "site-list";
pub const SITE_SEARCH: &str = "site-search";
pub const LANGUAGE_SWITCH: &str = "language-switch";
pub const PAGE_TITLE: &str = "page-title";
pub const LOAD_ERROR: &str = "load-error";
/// The one sentence of help under the title of a page a teleworker uses.
pub const PAGE_HELP: &str = "page-help";
/// Per site of the sites page, followed by `-<site id>`: its "Comment venir"
/// part (a `<details>`), its map link and its phone link.
pub const SITE_HOW_TO_COME: &str = "site-how-to-come";
pub const SITE_MAP_LINK: &str = "site-map-link";
pub const SITE_PHONE_LINK: &str = "site-phone-link";

/// `prefix-key`: the id of one element of a family (a checkbox per category,
/// a section per site, a button per API key).
pub fn item(prefix: &str, key: impl std::fmt::Display) -> String {
    format!("{prefix}-{key}")
}

// Header: what the navigation offers depends on who is signed in.
/// On a narrow screen, the "Menu" button that shows and hides the list of links.
pub const NAV_MENU: &str = "nav-menu";
pub const NAV_LIST: &str = "nav-list";
pub const NAV_SIGN_IN: &str = "nav-sign-in";
pub const NAV_PROFILE: &str = "nav-profile";
pub const NAV_MY_SITE: &str = "nav-my-site";
pub const NAV_ADMIN: &str = "nav-admin";
pub const NAV_QUOTAS: &str = "nav-quotas";
pub const NAV_STATISTICS: &str = "nav-statistics";
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
/// What of the person's commune and situation has been checked.
pub const PROFILE_CHECKS: &str = "profile-checks";

// Proofs of eligibility, on a host's site (desk `site-<id>`) and on the
// territory administrator's page (desk `territory`).
/// The section, `eligibility-<desk>`.
pub const ELIGIBILITY: &str = "eligibility";
/// One person, `eligibility-person-<desk>-<person id>`.
pub const ELIGIBILITY_PERSON: &str = "eligibility-person";
/// Confirm or undo, `eligibility-commune-<desk>-<person id>`.
pub const ELIGIBILITY_COMMUNE: &str = "eligibility-commune";
/// Confirm or undo, `eligibility-category-<desk>-<person id>-<category>`.
pub const ELIGIBILITY_CATEGORY: &str = "eligibility-category";
pub const ELIGIBILITY_STATUS: &str = "eligibility-status";
pub const ELIGIBILITY_ERROR: &str = "eligibility-error";

// My site's people section: every id below followed by `-<site id>`.
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
/// Under "Près de": every site is listed, the nearest first.
pub const BOOK_NEAR_HINT: &str = "book-near-hint";
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
/// How many weeks to book the same slot for (1: just once).
pub const BOOK_REPEAT: &str = "book-repeat";
/// `book-wait-{site_id}`: wait for a place at a full site.
pub const BOOK_WAIT: &str = "book-wait";
/// Each date of a series that could not be booked.
pub const BOOK_SERIES_REFUSED: &str = "book-series-refused";

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
/// `booking-cancel-series-{booking_id}`, then `…-yes`.
pub const BOOKING_CANCEL_SERIES: &str = "booking-cancel-series";
pub const BOOKING_CANCEL_SERIES_YES: &str = "booking-cancel-series-yes";
/// `booking-pass-{booking_id}`: "Mon pass".
pub const BOOKING_PASS: &str = "booking-pass";
pub const MY_WAITLIST: &str = "my-waitlist";
/// `waitlist-leave-{entry_id}`.
pub const WAITLIST_LEAVE: &str = "waitlist-leave";

// Administration page: the network's sites.
pub const ADMIN_SITE_LIST: &str = "admin-site-list";
pub const ADMIN_SITE_NEW: &str = "admin-site-new";
pub const ADMIN_SITES_STATUS: &str = "admin-sites-status";
pub const ADMIN_SITES_ERROR: &str = "admin-sites-error";
/// Per site, followed by `-<site id>`: "Modifier", "Retirer" and its confirmation.
pub const ADMIN_SITE_EDIT: &str = "admin-site-edit";
pub const ADMIN_SITE_RETIRE: &str = "admin-site-retire";
pub const ADMIN_SITE_RETIRE_YES: &str = "admin-site-retire-yes";
/// The panel that edits one site (or a new one), and its "Fermer" button.
pub const SITE_ADMIN: &str = "site-admin";
pub const SITE_ADMIN_CLOSE: &str = "site-admin-close";

// The site editor (administration and my-site pages). Every id below is
// followed by `-<site id>`, or `-new` for a site being created.
pub const SITE_NAME: &str = "site-name";
pub const SITE_ADDRESS: &str = "site-address";
pub const SITE_POSTCODE: &str = "site-postcode";
pub const SITE_COMMUNE: &str = "site-commune";
pub const SITE_LATITUDE: &str = "site-latitude";
pub const SITE_LONGITUDE: &str = "site-longitude";
pub const SITE_ACCESSIBILITY: &str = "site-accessibility";
pub const SITE_PHONE: &str = "site-phone";
/// Checkboxes `site-amenity-<key>-<amenity>`.
pub const SITE_AMENITY: &str = "site-amenity";
/// Per weekday (1 = Monday … 7), `site-open-<key>-<weekday>` and so on: the
/// "open" checkbox, the two times, the lunch-break checkbox and its two times.
pub const SITE_OPEN: &str = "site-open";
pub const SITE_OPENS: &str = "site-opens";
pub const SITE_CLOSES: &str = "site-closes";
pub const SITE_LUNCH: &str = "site-lunch";
pub const SITE_LUNCH_FROM: &str = "site-lunch-from";
pub const SITE_LUNCH_TO: &str = "site-lunch-to";
/// The grid; its choices are in seconds (900, 1800, 3600), the step of the time fields.
pub const SITE_SLOT: &str = "site-slot";
pub const SITE_DAYS_AHEAD: &str = "site-days-ahead";
pub const SITE_MAX_HOURS: &str = "site-max-hours";
pub const SITE_CANCEL_HOURS: &str = "site-cancel-hours";
/// Door access: how early a pass opens, when an unclaimed place is released
/// (empty: never), and how to get in.
pub const SITE_PASS_MARGIN: &str = "site-pass-margin";
pub const SITE_RELEASE_AFTER: &str = "site-release-after";
pub const SITE_HOW_TO_GET_IN: &str = "site-how-to-get-in";
pub const SITE_SAVE: &str = "site-save";
pub const SITE_STATUS: &str = "site-status";
pub const SITE_ERROR: &str = "site-error";

// A site's resources, followed by `-<site id>`; per resource, `-<resource id>`.
pub const RESOURCE_LIST: &str = "resource-list";
pub const RESOURCE_NAME: &str = "resource-name";
pub const RESOURCE_KIND: &str = "resource-kind";
pub const RESOURCE_CAPACITY: &str = "resource-capacity";
pub const RESOURCE_SAVE: &str = "resource-save";
pub const RESOURCE_RETIRE: &str = "resource-retire";
pub const RESOURCE_RETIRE_YES: &str = "resource-retire-yes";
/// The form that adds one, followed by `-<site id>`.
pub const RESOURCE_NEW_NAME: &str = "resource-new-name";
pub const RESOURCE_NEW_KIND: &str = "resource-new-kind";
pub const RESOURCE_NEW_CAPACITY: &str = "resource-new-capacity";
pub const RESOURCE_ADD: &str = "resource-add";
pub const RESOURCE_STATUS: &str = "resource-status";
pub const RESOURCE_ERROR: &str = "resource-error";

// A site's closures, followed by `-<site id>`; per closure, `-<closure id>`.
pub const CLOSURE_LIST: &str = "closure-list";
pub const CLOSURE_FIRST: &str = "closure-first";
pub const CLOSURE_LAST: &str = "closure-last";
pub const CLOSURE_REASON: &str = "closure-reason";
pub const CLOSURE_ADD: &str = "closure-add";
pub const CLOSURE_REMOVE: &str = "closure-remove";
pub const CLOSURE_FILE: &str = "closure-file";
pub const CLOSURE_URL: &str = "closure-url";
pub const CLOSURE_IMPORT: &str = "closure-import";
/// What an import did: how many closures, and each event left out.
pub const CLOSURE_IMPORT_RESULT: &str = "closure-import-result";
pub const CLOSURE_STATUS: &str = "closure-status";
pub const CLOSURE_ERROR: &str = "closure-error";

// My site page: the day's bookings, followed by `-<site id>`; per booking, `-<booking id>`.
pub const DAY_DATE: &str = "day-date";
/// The list; `data-date` says which day it shows.
pub const DAY_LIST: &str = "day-list";
pub const DAY_BOOKING: &str = "day-booking";
pub const DAY_CANCEL: &str = "day-cancel";
pub const DAY_CANCEL_REASON: &str = "day-cancel-reason";
pub const DAY_CANCEL_YES: &str = "day-cancel-yes";
pub const DAY_STATUS: &str = "day-status";
pub const DAY_ERROR: &str = "day-error";

/// The teleworker's quotas on the home page, and the cost shown before booking.
pub const MY_QUOTAS: &str = "my-quotas";
pub const BOOK_QUOTA_PREVIEW: &str = "book-quota-preview";

/// The private feed URL on "Ajouter à mon agenda" (buttons: `-copy`, `-rotate`; `-status`).
pub const CALENDAR_URL: &str = "calendar-url";
/// A host's site feed on "Mon site" (suffixed with the site's id).
pub const SITE_CALENDAR_URL: &str = "site-calendar-url";
/// "Ajouter à mon agenda" on "Mes réservations".
pub const MY_BOOKINGS_CALENDAR: &str = "my-bookings-calendar";

// The quota policies page (`/administration/quotas`).
pub const QP_LIST: &str = "qp-list";
pub const QP_STATUS: &str = "qp-status";
pub const QP_LIST_ERROR: &str = "qp-list-error";
pub const QP_NEW: &str = "qp-new";
pub const QP_EDITOR: &str = "qp-editor";
pub const QP_EDITOR_TITLE: &str = "qp-editor-title";
pub const QP_FORM_ERROR: &str = "qp-error";
pub const QP_NAME: &str = "qp-name";
pub const QP_COMMUNE: &str = "qp-commune";
pub const QP_COMMUNE_ADD: &str = "qp-commune-add";
pub const QP_EPCI: &str = "qp-epci";
pub const QP_CATEGORY: &str = "qp-category";
pub const QP_WHOLE_NETWORK: &str = "qp-where-network";
pub const QP_CHOSEN_SITES: &str = "qp-where-sites";
pub const QP_SITE: &str = "qp-site";
pub const QP_MEASURE: &str = "qp-measure";
pub const QP_ALLOWANCE: &str = "qp-allowance";
pub const QP_UNLIMITED: &str = "qp-unlimited";
pub const QP_PERIOD: &str = "qp-period";
pub const QP_REFUND: &str = "qp-refund";
pub const QP_NO_SHOW: &str = "qp-no-show";
pub const QP_BEYOND: &str = "qp-beyond";
pub const QP_PROOF: &str = "qp-proof";
pub const QP_PROOF_HINT: &str = "qp-proof-hint";
pub const QP_SAVE: &str = "qp-save";
pub const QP_CANCEL: &str = "qp-cancel";
pub const QP_EDIT: &str = "qp-edit";
pub const QP_RETIRE: &str = "qp-retire";
pub const QP_RETIRE_YES: &str = "qp-retire-yes";

// Statistics page: the period, the figures, the chart and its table, the files.
pub const STATS_PERIOD: &str = "stats-period";
/// Values of the period list the browser tests choose.
pub const STATS_PERIOD_TWELVE_MONTHS: &str = "twelve-months";
pub const STATS_PERIOD_YEAR: &str = "year";
/// The "compare with" list, its "the period before" value, and the table.
pub const STATS_COMPARE: &str = "stats-compare";
pub const STATS_COMPARE_PREVIOUS: &str = "previous";
pub const STATS_COMPARISON: &str = "stats-comparison";
pub const STATS_FROM: &str = "stats-from";
pub const STATS_TO: &str = "stats-to";
pub const STATS_SITE: &str = "stats-site";
/// The filters: kind of space, residence ("commune:48095", "epci:244800405"), situation.
pub const STATS_KIND: &str = "stats-kind";
pub const STATS_LIVING: &str = "stats-living";
pub const STATS_CATEGORY: &str = "stats-category";
pub const STATS_FILTER_NOTE: &str = "stats-filter-note";
pub const STATS_STATUS: &str = "stats-status";
pub const STATS_HEADLINE: &str = "stats-headline";
pub const STATS_CHART: &str = "stats-chart";
pub const STATS_CHART_TABLE: &str = "stats-chart-table";
pub const STATS_TABLE: &str = "stats-table";
pub const STATS_RESIDENCE: &str = "stats-residence";
pub const STATS_RESIDENCE_CHART: &str = "stats-residence-chart";
pub const STATS_SITUATIONS: &str = "stats-situations";
pub const STATS_HEAT: &str = "stats-heat";
pub const STATS_KINDS: &str = "stats-kinds";
pub const STATS_QUOTAS: &str = "stats-quotas";
pub const STATS_HEAT_TABLE: &str = "stats-heat-table";
/// `stats-download-xlsx`, `…-ods`, `…-csv-excel`, `…-csv`.
pub const STATS_DOWNLOAD: &str = "stats-download";

// The pass page (`/acces/{booking_id}`): the card that prints, its QR code
// (an `svg` inside) and PIN, and the buttons.
pub const PASS: &str = "pass";
pub const PASS_QR: &str = "pass-qr";
pub const PASS_PIN: &str = "pass-pin";
pub const PASS_CHECK_IN: &str = "pass-check-in";
pub const PASS_CHECK_OUT: &str = "pass-check-out";
pub const PASS_PRINT: &str = "pass-print";
pub const PASS_STATUS: &str = "pass-status";
pub const PASS_ERROR: &str = "pass-error";

// The page the site's poster leads to (`/pointage`).
pub const CHECK_IN_CONFIRM: &str = "check-in-confirm";
/// "C'est noté", with the booking's time.
pub const CHECK_IN_DONE: &str = "check-in-done";
pub const CHECK_IN_ERROR: &str = "check-in-error";
/// Shown to a signed-out person: the link to sign in and come back.
pub const CHECK_IN_SIGN_IN: &str = "check-in-sign-in";

// My site page: per hosted site, followed by `-<site id>`.
pub const MY_SITE_LIVE: &str = "my-site-live";
pub const MY_SITE_POSTER: &str = "my-site-poster";
// My site's sections (one site at a time, `?site=`): the links to the
// sections, to the host's other sites, and the section shown (its heading
// is `my-site-section-title`).
pub const MY_SITE_SECTIONS: &str = "my-site-sections";
pub const MY_SITE_CHOOSER: &str = "my-site-chooser";
pub const MY_SITE_SECTION: &str = "my-site-section";
/// Today: "3 places sur 8 occupées aujourd'hui", who is coming, who cancelled.
pub const MY_SITE_TAKEN: &str = "my-site-taken";
pub const MY_SITE_COMING: &str = "my-site-coming";
pub const MY_SITE_CANCELLED: &str = "my-site-cancelled";

// The live view (`/mon-site/direct?site=…`).
pub const LIVE_BOARD: &str = "live-board";
/// "En direct, mis à jour à 10:02" (`role="status"`).
pub const LIVE_STATUS: &str = "live-status";
/// What a button just did, and what went wrong.
pub const LIVE_DONE: &str = "live-done";
pub const LIVE_ERROR: &str = "live-error";
/// Per resource, `live-resource-<resource id>`.
pub const LIVE_RESOURCE: &str = "live-resource";
/// Per booking, followed by `-<booking id>`: the row and its buttons.
pub const LIVE_BOOKING: &str = "live-booking";
pub const LIVE_CHECK_IN: &str = "live-check-in";
pub const LIVE_CHECK_OUT: &str = "live-check-out";
pub const LIVE_NO_SHOW: &str = "live-no-show";
pub const LIVE_PASS: &str = "live-pass";
pub const LIVE_WEEK: &str = "live-week";
pub const LIVE_POSTER: &str = "live-poster";
pub const LIVE_RETRY: &str = "live-retry";
/// The access log's table.
pub const LIVE_LOG: &str = "live-log";
/// Booking at the desk for an assisted person: the space, the person, the
/// end, the button, and what it did.
pub const WALK_IN_RESOURCE: &str = "walk-in-resource";
pub const WALK_IN_PERSON: &str = "walk-in-person";
pub const WALK_IN_END: &str = "walk-in-end";
pub const WALK_IN_BOOK: &str = "walk-in-book";
pub const WALK_IN_STATUS: &str = "walk-in-status";
pub const WALK_IN_ERROR: &str = "walk-in-error";

// The poster page (`/mon-site/affiche?site=…`).
pub const POSTER: &str = "poster";
pub const POSTER_QR: &str = "poster-qr";
pub const POSTER_PRINT: &str = "poster-print";
