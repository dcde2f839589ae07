//! French first, English second. Every sentence the app shows lives here, in
//! one struct per language, so a missing translation is a compile error.

use leptos::prelude::*;

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
    pub closed: &'static str,
    pub resources: &'static str,
    pub amenities: &'static str,
    pub accessibility: &'static str,
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
}

impl Texts {
    /// "1 poste", "8 postes": the count with the right form of the noun.
    pub fn count(&self, forms: (&'static str, &'static str), n: usize) -> String {
        let noun = if n < 2 { forms.0 } else { forms.1 };
        format!("{n} {noun}")
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
    closed: "Fermé",
    resources: "Espaces à réserver",
    amenities: "Équipements",
    accessibility: "Accessibilité",
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
    ],
};

pub const EN: Texts = Texts {
    app_name: "Relais",
    tagline: "Desks near home, in the third places of Lozère",
    skip_to_content: "Skip to content",
    switch_to_this_language: "English",
    nav_label: "Main menu",
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
    closed: "Closed",
    resources: "Spaces to book",
    amenities: "Amenities",
    accessibility: "Accessibility",
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
    ],
};
