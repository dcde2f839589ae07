//! French first, English second. Every sentence the app shows lives here, in
//! one struct per language, so a missing translation is a compile error.

use leptos::prelude::*;
use shared::api::{BookingStatus, Language, ResourceKind};
#[cfg(feature = "account")]
use shared::api::{Category, Role, Territory};
use shared::error::codes;

#[cfg(feature = "account")]
pub mod account;
#[cfg(feature = "account")]
pub mod door;
#[cfg(feature = "office")]
pub mod office;

// The app's own checks, before anything is sent, named like the API's codes.
pub const MISSING_EMAIL: &str = "missing_email";
pub const CODE_FORMAT: &str = "code_format";
pub const MISSING_NAME: &str = "missing_name";
pub const MISSING_SITE: &str = "missing_site";
pub const MISSING_COMMUNE: &str = "missing_commune";
pub const MISSING_REASON: &str = "missing_reason";
pub const CLOSURE_ORDER: &str = "closure_order";
pub const MISSING_FILE: &str = "missing_file";
/// A site's door settings out of their ranges (the editor's own check).
#[cfg(feature = "office")]
pub const DOOR_RULES: &str = "door_rules";
/// A booking at the desk with nobody chosen to book for.
#[cfg(feature = "office")]
pub const MISSING_PERSON: &str = "missing_person";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Fr,
    En,
}

const STORAGE_KEY: &str = "relais.lang";

impl Lang {
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub const fn texts(self) -> &'static Texts {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    pub const fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }

    /// The same language as the API names it.
    pub const fn language(self) -> Language {
        match self {
            Lang::Fr => Language::Fr,
            Lang::En => Language::En,
        }
    }

    pub const fn from_language(language: Language) -> Lang {
        match language {
            Language::Fr => Lang::Fr,
            Language::En => Lang::En,
        }
    }

    /// The saved choice, else French (the network's language).
    pub fn initial() -> Lang {
        let saved = local_storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        match saved.as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Fr,
        }
    }

    /// Remembers the choice and tells assistive technologies the page's language.
    pub fn apply(self) {
        if let Some(storage) = local_storage() {
            let _ = storage.set_item(STORAGE_KEY, self.code());
        }
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", self.code());
        }
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// A sentence that follows the language: `{tr(|t| t.save)}`, as a child or an
/// attribute. Every sentence of the app goes through this one closure type,
/// so the view code for it is generated once instead of once per sentence
/// (a real saving in the WebAssembly bundle).
pub fn tr(
    pick: fn(&'static Texts) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || pick(lang.get().texts())
}

/// The language signal every page reads.
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(Lang::Fr))
}

pub struct Texts {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    /// The label of the button that switches to this language, written in it.
    pub switch_to_this_language: &'static str,
    pub nav_label: &'static str,
    /// On a narrow screen, the button that shows the navigation's links.
    pub menu_button: &'static str,
    pub nav_sites: &'static str,
    pub sites_title: &'static str,
    pub sites_intro: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub loading: &'static str,
    pub load_error: &'static str,
    pub retry: &'static str,
    pub no_match: &'static str,
    pub opening_hours: &'static str,
    #[cfg(feature = "account")]
    pub closed: &'static str,
    pub resources: &'static str,
    pub amenities: &'static str,
    pub accessibility: &'static str,
    /// A site's opening hours in sentences ("Du lundi au vendredi, …").
    pub hours_words: &'static shared::hours_words::HoursWords,
    /// A site's "how to come" part: the address and a map, hours, access, phone.
    pub how_to_come: &'static str,
    pub see_on_map: &'static str,
    /// After the map link's words, for screen readers only: `{site}`.
    pub see_on_map_of: &'static str,
    #[cfg(feature = "office")]
    pub phone_label: &'static str,
    /// The phone link's words: `{phone}`.
    pub call_phone: &'static str,
    /// For people who will not book online, with a phone number or without.
    pub book_by_phone: &'static str,
    pub book_in_person: &'static str,
    /// The one sentence of help of "Mes réservations" and of the profile page.
    pub my_bookings_help: &'static str,
    /// Under the phone field of a site's settings.
    #[cfg(feature = "office")]
    pub phone_hint: &'static str,
    #[cfg(feature = "account")]
    pub weekdays: [&'static str; 7],
    pub desk: (&'static str, &'static str),
    pub meeting_room: (&'static str, &'static str),
    pub phone_booth: (&'static str, &'static str),
    pub sites_count: (&'static str, &'static str),
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub back_home: &'static str,
    pub footer: &'static str,
    /// (key, name) of each amenity a site may list.
    pub amenity_names: &'static [(&'static str, &'static str)],

    // Session and navigation.
    pub nav_sign_in: &'static str,
    pub nav_profile: &'static str,
    pub nav_my_site: &'static str,
    pub nav_admin: &'static str,
    pub sign_out: &'static str,
    pub checking_session: &'static str,
    pub must_sign_in: &'static str,
    pub go_to_sign_in: &'static str,

    // Sign-in page. `{address}` and `{minutes}` are filled in.
    pub sign_in_title: &'static str,
    pub sign_in_intro: &'static str,
    pub email_label: &'static str,
    pub email_hint: &'static str,
    pub request_code: &'static str,
    pub sending: &'static str,
    pub code_sent: &'static str,
    pub code_mail_hint: &'static str,
    pub code_label: &'static str,
    pub code_hint: &'static str,
    pub verify_code: &'static str,
    pub checking: &'static str,
    pub resend_code: &'static str,
    pub code_resent: &'static str,
    pub change_address: &'static str,
    pub already_signed_in: &'static str,
    pub go_to_profile: &'static str,

    // The page the mail's link opens.
    pub link_title: &'static str,
    pub link_intro: &'static str,
    pub link_button: &'static str,
    pub link_missing: &'static str,

    // Errors, by the API's code (see `error_message`).
    pub err_invalid_email: &'static str,
    pub err_missing_email: &'static str,
    pub err_invalid_code: &'static str,
    pub err_code_format: &'static str,
    pub err_code_expired: &'static str,
    pub err_too_many_attempts: &'static str,
    pub err_rate_limited: &'static str,
    pub err_unauthorized: &'static str,
    pub err_forbidden: &'static str,
    pub err_commune_locked: &'static str,
    pub err_invalid_text: &'static str,
    pub err_series_refused: &'static str,
    pub err_not_found: &'static str,
    pub err_bad_request: &'static str,
    pub err_email_taken: &'static str,
    pub err_unknown_commune: &'static str,
    pub err_invalid_name: &'static str,
    pub err_missing_name: &'static str,
    pub err_missing_site: &'static str,
    pub err_generic: &'static str,

    // Profile page.
    #[cfg(feature = "account")]
    pub commune_none: &'static str,
    #[cfg(feature = "account")]
    pub category_names: [&'static str; 4],
    #[cfg(feature = "account")]
    pub save: &'static str,
    #[cfg(feature = "account")]
    pub saving: &'static str,
    #[cfg(feature = "account")]
    pub saved: &'static str,
    #[cfg(feature = "account")]
    pub role_host: &'static str,
    #[cfg(feature = "account")]
    pub role_commune_admin: &'static str,
    #[cfg(feature = "account")]
    pub role_epci_admin: &'static str,
    #[cfg(feature = "account")]
    pub role_network_admin: &'static str,

    // My site page. `{name}` is filled in.

    // Administration page. `{name}` is filled in.

    // Booking: the search page, the confirmation, my bookings. `{km}`, `{what}` are filled in.
    pub nav_book: &'static str,
    pub nav_my_bookings: &'static str,
    pub book_title: &'static str,
    pub book_intro: &'static str,
    pub date_label: &'static str,
    pub part_legend: &'static str,
    pub part_names: [&'static str; 3],
    pub kind_label: &'static str,
    pub kind_names: [&'static str; 3],
    pub near_label: &'static str,
    pub near_any: &'static str,
    /// Under "Près de": why a site far away is still listed.
    pub near_hint: &'static str,
    /// In the result of the site chosen in "Près de", instead of "0 km".
    pub near_chosen: &'static str,
    pub searching: &'static str,
    pub free: (&'static str, &'static str),
    pub distance: &'static str,
    pub distance_under_one: &'static str,
    pub closed_that_day: &'static str,
    pub closed_that_part: &'static str,
    pub full: &'static str,
    pub book_button: &'static str,
    /// What a screen reader hears for a result's buttons: `{site}`.
    pub book_at_named: &'static str,
    pub wait_at_named: &'static str,
    pub sign_in_to_book: &'static str,
    pub confirm_title: &'static str,
    pub place_label: &'static str,
    pub space_label: &'static str,
    pub date_word: &'static str,
    pub hours_label: &'static str,
    pub confirm_booking: &'static str,
    pub cancel: &'static str,
    pub booked: &'static str,
    pub see_my_bookings: &'static str,
    pub upcoming_title: &'static str,
    pub history_title: &'static str,
    pub no_upcoming: &'static str,
    pub bookings_loading: &'static str,
    pub cancel_booking: &'static str,
    /// What a screen reader hears for a booking's cancel buttons: their
    /// words (WCAG 2.5.3: the name holds the label), then `{when}`.
    pub cancel_booking_named: &'static str,
    pub cancel_series_named: &'static str,
    pub cancel_question: &'static str,
    pub cancel_yes: &'static str,
    pub cancel_no: &'static str,
    pub booking_cancelled: &'static str,
    /// In the order of `BookingStatus`: confirmed, cancelled, checked in, no-show, completed.
    pub status_names: [&'static str; 5],
    /// Weekdays inside a date ("lundi 30 novembre 2026"), Monday first.
    pub day_names: [&'static str; 7],
    pub month_names: [&'static str; 12],
    pub err_slot_taken: &'static str,
    pub err_quota_exceeded: &'static str,
    pub err_bad_slot: &'static str,
    pub err_site_closed: &'static str,
    pub err_in_the_past: &'static str,
    pub err_too_far_ahead: &'static str,
    pub err_too_long: &'static str,
    pub err_invalid_date: &'static str,
    pub err_too_late_to_cancel: &'static str,
    pub err_already_cancelled: &'static str,

    // Errors of the site, resource and closure forms.
    pub err_invalid_address: &'static str,
    pub err_invalid_postcode: &'static str,
    pub err_invalid_phone: &'static str,
    pub err_invalid_coordinates: &'static str,
    pub err_invalid_time_zone: &'static str,
    pub err_invalid_amenities: &'static str,
    pub err_invalid_rules: &'static str,
    pub err_invalid_hours: &'static str,
    pub err_invalid_capacity: &'static str,
    pub err_has_future_bookings: &'static str,
    pub err_missing_commune: &'static str,
    pub err_missing_reason: &'static str,
    pub err_closure_order: &'static str,
    pub err_missing_file: &'static str,
    pub err_invalid_url: &'static str,
    pub err_calendar_unreachable: &'static str,

    // Sites of the network (administration), and a site's settings. `{name}` is filled in.

    // A site's resources and closures.

    // The day's bookings at a site (hosts).

    // Quota policies (administration)
    pub nav_quotas: &'static str,
    pub nav_statistics: &'static str,
    pub err_invalid_amount: &'static str,
    pub err_unknown_epci: &'static str,
    pub err_unknown_site: &'static str,
    // Weekly series and waiting lists.
    pub repeat_label: &'static str,
    pub repeat_once: &'static str,
    pub repeat_weeks: &'static str,
    pub series_booked: &'static str,
    pub series_refused_title: &'static str,
    pub series_tag: &'static str,
    pub cancel_series: &'static str,
    pub cancel_series_question: &'static str,
    pub series_cancelled: &'static str,
    pub wait_button: &'static str,
    pub waiting_done: &'static str,
    pub waitlist_title: &'static str,
    pub waitlist_leave: &'static str,
    pub waitlist_left: &'static str,
    pub err_not_full: &'static str,
    pub err_eligibility_changed: &'static str,
    /// The pass's link on "Mes réservations", and the door's refusals.
    /// The link on "Mes réservations", and what a screen reader hears: `{when}`.
    pub my_pass: &'static str,
    pub my_pass_named: &'static str,
    pub err_too_early: &'static str,
    pub err_booking_over: &'static str,
    pub err_booking_not_active: &'static str,
    pub err_not_checked_in: &'static str,
    pub err_no_booking_now: &'static str,
    /// The pass, checking in and out, the poster's page (`door.rs`), in
    /// the account and office builds.
    #[cfg(feature = "account")]
    pub door: &'static door::DoorTexts,
    /// The profile page's words (`account.rs`), in the account and office builds.
    #[cfg(feature = "account")]
    pub account: &'static account::AccountTexts,
    /// The words of the pages of hosts and administrators, in the
    /// office build only (`office.rs`).
    #[cfg(feature = "office")]
    pub office: &'static office::OfficeTexts,
}

impl Texts {
    /// "1 poste", "8 postes": the count with the right form of the noun.
    pub fn count(&self, forms: (&'static str, &'static str), n: usize) -> String {
        let noun = if n < 2 { forms.0 } else { forms.1 };
        format!("{n} {noun}")
    }

    /// The sentence for an API error code (or one of the app's own checks),
    /// or a general one for codes it does not know.
    pub fn error_message(&self, code: &str) -> &'static str {
        match code {
            codes::INVALID_EMAIL => self.err_invalid_email,
            MISSING_EMAIL => self.err_missing_email,
            codes::INVALID_CODE => self.err_invalid_code,
            CODE_FORMAT => self.err_code_format,
            codes::CODE_EXPIRED => self.err_code_expired,
            codes::TOO_MANY_ATTEMPTS => self.err_too_many_attempts,
            codes::RATE_LIMITED => self.err_rate_limited,
            codes::UNAUTHORIZED | codes::INVALID_TOKEN => self.err_unauthorized,
            codes::FORBIDDEN => self.err_forbidden,
            codes::COMMUNE_LOCKED => self.err_commune_locked,
            // Only a host changing someone's address meets it.
            #[cfg(feature = "office")]
            codes::EMAIL_LOCKED => self.office.err_email_locked,
            codes::INVALID_TEXT => self.err_invalid_text,
            codes::SERIES_REFUSED => self.err_series_refused,
            codes::NOT_FOUND => self.err_not_found,
            codes::BAD_REQUEST | codes::INVALID_JSON => self.err_bad_request,
            codes::EMAIL_TAKEN => self.err_email_taken,
            codes::UNKNOWN_COMMUNE => self.err_unknown_commune,
            codes::INVALID_NAME => self.err_invalid_name,
            MISSING_NAME => self.err_missing_name,
            MISSING_SITE => self.err_missing_site,
            codes::SLOT_TAKEN => self.err_slot_taken,
            codes::QUOTA_EXCEEDED => self.err_quota_exceeded,
            codes::OUTSIDE_OPENING_HOURS
            | codes::OFF_GRID
            | codes::INVALID_INTERVAL
            | codes::RESOURCE_RETIRED => self.err_bad_slot,
            codes::SITE_CLOSED => self.err_site_closed,
            codes::IN_THE_PAST => self.err_in_the_past,
            codes::TOO_FAR_AHEAD => self.err_too_far_ahead,
            codes::TOO_LONG => self.err_too_long,
            codes::INVALID_DATE => self.err_invalid_date,
            codes::TOO_LATE_TO_CANCEL => self.err_too_late_to_cancel,
            codes::ALREADY_CANCELLED => self.err_already_cancelled,
            codes::INVALID_ADDRESS => self.err_invalid_address,
            codes::INVALID_POSTCODE => self.err_invalid_postcode,
            codes::INVALID_PHONE => self.err_invalid_phone,
            codes::INVALID_COORDINATES => self.err_invalid_coordinates,
            codes::INVALID_TIME_ZONE => self.err_invalid_time_zone,
            codes::INVALID_AMENITIES => self.err_invalid_amenities,
            codes::INVALID_RULES => self.err_invalid_rules,
            codes::INVALID_HOURS => self.err_invalid_hours,
            codes::INVALID_CAPACITY => self.err_invalid_capacity,
            codes::HAS_FUTURE_BOOKINGS => self.err_has_future_bookings,
            MISSING_COMMUNE => self.err_missing_commune,
            MISSING_REASON => self.err_missing_reason,
            CLOSURE_ORDER => self.err_closure_order,
            MISSING_FILE => self.err_missing_file,
            codes::INVALID_URL => self.err_invalid_url,
            codes::CALENDAR_UNREACHABLE => self.err_calendar_unreachable,
            codes::INVALID_AMOUNT => self.err_invalid_amount,
            codes::UNKNOWN_EPCI => self.err_unknown_epci,
            codes::UNKNOWN_SITE => self.err_unknown_site,
            codes::NOT_FULL => self.err_not_full,
            codes::ELIGIBILITY_CHANGED => self.err_eligibility_changed,
            codes::TOO_EARLY => self.err_too_early,
            codes::BOOKING_OVER => self.err_booking_over,
            codes::BOOKING_NOT_ACTIVE => self.err_booking_not_active,
            codes::NOT_CHECKED_IN => self.err_not_checked_in,
            codes::NO_BOOKING_NOW => self.err_no_booking_now,
            #[cfg(feature = "office")]
            DOOR_RULES => self.office.err_door_rules,
            #[cfg(feature = "office")]
            MISSING_PERSON => self.office.err_missing_person,
            _ => self.err_generic,
        }
    }

    #[cfg(feature = "account")]
    pub fn category(&self, category: Category) -> &'static str {
        let index = match category {
            Category::Teleworker => 0,
            Category::JobSeeker => 1,
            Category::Student => 2,
            Category::Entrepreneur => 3,
        };
        self.category_names[index]
    }

    /// "Hôte de La Fabrique de Mende", "Administrateur du réseau"…
    #[cfg(feature = "account")]
    pub fn role(&self, role: &Role) -> String {
        match role {
            Role::Host { site_name, .. } => self.role_host.replace("{name}", site_name),
            Role::TerritoryAdmin {
                territory: Territory::Commune,
                name,
                ..
            } => self.role_commune_admin.replace("{name}", name),
            Role::TerritoryAdmin {
                territory: Territory::Epci,
                name,
                ..
            } => self.role_epci_admin.replace("{name}", name),
            Role::NetworkAdmin => self.role_network_admin.to_owned(),
        }
    }

    /// "poste de travail" / "postes de travail" and the like.
    pub fn kind_forms(&self, kind: ResourceKind) -> (&'static str, &'static str) {
        match kind {
            ResourceKind::Desk => self.desk,
            ResourceKind::MeetingRoom => self.meeting_room,
            ResourceKind::PhoneBooth => self.phone_booth,
        }
    }

    /// "Confirmée", "Annulée"…
    pub fn status(&self, status: BookingStatus) -> &'static str {
        let index = match status {
            BookingStatus::Confirmed => 0,
            BookingStatus::Cancelled => 1,
            BookingStatus::CheckedIn => 2,
            BookingStatus::NoShow => 3,
            BookingStatus::Completed => 4,
        };
        self.status_names[index]
    }

    /// "lundi 30 novembre 2026", "Monday 30 November 2026".
    pub fn date_words(&self, days: i64) -> String {
        let (year, month, day) = crate::local_time::civil_from_days(days);
        format!(
            "{} {day} {} {year}",
            self.day_names[usize::from(crate::local_time::weekday(days) - 1)],
            self.month_names[(month - 1) as usize]
        )
    }

    /// A named amenity, or its key when it has no translation yet.
    pub fn amenity<'a>(&self, key: &'a str) -> &'a str {
        self.amenity_names
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(key, |(_, name)| name)
    }
}

pub const FR: Texts = Texts {
    app_name: "Relais",
    tagline: "Des bureaux près de chez vous, dans les tiers-lieux de Lozère",
    skip_to_content: "Aller au contenu",
    switch_to_this_language: "Français",
    nav_label: "Menu principal",
    menu_button: "Menu",
    nav_sites: "Tiers-lieux",
    sites_title: "Les tiers-lieux du réseau",
    sites_intro: "Choisissez un lieu près de chez vous. Les postes de travail y sont gratuits dans la limite de vos jours offerts.",
    search_label: "Chercher une commune ou un lieu",
    search_hint: "Par exemple : Florac, Mende…",
    loading: "Chargement des tiers-lieux…",
    load_error: "Impossible de charger les tiers-lieux pour le moment.",
    retry: "Réessayer",
    no_match: "Aucun tiers-lieu ne correspond à votre recherche.",
    opening_hours: "Horaires d'ouverture",
    #[cfg(feature = "account")]
    closed: "Fermé",
    resources: "Espaces à réserver",
    amenities: "Équipements",
    accessibility: "Accessibilité",
    hours_words: &shared::hours_words::FR,
    how_to_come: "Comment venir",
    see_on_map: "Voir sur une carte (OpenStreetMap)",
    see_on_map_of: " : {site}",
    #[cfg(feature = "office")]
    phone_label: "Téléphone",
    call_phone: "Appeler le {phone}",
    book_by_phone: "Vous ne réservez pas en ligne ? Appelez le tiers-lieu ou passez : l'accueil réserve pour vous.",
    book_in_person: "Vous ne réservez pas en ligne ? Passez aux heures d'ouverture : l'accueil réserve pour vous.",
    my_bookings_help: "Vos réservations à venir sont ici : ouvrez « Mon pass » pour entrer, ou annulez si vous ne venez pas.",
    #[cfg(feature = "office")]
    phone_hint: "Le numéro à appeler pour réserver sans internet, par exemple 04 66 12 34 56. Laissez vide s'il n'y en a pas.",
    #[cfg(feature = "account")]
    weekdays: [
        "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche",
    ],
    desk: ("poste de travail", "postes de travail"),
    meeting_room: ("salle de réunion", "salles de réunion"),
    phone_booth: ("cabine téléphonique", "cabines téléphoniques"),
    sites_count: ("tiers-lieu", "tiers-lieux"),
    not_found_title: "Page introuvable",
    not_found_text: "Cette page n'existe pas ou a été déplacée.",
    back_home: "Retour à l'accueil",
    footer: "Relais, réservation de postes dans les tiers-lieux ruraux",
    amenity_names: &[
        ("wifi", "Wi-Fi"),
        ("printer", "Imprimante"),
        ("kitchen", "Cuisine"),
        ("parking", "Parking"),
        ("screens", "Écrans"),
        ("step_free", "Accès de plain-pied"),
    ],

    nav_sign_in: "Se connecter",
    nav_profile: "Mon profil",
    nav_my_site: "Mon site",
    nav_admin: "Administration",
    sign_out: "Se déconnecter",
    checking_session: "Chargement…",
    must_sign_in: "Connectez-vous pour voir cette page.",
    go_to_sign_in: "Aller à la page de connexion",
    sign_in_title: "Se connecter",
    sign_in_intro: "Pas de mot de passe à retenir : nous vous envoyons un code par e-mail.",
    email_label: "Votre adresse e-mail",
    email_hint: "Par exemple : marie.dupont@exemple.fr",
    request_code: "Recevoir un code",
    sending: "Envoi en cours…",
    code_sent: "Nous avons envoyé un code à 6 chiffres à {address}. Il est valable {minutes} minutes.",
    code_mail_hint: "Le mail peut mettre une minute à arriver. S'il n'est pas là, regardez dans le dossier des indésirables (spam). Vous pouvez aussi cliquer sur le lien du mail.",
    code_label: "Code à 6 chiffres",
    code_hint: "Recopiez les 6 chiffres du mail.",
    verify_code: "Se connecter",
    checking: "Vérification…",
    resend_code: "Renvoyer le code",
    code_resent: "Un nouveau code a été envoyé à {address}.",
    change_address: "Changer d'adresse",
    already_signed_in: "Vous êtes connecté avec l'adresse {address}.",
    go_to_profile: "Voir mon profil",

    link_title: "Confirmez votre connexion",
    link_intro: "Appuyez sur le bouton pour vous connecter à Relais sur cet appareil.",
    link_button: "Me connecter",
    link_missing: "Ce lien est incomplet. Ouvrez le lien entier depuis le mail, ou demandez un code sur la page de connexion.",

    err_invalid_email: "Cette adresse e-mail n'est pas valable. Vérifiez-la, par exemple : marie.dupont@exemple.fr",
    err_missing_email: "Écrivez votre adresse e-mail.",
    err_invalid_code: "Ce code n'est pas le bon. Vérifiez le dernier mail reçu.",
    err_code_format: "Le code a 6 chiffres. Recopiez-le depuis le dernier mail reçu.",
    err_code_expired: "Ce code ou ce lien ne marche plus : il est trop ancien ou a déjà servi. Demandez un nouveau code.",
    err_too_many_attempts: "Trop d'essais avec un mauvais code. Demandez un nouveau code.",
    err_rate_limited: "Trop de demandes d'un coup. Attendez quelques minutes, puis réessayez.",
    err_unauthorized: "Vous n'êtes plus connecté. Connectez-vous à nouveau.",
    err_forbidden: "Vous n'avez pas le droit de faire cela.",
    err_commune_locked: "Seule l'administration du réseau peut changer la commune d'un tiers-lieu.",
    err_series_refused: "Aucune de ces dates n'a pu être réservée (place prise, fermeture ou quota). Essayez un autre créneau ou moins de semaines.",
    err_invalid_text: "Un des textes est trop long ou contient un caractère spécial. Raccourcissez-le (un nom : 80 à 120 caractères ; une adresse : 200 ; une note : 1 000).",
    err_not_found: "Cet élément n'existe plus. Rechargez la page.",
    err_bad_request: "Certaines informations ne sont pas valables. Vérifiez le formulaire.",
    err_email_taken: "Cette adresse e-mail est déjà celle d'un autre compte.",
    err_unknown_commune: "Cette commune n'est pas dans la liste. Choisissez-la dans la liste.",
    err_invalid_name: "Ce nom est trop long (100 caractères au plus) ou contient des caractères spéciaux.",
    err_missing_name: "Écrivez un nom.",
    err_missing_site: "Choisissez un tiers-lieu.",
    err_generic: "Cela n'a pas marché. Vérifiez votre connexion à Internet, puis réessayez dans un instant.",

    #[cfg(feature = "account")]
    commune_none: "Je n'habite pas en Lozère",
    #[cfg(feature = "account")]
    category_names: [
        "Télétravailleur",
        "Demandeur d'emploi",
        "Étudiant",
        "Entrepreneur",
    ],
    #[cfg(feature = "account")]
    save: "Enregistrer",
    #[cfg(feature = "account")]
    saving: "Enregistrement…",
    #[cfg(feature = "account")]
    saved: "Enregistré",
    #[cfg(feature = "account")]
    role_host: "Hôte de {name}",
    #[cfg(feature = "account")]
    role_commune_admin: "Administrateur de la commune {name}",
    #[cfg(feature = "account")]
    role_epci_admin: "Administrateur de la communauté de communes {name}",
    #[cfg(feature = "account")]
    role_network_admin: "Administrateur du réseau",

    nav_book: "Réserver",
    nav_my_bookings: "Mes réservations",
    book_title: "Réserver un poste",
    book_intro: "Choisissez un jour et un moment : voici les tiers-lieux où il reste de la place.",
    date_label: "Jour",
    part_legend: "À quel moment ?",
    part_names: ["Matin", "Après-midi", "Journée"],
    kind_label: "Je cherche",
    kind_names: [
        "Un poste de travail",
        "Une salle de réunion",
        "Une cabine téléphonique",
    ],
    near_label: "Près de (les plus proches en premier)",
    near_any: "N'importe quel tiers-lieu",
    near_hint: "Facultatif : tous les tiers-lieux restent affichés, les plus proches d'abord (distance à vol d'oiseau).",
    near_chosen: "le lieu choisi",
    searching: "Recherche des places libres…",
    free: ("libre", "libres"),
    distance: "à {km} km",
    distance_under_one: "à moins d'1 km",
    closed_that_day: "Fermé ce jour-là",
    closed_that_part: "Fermé à ce moment de la journée",
    full: "Complet à ce moment-là",
    book_button: "Réserver",
    book_at_named: "Réserver à {site}",
    wait_at_named: "Attendre une place à {site}",
    sign_in_to_book: "Pour réserver, connectez-vous d'abord : c'est gratuit et sans mot de passe.",
    confirm_title: "Vérifiez votre réservation",
    place_label: "Lieu",
    space_label: "Espace",
    date_word: "Date",
    hours_label: "Heures",
    confirm_booking: "Confirmer la réservation",
    cancel: "Annuler",
    booked: "Réservé : {what}.",
    see_my_bookings: "Voir mes réservations",
    upcoming_title: "À venir",
    history_title: "Passées et annulées",
    no_upcoming: "Vous n'avez aucune réservation à venir.",
    bookings_loading: "Chargement de vos réservations…",
    cancel_booking: "Annuler cette réservation",
    cancel_booking_named: "Annuler cette réservation, {when}",
    cancel_series_named: "Annuler toute la série, {when}",
    cancel_question: "Voulez-vous vraiment annuler cette réservation ?",
    cancel_yes: "Oui, annuler",
    cancel_no: "Non, la garder",
    booking_cancelled: "La réservation est annulée.",
    status_names: ["Confirmée", "Annulée", "Présent", "Absent", "Terminée"],
    day_names: [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ],
    month_names: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    err_slot_taken: "Quelqu'un vient de réserver cette place. La liste est à jour : choisissez une autre place ou un autre moment.",
    err_quota_exceeded: "Vous avez utilisé tous vos jours offerts pour cette période.",
    err_bad_slot: "Ce créneau n'est pas possible dans ce tiers-lieu. Choisissez-en un autre dans la liste.",
    err_site_closed: "Ce tiers-lieu est fermé ce jour-là.",
    err_in_the_past: "Ce moment est déjà passé. Choisissez un autre jour ou un autre moment.",
    err_too_far_ahead: "Ce jour est trop loin : on ne peut pas encore réserver à cette date.",
    err_too_long: "Cette réservation est trop longue.",
    err_invalid_date: "Cette date n'est pas valable. Choisissez un jour dans le calendrier.",
    err_too_late_to_cancel: "Il est trop tard pour annuler cette réservation. Prévenez l'hôte du tiers-lieu.",
    err_already_cancelled: "Cette réservation est déjà annulée.",
    err_invalid_address: "Écrivez l'adresse du lieu.",
    err_invalid_postcode: "Le code postal a 5 chiffres, par exemple 48000.",
    err_invalid_phone: "Un numéro de téléphone s'écrit avec des chiffres, des espaces et + . - ( ), en 30 caractères au plus.",
    err_invalid_coordinates: "La latitude va de -90 à 90 et la longitude de -180 à 180, par exemple 44.5181 et 3.5006.",
    err_invalid_time_zone: "Ce fuseau horaire n'est pas connu (par exemple Europe/Paris).",
    err_invalid_amenities: "Un des équipements n'est pas connu. Rechargez la page.",
    err_invalid_rules: "Règles non valables : la grille est de 15, 30 ou 60 minutes ; on réserve de 1 à 365 jours à l'avance ; la réservation la plus longue compte un nombre entier de créneaux, 24 heures au plus ; le délai d'annulation est d'une semaine au plus.",
    err_invalid_hours: "Horaires non valables : chaque jour ouvert ferme après son ouverture, la pause de midi tombe entre les deux, et chaque heure suit la grille (avec une grille de 30 minutes : 08:30 oui, 08:45 non).",
    err_invalid_capacity: "Un espace accueille de 1 à 100 personnes.",
    err_has_future_bookings: "Des réservations à venir y sont encore prévues. Annulez-les d'abord, ou attendez qu'elles soient passées, puis réessayez.",
    err_missing_commune: "Choisissez la commune du lieu dans la liste.",
    err_missing_reason: "Écrivez pourquoi le lieu est fermé (200 caractères au plus).",
    err_closure_order: "Le dernier jour vient avant le premier. Vérifiez les deux dates.",
    err_missing_file: "Choisissez un fichier .ics, ou donnez l'adresse du calendrier.",
    err_invalid_url: "Cette adresse n'est pas valable. Copiez l'adresse complète du calendrier, qui commence par https://.",
    err_calendar_unreachable: "Le calendrier n'a pas pu être lu à cette adresse. Vérifiez-la, ou téléchargez le fichier .ics et choisissez-le ci-dessus.",
    // Quota policies (administration)
    nav_quotas: "Quotas",
    nav_statistics: "Statistiques",
    err_invalid_amount: "Un des nombres n'est pas valable : le quota va de 1 à 10 000, le coût d'une absence de 0 à 100, le délai de remboursement de 0 à 30 jours.",
    err_unknown_epci: "Cet EPCI n'est pas dans la liste. Choisissez-le dans la liste.",
    err_unknown_site: "Un des tiers-lieux n'existe plus. Rechargez la page.",
    repeat_label: "Répéter",
    repeat_once: "Une seule fois",
    repeat_weeks: "Chaque semaine, pendant {n} semaines",
    series_booked: "{n} réservations faites, chaque semaine à la même heure.",
    series_refused_title: "Ces dates n'ont pas pu être réservées (les autres sont gardées) :",
    series_tag: "Chaque semaine",
    cancel_series: "Annuler toute la série",
    cancel_series_question: "Annuler toutes les dates à venir de cette série ?",
    series_cancelled: "Les dates à venir de la série sont annulées.",
    wait_button: "Attendre une place",
    waiting_done: "Vous êtes sur la liste d'attente : {what}. Si une place se libère, elle est réservée pour vous et vous recevez un courriel.",
    waitlist_title: "Listes d'attente",
    waitlist_leave: "Quitter la liste",
    waitlist_left: "Vous avez quitté la liste d'attente.",
    err_not_full: "Une place est libre : réservez-la directement.",
    err_eligibility_changed: "La personne a changé sa déclaration entre-temps : la liste est à jour, vérifiez à nouveau.",
    my_pass: "Mon pass",
    my_pass_named: "Mon pass, {when}",
    err_too_early: "C'est trop tôt : le pass ouvre un peu avant le début de la réservation.",
    err_booking_over: "Cette réservation est déjà terminée.",
    err_booking_not_active: "Cette réservation a été annulée ou libérée : elle n'ouvre plus la porte.",
    err_not_checked_in: "L'arrivée n'a pas été notée : il n'y a pas de départ à noter.",
    err_no_booking_now: "Vous n'avez pas de réservation ici maintenant.",
    #[cfg(feature = "account")]
    door: &door::FR,
    #[cfg(feature = "account")]
    account: &account::FR,
    #[cfg(feature = "office")]
    office: &office::FR,
};

pub const EN: Texts = Texts {
    app_name: "Relais",
    tagline: "Desks near home, in the third places of Lozère",
    skip_to_content: "Skip to content",
    switch_to_this_language: "English",
    nav_label: "Main menu",
    menu_button: "Menu",
    nav_sites: "Third places",
    sites_title: "The network's third places",
    sites_intro: "Pick a place near home. Desks there are free of charge within your free days.",
    search_label: "Search a commune or a place",
    search_hint: "For example: Florac, Mende…",
    loading: "Loading the third places…",
    load_error: "The third places cannot be loaded right now.",
    retry: "Try again",
    no_match: "No third place matches your search.",
    opening_hours: "Opening hours",
    #[cfg(feature = "account")]
    closed: "Closed",
    resources: "Spaces to book",
    amenities: "Amenities",
    accessibility: "Accessibility",
    hours_words: &shared::hours_words::EN,
    how_to_come: "How to get there",
    see_on_map: "See on a map (OpenStreetMap)",
    see_on_map_of: ": {site}",
    #[cfg(feature = "office")]
    phone_label: "Phone",
    call_phone: "Call {phone}",
    book_by_phone: "Not booking online? Call the third place or drop in: the front desk books for you.",
    book_in_person: "Not booking online? Drop in during opening hours: the front desk books for you.",
    my_bookings_help: "Your coming bookings are here: open \u{201c}My pass\u{201d} to get in, or cancel if you are not coming.",
    #[cfg(feature = "office")]
    phone_hint: "The number to call to book without the internet, for example 04 66 12 34 56. Leave it empty if there is none.",
    #[cfg(feature = "account")]
    weekdays: [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    desk: ("desk", "desks"),
    meeting_room: ("meeting room", "meeting rooms"),
    phone_booth: ("phone booth", "phone booths"),
    sites_count: ("third place", "third places"),
    not_found_title: "Page not found",
    not_found_text: "This page does not exist or has moved.",
    back_home: "Back to the home page",
    footer: "Relais, desk booking in rural third places",
    amenity_names: &[
        ("wifi", "Wi-Fi"),
        ("printer", "Printer"),
        ("kitchen", "Kitchen"),
        ("parking", "Parking"),
        ("screens", "Screens"),
        ("step_free", "Step-free access"),
    ],

    nav_sign_in: "Sign in",
    nav_profile: "My profile",
    nav_my_site: "My site",
    nav_admin: "Administration",
    sign_out: "Sign out",
    checking_session: "Loading…",
    must_sign_in: "Sign in to see this page.",
    go_to_sign_in: "Go to the sign-in page",
    sign_in_title: "Sign in",
    sign_in_intro: "No password to remember: we send you a code by e-mail.",
    email_label: "Your e-mail address",
    email_hint: "For example: mary.smith@example.com",
    request_code: "Get a code",
    sending: "Sending…",
    code_sent: "We have sent a 6-digit code to {address}. It is valid for {minutes} minutes.",
    code_mail_hint: "The mail may take a minute to arrive. If it is not there, look in your spam folder. You can also click the link in the mail.",
    code_label: "6-digit code",
    code_hint: "Copy the 6 digits from the mail.",
    verify_code: "Sign in",
    checking: "Checking…",
    resend_code: "Send the code again",
    code_resent: "A new code has been sent to {address}.",
    change_address: "Use another address",
    already_signed_in: "You are signed in as {address}.",
    go_to_profile: "See my profile",

    link_title: "Confirm your sign-in",
    link_intro: "Press the button to sign in to Relais on this device.",
    link_button: "Sign me in",
    link_missing: "This link is incomplete. Open the whole link from the mail, or ask for a code on the sign-in page.",

    err_invalid_email: "This e-mail address is not valid. Check it, for example: mary.smith@example.com",
    err_missing_email: "Write your e-mail address.",
    err_invalid_code: "This code is not the right one. Check the latest mail you received.",
    err_code_format: "The code has 6 digits. Copy it from the latest mail you received.",
    err_code_expired: "This code or link no longer works: it is too old or has already been used. Ask for a new code.",
    err_too_many_attempts: "Too many tries with a wrong code. Ask for a new code.",
    err_rate_limited: "Too many requests at once. Wait a few minutes, then try again.",
    err_unauthorized: "You are no longer signed in. Please sign in again.",
    err_forbidden: "You are not allowed to do this.",
    err_commune_locked: "Only the network's administration can move a third place to another commune.",
    err_series_refused: "None of these dates could be booked (taken, closed or beyond your quota). Try another time or fewer weeks.",
    err_invalid_text: "One of the texts is too long or holds a special character. Please shorten it (a name: 80 to 120 characters; an address: 200; a note: 1,000).",
    err_not_found: "This item no longer exists. Reload the page.",
    err_bad_request: "Some information is not valid. Check the form.",
    err_email_taken: "This e-mail address already belongs to another account.",
    err_unknown_commune: "This commune is not in the list. Choose it from the list.",
    err_invalid_name: "This name is too long (100 characters at most) or holds special characters.",
    err_missing_name: "Write a name.",
    err_missing_site: "Choose a third place.",
    err_generic: "That did not work. Check your Internet connection, then try again in a moment.",

    #[cfg(feature = "account")]
    commune_none: "Not in Lozère",
    #[cfg(feature = "account")]
    category_names: ["Teleworker", "Job seeker", "Student", "Entrepreneur"],
    #[cfg(feature = "account")]
    save: "Save",
    #[cfg(feature = "account")]
    saving: "Saving…",
    #[cfg(feature = "account")]
    saved: "Saved",
    #[cfg(feature = "account")]
    role_host: "Host of {name}",
    #[cfg(feature = "account")]
    role_commune_admin: "Administrator of the commune {name}",
    #[cfg(feature = "account")]
    role_epci_admin: "Administrator of the communauté de communes {name}",
    #[cfg(feature = "account")]
    role_network_admin: "Network administrator",

    nav_book: "Book",
    nav_my_bookings: "My bookings",
    book_title: "Book a desk",
    book_intro: "Choose a day and a time: here are the third places that still have room.",
    date_label: "Day",
    part_legend: "When?",
    part_names: ["Morning", "Afternoon", "Whole day"],
    kind_label: "I am looking for",
    kind_names: ["A desk", "A meeting room", "A phone booth"],
    near_label: "Near (nearest first)",
    near_any: "Any third place",
    near_hint: "Optional: every third place is still shown, the nearest first (as the crow flies).",
    near_chosen: "the place you chose",
    searching: "Looking for free places…",
    free: ("free", "free"),
    distance: "{km} km away",
    distance_under_one: "less than 1 km away",
    closed_that_day: "Closed that day",
    closed_that_part: "Closed at that time of day",
    full: "Fully booked at that time",
    book_button: "Book",
    book_at_named: "Book at {site}",
    wait_at_named: "Wait for a place at {site}",
    sign_in_to_book: "To book, sign in first: it is free and needs no password.",
    confirm_title: "Check your booking",
    place_label: "Place",
    space_label: "Space",
    date_word: "Date",
    hours_label: "Time",
    confirm_booking: "Confirm the booking",
    cancel: "Cancel",
    booked: "Booked: {what}.",
    see_my_bookings: "See my bookings",
    upcoming_title: "Coming up",
    history_title: "Past and cancelled",
    no_upcoming: "You have no booking coming up.",
    bookings_loading: "Loading your bookings…",
    cancel_booking: "Cancel this booking",
    cancel_booking_named: "Cancel this booking, {when}",
    cancel_series_named: "Cancel the whole series, {when}",
    cancel_question: "Do you really want to cancel this booking?",
    cancel_yes: "Yes, cancel it",
    cancel_no: "No, keep it",
    booking_cancelled: "The booking is cancelled.",
    status_names: [
        "Confirmed",
        "Cancelled",
        "Checked in",
        "Did not come",
        "Completed",
    ],
    day_names: [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    month_names: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    err_slot_taken: "Someone has just booked this place. The list is up to date: choose another place or another time.",
    err_quota_exceeded: "You have used all your free days for this period.",
    err_bad_slot: "This time is not possible at this third place. Choose another one from the list.",
    err_site_closed: "This third place is closed that day.",
    err_in_the_past: "This time has already passed. Choose another day or time.",
    err_too_far_ahead: "This day is too far ahead: bookings for it are not open yet.",
    err_too_long: "This booking is too long.",
    err_invalid_date: "This date is not valid. Choose a day in the calendar.",
    err_too_late_to_cancel: "It is too late to cancel this booking. Let the host of the third place know.",
    err_already_cancelled: "This booking is already cancelled.",
    err_invalid_address: "Write the address of the place.",
    err_invalid_postcode: "A postcode has 5 digits, for example 48000.",
    err_invalid_phone: "A phone number is written with digits, spaces and + . - ( ), in 30 characters at most.",
    err_invalid_coordinates: "Latitude goes from -90 to 90 and longitude from -180 to 180, for example 44.5181 and 3.5006.",
    err_invalid_time_zone: "This time zone is not known (for example Europe/Paris).",
    err_invalid_amenities: "One of the amenities is not known. Reload the page.",
    err_invalid_rules: "Rules not valid: the grid is 15, 30 or 60 minutes; bookings open 1 to 365 days ahead; the longest booking is a whole number of slots, 24 hours at most; the cancellation deadline is a week at most.",
    err_invalid_hours: "Hours not valid: each open day closes after it opens, the lunch break falls in between, and every time follows the grid (with a 30-minute grid: 08:30 yes, 08:45 no).",
    err_invalid_capacity: "A space seats 1 to 100 people.",
    err_has_future_bookings: "Bookings to come are still planned there. Cancel them first, or wait until they are over, then try again.",
    err_missing_commune: "Choose the commune of the place from the list.",
    err_missing_reason: "Say why the place is closed (200 characters at most).",
    err_closure_order: "The last day comes before the first. Check both dates.",
    err_missing_file: "Choose an .ics file, or give the calendar's address.",
    err_invalid_url: "This address is not valid. Copy the calendar's full address, starting with https://.",
    err_calendar_unreachable: "The calendar could not be read at this address. Check it, or download the .ics file and choose it above.",
    // Quota policies (administration)
    nav_quotas: "Quotas",
    nav_statistics: "Statistics",
    err_invalid_amount: "One of the numbers is not valid: the quota goes from 1 to 10,000, a no-show's cost from 0 to 100, the refund deadline from 0 to 30 days.",
    err_unknown_epci: "This EPCI is not in the list. Choose it from the list.",
    err_unknown_site: "One of the third places no longer exists. Reload the page.",
    repeat_label: "Repeat",
    repeat_once: "Just once",
    repeat_weeks: "Every week, for {n} weeks",
    series_booked: "{n} bookings made, every week at the same time.",
    series_refused_title: "These dates could not be booked (the others are kept):",
    series_tag: "Every week",
    cancel_series: "Cancel the whole series",
    cancel_series_question: "Cancel every date still to come in this series?",
    series_cancelled: "The dates still to come in the series are cancelled.",
    wait_button: "Wait for a place",
    waiting_done: "You are on the waiting list: {what}. If a place frees up, it is booked for you and you get an e-mail.",
    waitlist_title: "Waiting lists",
    waitlist_leave: "Leave the list",
    waitlist_left: "You left the waiting list.",
    err_not_full: "A place is free: book it directly.",
    err_eligibility_changed: "The person changed what they declared in the meantime: the list is up to date, check again.",
    my_pass: "My pass",
    my_pass_named: "My pass, {when}",
    err_too_early: "It is too early: the pass opens a little before the booking starts.",
    err_booking_over: "This booking is already over.",
    err_booking_not_active: "This booking was cancelled or released: it no longer opens the door.",
    err_not_checked_in: "The arrival was not noted: there is no departure to note.",
    err_no_booking_now: "You have no booking here now.",
    #[cfg(feature = "account")]
    door: &door::EN,
    #[cfg(feature = "account")]
    account: &account::EN,
    #[cfg(feature = "office")]
    office: &office::EN,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sign_in_error_has_its_own_sentence() {
        for texts in [&FR, &EN] {
            let codes = [
                "invalid_email",
                "invalid_code",
                "code_expired",
                "too_many_attempts",
                "rate_limited",
            ];
            for code in codes {
                assert_ne!(texts.error_message(code), texts.err_generic, "{code}");
            }
            assert_eq!(texts.error_message("unavailable"), texts.err_generic);
            assert_eq!(texts.error_message("no_such_code"), texts.err_generic);
        }
        assert_eq!(
            FR.error_message("invalid_code"),
            "Ce code n'est pas le bon. Vérifiez le dernier mail reçu."
        );
    }

    #[test]
    fn dates_in_words() {
        let day = crate::local_time::parse_date("2026-11-30").unwrap();
        assert_eq!(FR.date_words(day), "lundi 30 novembre 2026");
        assert_eq!(EN.date_words(day), "Monday 30 November 2026");
        assert_eq!(FR.error_message("slot_taken"), FR.err_slot_taken);
    }

    #[test]
    fn every_site_setting_error_and_amenity_is_translated() {
        let site_codes = [
            codes::INVALID_ADDRESS,
            codes::INVALID_POSTCODE,
            codes::INVALID_COORDINATES,
            codes::INVALID_TIME_ZONE,
            codes::INVALID_AMENITIES,
            codes::INVALID_RULES,
            codes::INVALID_HOURS,
            codes::INVALID_CAPACITY,
            codes::HAS_FUTURE_BOOKINGS,
            codes::UNKNOWN_COMMUNE,
            MISSING_COMMUNE,
            MISSING_REASON,
            CLOSURE_ORDER,
            MISSING_FILE,
            codes::INVALID_URL,
            codes::CALENDAR_UNREACHABLE,
        ];
        for texts in [&FR, &EN] {
            for code in site_codes {
                assert_ne!(texts.error_message(code), texts.err_generic, "{code}");
            }
            for amenity in shared::site_checks::AMENITIES {
                assert_ne!(texts.amenity(amenity), amenity, "{amenity}");
            }
        }
    }

    #[test]
    fn every_door_error_has_its_own_sentence() {
        let door_codes = [
            codes::TOO_EARLY,
            codes::BOOKING_OVER,
            codes::BOOKING_NOT_ACTIVE,
            codes::NOT_CHECKED_IN,
            codes::NO_BOOKING_NOW,
        ];
        for texts in [&FR, &EN] {
            for code in door_codes {
                assert_ne!(texts.error_message(code), texts.err_generic, "{code}");
            }
            #[cfg(feature = "office")]
            for code in [DOOR_RULES, MISSING_PERSON] {
                assert_ne!(texts.error_message(code), texts.err_generic, "{code}");
            }
        }
        assert_eq!(
            FR.error_message(codes::NO_BOOKING_NOW),
            "Vous n'avez pas de réservation ici maintenant."
        );
    }

    #[test]
    fn categories_follow_the_order_of_category_all() {
        assert_eq!(FR.category(Category::JobSeeker), "Demandeur d'emploi");
        assert_eq!(EN.category(Category::Teleworker), "Teleworker");
    }
}
