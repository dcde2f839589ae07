//! DOM ids the browser tests look for. The frontend sets them, `e2e` reads them.

pub const MAIN: &str = "main";
pub const SITE_LIST: &str = "site-list";
pub const LANGUAGE_SWITCH: &str = "language-switch";
pub const PAGE_TITLE: &str = "page-title";
pub const LOAD_ERROR: &str = "load-error";
