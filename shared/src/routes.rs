//! Paths of the HTTP API and of the app's pages, written once for the server,
//! the browser app and the tests.

pub const HEALTHZ: &str = "/healthz";
/// The sites, their addresses and opening hours as a plain page, for a
/// browser without JavaScript (the app's `noscript` text links here).
pub const SITE_DIRECTORY: &str = "/lieux";
pub const API_PREFIX: &str = "/api/v1";
pub const OPENAPI: &str = "/api/v1/openapi.json";
pub const SITES: &str = "/api/v1/sites";
/// `{site_id}` is replaced by the site's id.
pub const SITE: &str = "/api/v1/sites/{site_id}";
pub const SITE_RESOURCES: &str = "/api/v1/sites/{site_id}/resources";
pub const SITE_RESOURCE: &str = "/api/v1/sites/{site_id}/resources/{resource_id}";
pub const SITE_CLOSURES: &str = "/api/v1/sites/{site_id}/closures";
pub const SITE_CLOSURE: &str = "/api/v1/sites/{site_id}/closures/{closure_id}";
pub const SITE_CLOSURES_IMPORT: &str = "/api/v1/sites/{site_id}/closures/import";
pub const SITE_CLOSURES_IMPORT_URL: &str = "/api/v1/sites/{site_id}/closures/import-url";
pub const SITE_BOOKINGS: &str = "/api/v1/sites/{site_id}/bookings";
pub const COMMUNES: &str = "/api/v1/communes";
pub const AVAILABILITY: &str = "/api/v1/availability";
pub const AVAILABILITY_WEEK: &str = "/api/v1/availability/week";
pub const BOOKINGS: &str = "/api/v1/bookings";
pub const BOOKING: &str = "/api/v1/bookings/{booking_id}";
pub const BOOKING_NO_SHOW: &str = "/api/v1/bookings/{booking_id}/no-show";
pub const MY_BOOKINGS: &str = "/api/v1/me/bookings";
pub const BOOKING_SERIES: &str = "/api/v1/bookings/series";
pub const BOOKING_SERIES_ONE: &str = "/api/v1/bookings/series/{series_id}";
pub const WAITLIST: &str = "/api/v1/waitlist";
pub const WAITLIST_ENTRY: &str = "/api/v1/waitlist/{entry_id}";
pub const MY_WAITLIST: &str = "/api/v1/me/waitlist";
pub const MY_QUOTAS: &str = "/api/v1/me/quotas";
pub const MY_CALENDAR: &str = "/api/v1/me/calendar";
pub const MY_CALENDAR_ROTATE: &str = "/api/v1/me/calendar/rotate";
/// `{site_id}` is replaced by the site's id.
pub const SITE_CALENDAR: &str = "/api/v1/sites/{site_id}/calendar";
pub const SITE_CALENDAR_ROTATE: &str = "/api/v1/sites/{site_id}/calendar/rotate";
pub const RESOURCE_CALENDAR: &str = "/api/v1/sites/{site_id}/resources/{resource_id}/calendar";
pub const RESOURCE_CALENDAR_ROTATE: &str =
    "/api/v1/sites/{site_id}/resources/{resource_id}/calendar/rotate";
/// A private calendar feed; `{token}` is its secret (with `.ics`).
pub const FEED: &str = "/api/v1/feeds/{token}";
pub const QUOTA_POLICIES: &str = "/api/v1/quota-policies";
/// `{policy_id}` is replaced by the policy's id.
pub const QUOTA_POLICY: &str = "/api/v1/quota-policies/{policy_id}";

pub const AUTH_REQUEST: &str = "/api/v1/auth/request";
pub const AUTH_VERIFY: &str = "/api/v1/auth/verify";
pub const AUTH_VERIFY_LINK: &str = "/api/v1/auth/verify-link";
pub const AUTH_SIGN_OUT: &str = "/api/v1/auth/sign-out";
pub const AUTH_SIGN_OUT_EVERYWHERE: &str = "/api/v1/auth/sign-out-everywhere";
/// Who is signed in, answered 200 even to nobody (the app asks it on every
/// page load; `GET /api/v1/me` would log a 401 in a signed-out console).
pub const AUTH_CURRENT: &str = "/api/v1/auth/current";

pub const ME: &str = "/api/v1/me";
pub const ME_EXPORT: &str = "/api/v1/me/export";

/// `{site_id}` is replaced by the site's id.
pub const ASSISTED_PEOPLE: &str = "/api/v1/sites/{site_id}/assisted-people";
pub const ASSISTED_EMAIL: &str = "/api/v1/sites/{site_id}/assisted-people/{person_id}/email";
/// The people a site knows, with what they declared and what is confirmed.
pub const SITE_ELIGIBILITY: &str = "/api/v1/sites/{site_id}/eligibility";
pub const SITE_ELIGIBILITY_PERSON: &str = "/api/v1/sites/{site_id}/eligibility/{visitor_id}";
/// The same for a commune's or EPCI's residents (network administrators: everyone).
pub const ELIGIBILITY: &str = "/api/v1/eligibility";
pub const ELIGIBILITY_PERSON: &str = "/api/v1/eligibility/{person_id}";
pub const API_KEYS: &str = "/api/v1/admin/api-keys";
pub const API_KEY: &str = "/api/v1/admin/api-keys/{key_id}";
/// Door access (fixed points: JWKS, pass, verify, check-in and -out, live).
pub const JWKS: &str = "/.well-known/jwks.json";
pub const BOOKING_PASS: &str = "/api/v1/bookings/{booking_id}/pass";
pub const BOOKING_CHECK_IN: &str = "/api/v1/bookings/{booking_id}/check-in";
pub const BOOKING_CHECK_OUT: &str = "/api/v1/bookings/{booking_id}/check-out";
pub const ACCESS_VERIFY: &str = "/api/v1/access/verify";
pub const ACCESS_DOOR_LIST: &str = "/api/v1/access/door-list";
pub const ACCESS_ENTRIES: &str = "/api/v1/access/entries";
/// Network administrators start signing with a new key.
pub const ACCESS_KEYS_ROTATE: &str = "/api/v1/access/keys/rotate";
pub const SITE_LIVE: &str = "/api/v1/sites/{site_id}/live";
/// The same board once, as JSON (the stream's first message).
pub const SITE_BOARD: &str = "/api/v1/sites/{site_id}/board";
pub const SITE_POSTER: &str = "/api/v1/sites/{site_id}/poster";
pub const SITE_CHECK_IN: &str = "/api/v1/sites/{site_id}/check-in";
pub const SITE_ACCESS_LOG: &str = "/api/v1/sites/{site_id}/access-log";
/// Usage statistics (fixed point).
pub const STATS_USAGE: &str = "/api/v1/stats/usage";

/// Every route of the API, as the OpenAPI document declares it (a server
/// test checks that the document, the router and the authorization table
/// list exactly these).
pub const API: &[&str] = &[
    HEALTHZ,
    SITE_DIRECTORY,
    OPENAPI,
    SITES,
    SITE,
    SITE_RESOURCES,
    SITE_RESOURCE,
    SITE_CLOSURES,
    SITE_CLOSURE,
    SITE_CLOSURES_IMPORT,
    SITE_CLOSURES_IMPORT_URL,
    SITE_BOOKINGS,
    COMMUNES,
    AVAILABILITY,
    AVAILABILITY_WEEK,
    BOOKINGS,
    BOOKING,
    BOOKING_NO_SHOW,
    MY_BOOKINGS,
    BOOKING_SERIES,
    BOOKING_SERIES_ONE,
    WAITLIST,
    WAITLIST_ENTRY,
    MY_WAITLIST,
    MY_QUOTAS,
    MY_CALENDAR,
    MY_CALENDAR_ROTATE,
    SITE_CALENDAR,
    SITE_CALENDAR_ROTATE,
    RESOURCE_CALENDAR,
    RESOURCE_CALENDAR_ROTATE,
    FEED,
    QUOTA_POLICIES,
    QUOTA_POLICY,
    AUTH_REQUEST,
    AUTH_VERIFY,
    AUTH_VERIFY_LINK,
    AUTH_SIGN_OUT,
    AUTH_SIGN_OUT_EVERYWHERE,
    AUTH_CURRENT,
    ME,
    ME_EXPORT,
    ASSISTED_PEOPLE,
    ASSISTED_EMAIL,
    SITE_ELIGIBILITY,
    SITE_ELIGIBILITY_PERSON,
    ELIGIBILITY,
    ELIGIBILITY_PERSON,
    API_KEYS,
    API_KEY,
    STATS_USAGE,
    JWKS,
    BOOKING_PASS,
    BOOKING_CHECK_IN,
    BOOKING_CHECK_OUT,
    ACCESS_VERIFY,
    ACCESS_DOOR_LIST,
    ACCESS_ENTRIES,
    ACCESS_KEYS_ROTATE,
    SITE_LIVE,
    SITE_BOARD,
    SITE_POSTER,
    SITE_CHECK_IN,
    SITE_ACCESS_LOG,
];

/// Pages of the browser app.
pub mod pages {
    pub const HOME: &str = "/";
    pub const SIGN_IN: &str = "/connexion";
    /// The mail's link lands here; the token is in the fragment (`#t=…`), never sent to the server by the browser.
    pub const SIGN_IN_LINK: &str = "/connexion/lien";
    pub const PROFILE: &str = "/profil";
    pub const MY_SITE: &str = "/mon-site";
    pub const ADMIN: &str = "/administration";
    /// Finding and booking a desk.
    pub const BOOK: &str = "/reserver";
    /// The person's bookings; mails and calendar events link here.
    pub const MY_BOOKINGS: &str = "/mes-reservations";
    /// The person's calendar link.
    pub const CALENDAR: &str = "/agenda";
    /// Quota policies, under the administration.
    pub const QUOTAS: &str = "/administration/quotas";
    /// Usage statistics, for hosts and administrators.
    pub const STATISTICS: &str = "/statistiques";
    /// A booking's pass (QR code and PIN), followed by `/{booking_id}`.
    pub const PASS: &str = "/acces";
    /// Where the site's daily poster leads: `?site={site_id}&code={code}`.
    pub const CHECK_IN: &str = "/pointage";
    /// A host's live view of a site, `?site={site_id}`.
    pub const LIVE: &str = "/mon-site/direct";
    /// The site's poster of the day, to print, `?site={site_id}`.
    pub const POSTER: &str = "/mon-site/affiche";
    /// "Mon site" is cut in sections, each with its own address and
    /// `?site={site_id}`: today at `MY_SITE` itself, then the site's settings
    /// and hours, its spaces, its closures, its bookings day by day with the
    /// site's calendar feed, and the people without e-mail it books for.
    pub const MY_SITE_SETTINGS: &str = "/mon-site/reglages";
    pub const MY_SITE_SPACES: &str = "/mon-site/espaces";
    pub const MY_SITE_CLOSURES: &str = "/mon-site/fermetures";
    pub const MY_SITE_AGENDA: &str = "/mon-site/agenda";
    pub const MY_SITE_PEOPLE: &str = "/mon-site/personnes";
    /// The sections in the order their links show them.
    pub const MY_SITE_SECTIONS: [&str; 6] = [
        MY_SITE,
        MY_SITE_SETTINGS,
        MY_SITE_SPACES,
        MY_SITE_CLOSURES,
        MY_SITE_AGENDA,
        MY_SITE_PEOPLE,
    ];
    /// The last segment of `SIGN_IN_LINK`, `QUOTAS`, `LIVE`, `POSTER` and of
    /// the sections of "Mon site", for the router's nested routes.
    pub const SIGN_IN_LINK_SEGMENT: &str = "lien";
    pub const QUOTAS_SEGMENT: &str = "quotas";
    pub const LIVE_SEGMENT: &str = "direct";
    pub const POSTER_SEGMENT: &str = "affiche";
    pub const SETTINGS_SEGMENT: &str = "reglages";
    pub const SPACES_SEGMENT: &str = "espaces";
    pub const CLOSURES_SEGMENT: &str = "fermetures";
    pub const AGENDA_SEGMENT: &str = "agenda";
    pub const PEOPLE_SEGMENT: &str = "personnes";

    /// `/acces/{id}`: a booking's pass.
    pub fn pass(booking_id: impl std::fmt::Display) -> String {
        format!("{PASS}/{booking_id}")
    }

    /// `/mon-site/direct?site={id}` and the like: a page about one site.
    pub fn of_site(page: &str, site_id: impl std::fmt::Display) -> String {
        format!("{page}?site={site_id}")
    }

    /// The pages of hosts and administrators. They are the third build of
    /// the app (`office`), loaded only when one of them is opened, so a
    /// teleworker's first visit does not download them.
    pub const OFFICE: [&str; 3] = [MY_SITE, ADMIN, STATISTICS];

    /// The pages a person opens after a first visit: a booking's pass and
    /// the poster's check-in (on the day, at the site), the profile and the
    /// calendar link. They are the second build of the app (`account`).
    pub const ACCOUNT: [&str; 4] = [PASS, CHECK_IN, PROFILE, CALENDAR];

    /// The builds of the browser app, each holding the pages of the ones
    /// before it: `Everyone` is what a first visit downloads (sites, sign-in,
    /// booking, my bookings), `Account` adds `ACCOUNT`, `Office` adds
    /// `OFFICE`. The server sends, for each address, the smallest build
    /// that has its page.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    pub enum Build {
        Everyone,
        Account,
        Office,
    }

    impl Build {
        /// The name of the build's page and files (`account.html`,
        /// `account_bg.wasm`); the page's `data-app`.
        pub fn name(self) -> &'static str {
            match self {
                Build::Everyone => "frontend",
                Build::Account => "account",
                Build::Office => "office",
            }
        }
    }

    /// The smallest build with the page at `path` (query and fragment
    /// ignored); `Everyone` for addresses that are no page (the app says
    /// "not found").
    pub fn build_of(path: &str) -> Build {
        let path = path.split(['?', '#']).next().unwrap_or("");
        let path = path.trim_end_matches('/');
        let under = |page: &&str| {
            path.strip_prefix(*page)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        if OFFICE.iter().any(under) {
            Build::Office
        } else if ACCOUNT.iter().any(under) {
            Build::Account
        } else {
            Build::Everyone
        }
    }
}

/// Fills `{name}` placeholders of a route with values.
pub fn fill(route: &str, values: &[(&str, &str)]) -> String {
    let mut path = route.to_owned();
    for (name, value) in values {
        path = path.replace(&format!("{{{name}}}"), value);
    }
    path
}

#[cfg(test)]
mod tests {
    use super::pages;

    #[test]
    fn nested_pages_are_their_parent_and_segment() {
        assert_eq!(
            pages::SIGN_IN_LINK,
            format!("{}/{}", pages::SIGN_IN, pages::SIGN_IN_LINK_SEGMENT)
        );
        assert_eq!(
            pages::QUOTAS,
            format!("{}/{}", pages::ADMIN, pages::QUOTAS_SEGMENT)
        );
        assert_eq!(
            pages::LIVE,
            format!("{}/{}", pages::MY_SITE, pages::LIVE_SEGMENT)
        );
        assert_eq!(
            pages::POSTER,
            format!("{}/{}", pages::MY_SITE, pages::POSTER_SEGMENT)
        );
        assert_eq!(pages::pass(12), "/acces/12");
        assert_eq!(pages::of_site(pages::LIVE, 3), "/mon-site/direct?site=3");
    }

    #[test]
    fn the_sections_of_my_site_are_under_it_and_office_pages() {
        for (page, segment) in [
            (pages::MY_SITE_SETTINGS, pages::SETTINGS_SEGMENT),
            (pages::MY_SITE_SPACES, pages::SPACES_SEGMENT),
            (pages::MY_SITE_CLOSURES, pages::CLOSURES_SEGMENT),
            (pages::MY_SITE_AGENDA, pages::AGENDA_SEGMENT),
            (pages::MY_SITE_PEOPLE, pages::PEOPLE_SEGMENT),
        ] {
            assert_eq!(page, format!("{}/{segment}", pages::MY_SITE));
            assert!(pages::MY_SITE_SECTIONS.contains(&page), "{page}");
        }
        // Today is the start; the live view and the poster are pages of their own.
        assert_eq!(pages::MY_SITE_SECTIONS[0], pages::MY_SITE);
        for (i, page) in pages::MY_SITE_SECTIONS.iter().enumerate() {
            assert_eq!(pages::build_of(page), pages::Build::Office, "{page}");
            assert!(*page != pages::LIVE && *page != pages::POSTER, "{page}");
            assert!(
                !pages::MY_SITE_SECTIONS[i + 1..].contains(page),
                "{page} twice"
            );
        }
        assert_eq!(
            pages::of_site(pages::MY_SITE_SETTINGS, 3),
            "/mon-site/reglages?site=3"
        );
        assert_eq!(
            pages::build_of("/mon-site/fermetures?site=3"),
            pages::Build::Office
        );
    }

    #[test]
    fn office_pages_are_those_of_hosts_and_administrators() {
        for page in [
            pages::MY_SITE,
            pages::ADMIN,
            pages::QUOTAS,
            pages::STATISTICS,
            pages::LIVE,
            pages::POSTER,
            "/mon-site/direct?site=3",
            "/statistiques/?from=2026-01-01",
            "/administration/",
        ] {
            assert_eq!(pages::build_of(page), pages::Build::Office, "{page}");
        }
        for page in [
            pages::HOME,
            pages::BOOK,
            pages::MY_BOOKINGS,
            pages::SIGN_IN,
            pages::PROFILE,
            pages::PASS,
            "/acces/12",
            pages::CHECK_IN,
            "/pointage?site=1&code=abc",
            "/mon-site-bis",
            "/statistiques-x",
        ] {
            assert_ne!(pages::build_of(page), pages::Build::Office, "{page}");
        }
    }

    #[test]
    fn each_page_is_in_the_smallest_build_that_has_it() {
        use pages::{Build, build_of};
        for page in [
            pages::HOME,
            pages::SIGN_IN,
            pages::SIGN_IN_LINK,
            pages::BOOK,
            "/reserver?jour=2027-01-18",
            pages::MY_BOOKINGS,
            "/accesoire",
            "/agendas",
            "/no-such-page",
        ] {
            assert_eq!(build_of(page), Build::Everyone, "{page}");
        }
        for page in [
            pages::PROFILE,
            "/profil/",
            pages::CALENDAR,
            "/agenda#ics",
            "/acces/12",
            "/pointage?site=1&code=abc",
        ] {
            assert_eq!(build_of(page), Build::Account, "{page}");
        }
        // The site's agenda is a section of "Mon site", not the person's calendar.
        for page in [
            pages::MY_SITE_AGENDA,
            pages::LIVE,
            pages::QUOTAS,
            "/statistiques?x=1",
        ] {
            assert_eq!(build_of(page), Build::Office, "{page}");
        }
        assert!(Build::Everyone < Build::Account && Build::Account < Build::Office);
        assert_eq!(Build::Account.name(), "account");
    }
}
