//! A private calendar feed's address, with "copy" and "make a new link":
//! the person's own calendar page and each hosted site show it, each in its
//! own words (a host subscribes to the site's bookings, not to their own).

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::ErrorDetail;
use shared::api::CalendarLink;
use wasm_bindgen_futures::JsFuture;

use crate::api;
use crate::components::forms::ErrorAlert;
use crate::i18n::{Lang, use_lang};

/// The calendar page's words and its feed link's.
pub struct CalendarTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub url_label: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub rotate: &'static str,
    pub rotate_hint: &'static str,
    pub rotated: &'static str,
    pub loading: &'static str,
    /// Subscribing in one tap: the `webcal://` link the phone's or
    /// computer's calendar app opens, and Google Calendar's "add by URL".
    pub subscribe: &'static str,
    pub subscribe_google: &'static str,
    pub one_tap_hint: &'static str,
    pub how_title: &'static str,
    pub how: [(&'static str, &'static str); 5],
    pub private_note: &'static str,
}

const FR: CalendarTexts = CalendarTexts {
    title: "Ajouter à mon agenda",
    intro: "Abonnez votre agenda à ce lien : vos réservations y apparaissent d'elles-mêmes et changent quand elles changent. Une réservation annulée y reste, marquée « annulée » : la plupart des agendas la cachent, certains la montrent barrée.",
    url_label: "Lien privé de votre agenda",
    copy: "Copier le lien",
    copied: "Lien copié.",
    copy_failed: "La copie n'a pas marché : sélectionnez le lien et copiez-le.",
    rotate: "Faire un nouveau lien",
    rotate_hint: "Si vous avez donné ce lien par erreur : l'ancien cesse de marcher aussitôt, il faudra coller le nouveau dans votre agenda.",
    rotated: "Nouveau lien prêt. L'ancien ne marche plus.",
    loading: "Chargement du lien…",
    subscribe: "S'abonner dans mon agenda",
    subscribe_google: "S'abonner dans Google Agenda",
    one_tap_hint: "Le premier bouton ouvre l'agenda de votre téléphone ou de votre ordinateur (Apple Calendrier, Outlook, Thunderbird). Sinon, copiez le lien et suivez les étapes ci-dessous.",
    how_title: "Comment s'abonner",
    how: [
        (
            "Google Agenda",
            "Sur un ordinateur : « Autres agendas », « + », « À partir de l'URL », collez le lien.",
        ),
        (
            "Apple Calendrier (Mac, iPhone)",
            "Mac : « Fichier », « Nouvel abonnement à un calendrier ». iPhone : Réglages, Calendrier, Comptes, « Ajouter un compte », « Autre », « Ajouter un calendrier avec abonnement ».",
        ),
        (
            "Outlook",
            "« Ajouter un calendrier », « S'abonner à partir du web », collez le lien.",
        ),
        (
            "Thunderbird",
            "« Nouvel agenda », « Sur le réseau », collez le lien.",
        ),
        (
            "Téléphone Android",
            "Abonnez-vous depuis Google Agenda sur un ordinateur : le téléphone suit.",
        ),
    ],
    private_note: "Ce lien suffit pour lire vos réservations : ne le publiez pas.",
};

const EN: CalendarTexts = CalendarTexts {
    title: "Add to my calendar",
    intro: "Subscribe your calendar to this link: your bookings appear by themselves and change when they change. A cancelled booking stays in it, marked \u{201c}cancelled\u{201d}: most calendar apps hide it, some show it crossed out.",
    url_label: "Private link of your calendar",
    copy: "Copy the link",
    copied: "Link copied.",
    copy_failed: "Copying did not work: select the link and copy it.",
    rotate: "Make a new link",
    rotate_hint: "If you shared this link by mistake: the old one stops working at once, and you paste the new one into your calendar.",
    rotated: "New link ready. The old one no longer works.",
    loading: "Loading the link…",
    subscribe: "Subscribe in my calendar",
    subscribe_google: "Subscribe in Google Calendar",
    one_tap_hint: "The first button opens your phone's or computer's calendar app (Apple Calendar, Outlook, Thunderbird). Otherwise, copy the link and follow the steps below.",
    how_title: "How to subscribe",
    how: [
        (
            "Google Calendar",
            "On a computer: \u{201c}Other calendars\u{201d}, \u{201c}+\u{201d}, \u{201c}From URL\u{201d}, paste the link.",
        ),
        (
            "Apple Calendar (Mac, iPhone)",
            "Mac: \u{201c}File\u{201d}, \u{201c}New Calendar Subscription\u{201d}. iPhone: Settings, Calendar, Accounts, \u{201c}Add Account\u{201d}, \u{201c}Other\u{201d}, \u{201c}Add Subscribed Calendar\u{201d}.",
        ),
        (
            "Outlook",
            "\u{201c}Add calendar\u{201d}, \u{201c}Subscribe from web\u{201d}, paste the link.",
        ),
        (
            "Thunderbird",
            "\u{201c}New Calendar\u{201d}, \u{201c}On the Network\u{201d}, paste the link.",
        ),
        (
            "Android phone",
            "Subscribe in Google Calendar on a computer: the phone follows.",
        ),
    ],
    private_note: "This link is enough to read your bookings: do not publish it.",
};

pub fn texts(lang: Lang) -> &'static CalendarTexts {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// A site's feed: every booking of the site, with the people's names.
#[cfg(feature = "office")]
const SITE_FR: CalendarTexts = CalendarTexts {
    title: "L'agenda du lieu",
    intro: "Abonnez un agenda à ce lien : toutes les réservations du lieu y apparaissent d'elles-mêmes, avec le nom des personnes, et changent quand elles changent.",
    url_label: "Lien privé de l'agenda des réservations du lieu",
    rotate_hint: "Si ce lien a été donné par erreur : l'ancien cesse de marcher aussitôt, il faudra coller le nouveau dans chaque agenda abonné.",
    subscribe: "S'abonner à l'agenda du lieu",
    private_note: "Ce lien suffit pour lire les réservations du lieu et le nom des personnes : ne le publiez pas.",
    ..FR
};

#[cfg(feature = "office")]
const SITE_EN: CalendarTexts = CalendarTexts {
    title: "The site's calendar",
    intro: "Subscribe a calendar to this link: every booking of the site appears in it by itself, with the people's names, and changes when it changes.",
    url_label: "Private link of the site's bookings calendar",
    rotate_hint: "If this link was shared by mistake: the old one stops working at once, and you paste the new one into every calendar that follows it.",
    subscribe: "Subscribe to the site's calendar",
    private_note: "This link is enough to read the site's bookings and the people's names: do not publish it.",
    ..EN
};

/// The words of a site's feed, for its hosts.
#[cfg(feature = "office")]
pub fn site_texts(lang: Lang) -> &'static CalendarTexts {
    match lang {
        Lang::Fr => &SITE_FR,
        Lang::En => &SITE_EN,
    }
}

/// A feed's URL with "copy" and "make a new link"; `get` and `rotate` are the
/// API paths; `words` are the person's own calendar's unless told.
#[component]
pub fn FeedLink(
    get: String,
    rotate: String,
    id: String,
    #[prop(optional)] words: Option<fn(Lang) -> &'static CalendarTexts>,
) -> impl IntoView {
    let lang = use_lang();
    let words = words.unwrap_or(texts);
    let t = move || words(lang.get());
    let link = RwSignal::new(None::<CalendarLink>);
    let failure = RwSignal::new(None::<ErrorDetail>);
    let status = RwSignal::new(None::<&'static str>);
    spawn_local(async move {
        match api::get_json::<CalendarLink>(&get).await {
            Ok(found) => link.set(Some(found)),
            Err(e) => failure.set(Some(e)),
        }
    });
    let copy = move |_| {
        let Some(url) = link.with_untracked(|l| l.as_ref().map(|l| l.url.clone())) else {
            return;
        };
        spawn_local(async move {
            let done = match web_sys::window() {
                Some(window) => JsFuture::from(window.navigator().clipboard().write_text(&url))
                    .await
                    .is_ok(),
                None => false,
            };
            status.set(Some(if done { t().copied } else { t().copy_failed }));
        });
    };
    let renew = move |_| {
        let rotate = rotate.clone();
        spawn_local(async move {
            match api::post_empty::<CalendarLink>(&rotate).await {
                Ok(new) => {
                    link.set(Some(new));
                    failure.set(None);
                    status.set(Some(t().rotated));
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let error_id = format!("{id}-error");
    let status_id = format!("{id}-status");
    view! {
        <ErrorAlert id=error_id error=failure.read_only()/>
        {move || { let id = id.clone(); match link.get() {
            None => view! { <p class="notice">{t().loading}</p> }.into_any(),
            Some(found) => view! {
                <div class="feed-link">
                    <label for=id.clone()>{t().url_label}</label>
                    <input id=id.clone() type="text" readonly value=found.url.clone() on:focus=|ev| {
                        use wasm_bindgen::JsCast;
                        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                            input.select();
                        }
                    }/>
                    <p class="hint">{t().private_note}</p>
                    <div class="form-actions">
                        <a id=format!("{id}-webcal") class="button" href=webcal(&found.url)>{t().subscribe}</a>
                        <a id=format!("{id}-google") class="button button-secondary" href=google(&found.url)>{t().subscribe_google}</a>
                    </div>
                    <p class="hint">{t().one_tap_hint}</p>
                    <div class="form-actions">
                        <button id=format!("{id}-copy") type="button" on:click=copy>{t().copy}</button>
                        <button id=format!("{id}-rotate") type="button" class="button-secondary" on:click=renew.clone()
                            aria-describedby=format!("{id}-rotate-hint")>{t().rotate}</button>
                    </div>
                    <p id=format!("{id}-rotate-hint") class="hint">{t().rotate_hint}</p>
                </div>
            }
            .into_any(),
        }}}
        <p id=status_id role="status" class="status">{move || status.get()}</p>
    }
}

/// The feed's address for calendar apps: `webcal://` opens the app that
/// subscribes (the same address otherwise).
pub fn webcal(url: &str) -> String {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    format!("webcal://{rest}")
}

/// Google Calendar's page that adds a calendar by its address.
pub fn google(url: &str) -> String {
    let mut encoded = String::new();
    for byte in webcal(url).bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("https://calendar.google.com/calendar/render?cid={encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_opens_in_calendar_apps_and_google() {
        let url = "https://relais.example/api/v1/feeds/ab12.ics";
        assert_eq!(webcal(url), "webcal://relais.example/api/v1/feeds/ab12.ics");
        assert_eq!(
            webcal("http://127.0.0.1:8080/f.ics"),
            "webcal://127.0.0.1:8080/f.ics"
        );
        assert_eq!(
            google(url),
            "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Frelais.example%2Fapi%2Fv1%2Ffeeds%2Fab12.ics"
        );
    }
}
