//! The language a request is answered in (issue 17: one language per
//! conversation). The `Accept-Language` header when it names French or
//! English (the browser app sends its own), else the signed-in person's
//! profile, else English for an outside client that asked nothing. It is
//! set for the time of one request (a task-local value), so an error built
//! anywhere below speaks it without being handed the request.

use std::future::Future;

use axum::http::{HeaderMap, header};
use shared::api::Language;
use shared::error::codes;

tokio::task_local! {
    static SPOKEN: Language;
}

/// Runs `work` with `language` as the request's language (when known).
pub async fn speaking<F: Future>(language: Option<Language>, work: F) -> F::Output {
    match language {
        Some(language) => SPOKEN.scope(language, work).await,
        None => work.await,
    }
}

/// The request's language, if one was set.
pub fn spoken() -> Option<Language> {
    SPOKEN.try_with(|language| *language).ok()
}

/// The first of French or English in an `Accept-Language` header, by its
/// weights (`en-GB,fr;q=0.8` is English); `None` when it names neither.
pub fn from_headers(headers: &HeaderMap) -> Option<Language> {
    let value = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    let mut best: Option<(f32, Language)> = None;
    for part in value.split(',') {
        let mut pieces = part.trim().split(';');
        let tag = pieces
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let weight = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        let language = match tag.split('-').next().unwrap_or_default() {
            "fr" => Language::Fr,
            "en" => Language::En,
            _ => continue,
        };
        if weight > 0.0 && best.is_none_or(|(w, _)| weight > w) {
            best = Some((weight, language));
        }
    }
    best.map(|(_, language)| language)
}

/// The French sentence for an error code; `None` keeps the English one
/// (which may say more: the date or the field at fault).
pub fn french(code: &str) -> Option<&'static str> {
    Some(match code {
        codes::NOT_FOUND => {
            "Introuvable : cet élément n'existe pas ou n'est pas visible pour vous."
        }
        codes::BAD_REQUEST => "La demande est incomplète ou mal formée.",
        codes::INVALID_JSON => "Le contenu envoyé n'est pas un JSON valide pour cette adresse.",
        codes::METHOD_NOT_ALLOWED => "Cette adresse n'accepte pas cette méthode.",
        codes::PAYLOAD_TOO_LARGE => "Le contenu envoyé est trop volumineux pour cette adresse.",
        codes::URI_TOO_LONG => "L'adresse de la demande est trop longue.",
        codes::INTERNAL => "Un problème est survenu de notre côté. Réessayez dans un instant.",
        codes::UNAVAILABLE => "Le service est occupé. Réessayez dans un instant.",
        codes::SLOT_TAKEN => {
            "Quelqu'un vient de réserver cette place. Choisissez une autre place ou un autre moment."
        }
        codes::QUOTA_EXCEEDED => "Cette réservation dépasse vos jours gratuits pour la période.",
        codes::UNAUTHORIZED => "Connectez-vous d'abord.",
        codes::INVALID_TOKEN => {
            "Cette session n'est plus valable (expirée ou révoquée). Connectez-vous à nouveau."
        }
        codes::FORBIDDEN => "Vous n'avez pas le droit de faire cela.",
        codes::COMMUNE_LOCKED => {
            "Votre commune a été confirmée par l'accueil : demandez-lui de la changer."
        }
        codes::CROSS_SITE => "Cette demande venait d'un autre site et a été refusée.",
        codes::RATE_LIMITED => "Trop de tentatives. Patientez quelques minutes et réessayez.",
        codes::INVALID_EMAIL => "Cette adresse e-mail n'est pas valide.",
        codes::INVALID_CODE => "Ce code n'est pas le bon. Vérifiez le dernier mail reçu.",
        codes::CODE_EXPIRED => "Ce code a expiré. Demandez-en un nouveau.",
        codes::TOO_MANY_ATTEMPTS => "Trop d'essais pour ce code. Demandez-en un nouveau.",
        codes::EMAIL_TAKEN => "Cette adresse e-mail est déjà celle d'un autre compte.",
        codes::EMAIL_LOCKED => "Cette personne a sa propre adresse : elle seule peut la changer.",
        codes::UNKNOWN_COMMUNE => "Cette commune est inconnue.",
        codes::INVALID_NAME => "Le nom est vide ou trop long.",
        codes::INVALID_TEXT => "Un texte est trop long ou contient des caractères interdits.",
        codes::INVALID_DATE => "Cette date ou cette heure n'est pas valide.",
        codes::INVALID_INTERVAL => "La fin doit venir après le début.",
        codes::OUTSIDE_OPENING_HOURS => "Le lieu n'est pas ouvert à ces heures.",
        codes::OFF_GRID => {
            "Les réservations commencent et finissent sur la grille horaire du lieu."
        }
        codes::SITE_CLOSED => "Le lieu est fermé ce jour-là.",
        codes::IN_THE_PAST => "Ce moment est déjà passé.",
        codes::TOO_FAR_AHEAD => "C'est trop loin à l'avance pour ce lieu.",
        codes::TOO_LONG => "C'est plus long que ce que le lieu permet en une réservation.",
        codes::RESOURCE_RETIRED => "Cette place ne peut plus être réservée.",
        codes::TOO_LATE_TO_CANCEL => {
            "Il est trop tard pour annuler en ligne : prévenez l'accueil du lieu."
        }
        codes::ALREADY_CANCELLED => "Cette réservation est déjà annulée.",
        codes::INVALID_WEEKS => "Une série dure de 1 à 26 semaines.",
        codes::SERIES_REFUSED => "Aucune de ces dates n'a pu être réservée.",
        codes::INVALID_CALENDAR => "Ce fichier n'est pas un calendrier iCalendar lisible.",
        codes::TOO_MANY_EVENTS => "Ce calendrier a trop d'événements.",
        codes::ALREADY_WAITING => "Vous attendez déjà une place pour ce moment.",
        codes::TOO_MANY_WAITING => "Vous attendez déjà assez de places.",
        codes::NOT_FULL => "Il reste des places libres : réservez-en une directement.",
        codes::INVALID_ADDRESS => "L'adresse est vide ou trop longue.",
        codes::INVALID_POSTCODE => "Le code postal doit avoir 5 chiffres.",
        codes::INVALID_PHONE => "Ce numéro de téléphone n'est pas valide.",
        codes::INVALID_COORDINATES => "Les coordonnées du lieu ne sont pas valides.",
        codes::INVALID_TIME_ZONE => "Ce fuseau horaire est inconnu.",
        codes::INVALID_AMENITIES => "Un des équipements est inconnu.",
        codes::INVALID_RULES => "Les règles de réservation ne sont pas valides.",
        codes::INVALID_HOURS => "Les horaires d'ouverture ne sont pas valides.",
        codes::INVALID_CAPACITY => "La capacité n'est pas valide.",
        codes::HAS_FUTURE_BOOKINGS => "Des réservations à venir existent : annulez-les d'abord.",
        codes::INVALID_AMOUNT => "Ce nombre n'est pas valide.",
        codes::UNKNOWN_EPCI => "Cette intercommunalité est inconnue.",
        codes::UNKNOWN_SITE => "Ce lieu est inconnu.",
        codes::INVALID_CHANGE => "Ce changement n'est pas possible.",
        codes::TOO_EARLY => {
            "C'est trop tôt : le pass s'ouvre peu avant le début de la réservation."
        }
        codes::INVALID_URL => "Cette adresse web n'est pas valide.",
        codes::CALENDAR_UNREACHABLE => "Le calendrier n'a pas pu être lu à cette adresse.",
        codes::ELIGIBILITY_CHANGED => "La déclaration a changé entre-temps : relisez-la.",
        codes::BOOKING_NOT_ACTIVE => "Cette réservation est annulée ou libérée.",
        codes::BOOKING_OVER => "Cette réservation est terminée.",
        codes::NOT_CHECKED_IN => "L'arrivée n'a pas été signalée.",
        codes::NO_BOOKING_NOW => "Vous n'avez pas de réservation ici en ce moment.",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn header(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_str(value).unwrap(),
        );
        headers
    }

    #[test]
    fn the_header_chooses_by_weight_among_french_and_english() {
        assert_eq!(from_headers(&header("fr-FR,fr;q=0.9")), Some(Language::Fr));
        assert_eq!(from_headers(&header("en-GB,fr;q=0.8")), Some(Language::En));
        assert_eq!(
            from_headers(&header("de-DE,en;q=0.5,fr;q=0.7")),
            Some(Language::Fr)
        );
        assert_eq!(from_headers(&header("de-DE")), None);
        assert_eq!(from_headers(&header("fr;q=0")), None);
        assert_eq!(from_headers(&HeaderMap::new()), None);
    }

    #[test]
    fn every_error_code_has_a_french_sentence() {
        for code in [
            codes::SLOT_TAKEN,
            codes::QUOTA_EXCEEDED,
            codes::INVALID_CODE,
            codes::UNAUTHORIZED,
            codes::NO_BOOKING_NOW,
        ] {
            assert!(french(code).is_some(), "{code}");
        }
        assert_eq!(french("not_a_code"), None);
    }

    #[tokio::test]
    async fn the_language_lasts_for_the_request_only() {
        assert_eq!(spoken(), None);
        let inside = speaking(Some(Language::Fr), async { spoken() }).await;
        assert_eq!(inside, Some(Language::Fr));
        assert_eq!(spoken(), None);
        let nested = speaking(Some(Language::En), async {
            speaking(Some(Language::Fr), async { spoken() }).await
        })
        .await;
        assert_eq!(nested, Some(Language::Fr));
    }
}
