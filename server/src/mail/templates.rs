//! The words of each mail, in the person's language. Plain text first (many
//! people read mail on simple phones), with an HTML twin.

use shared::api::Language;

use super::OutgoingMail;
use crate::domain::markup::escape;

/// The sign-in mail: a 6-digit code in the body (not in the subject, which
/// a locked phone shows to anyone nearby), and a link.
pub fn sign_in(to: &str, language: Language, code: &str, link: &str, minutes: i64) -> OutgoingMail {
    let (subject, hello, intro, or_link, validity, not_you, signature) = match language {
        Language::Fr => (
            "Votre code de connexion à Relais".to_owned(),
            "Bonjour,",
            "Voici votre code pour vous connecter à Relais :",
            "Tapez-le dans la page ouverte, ou ouvrez ce lien sur l'appareil où vous réservez :",
            format!(
                "Le code et le lien sont valables {minutes} minutes et ne servent qu'une fois."
            ),
            "Si vous n'avez rien demandé, ignorez ce message : personne ne peut se connecter sans ce code.",
            "Relais, les tiers-lieux du réseau",
        ),
        Language::En => (
            "Your code to sign in to Relais".to_owned(),
            "Hello,",
            "Here is your code to sign in to Relais:",
            "Type it in the open page, or open this link on the device you book with:",
            format!("The code and the link are valid for {minutes} minutes and work once."),
            "If you did not ask for it, ignore this message: nobody can sign in without this code.",
            "Relais, the network's third places",
        ),
    };
    let text = format!(
        "{hello}\n\n{intro}\n\n    {code}\n\n{or_link}\n{link}\n\n{validity}\n{not_you}\n\n{signature}\n"
    );
    let html = format!(
        "<!doctype html><html lang=\"{lang}\"><body style=\"font-family:sans-serif;font-size:17px;line-height:1.5\">\
         <p>{hello}</p><p>{intro}</p>\
         <p style=\"font-size:32px;font-weight:bold;letter-spacing:6px\">{code}</p>\
         <p>{or_link}<br><a href=\"{link}\">{link}</a></p>\
         <p>{validity}<br>{not_you}</p><p>{signature}</p></body></html>",
        lang = language.code(),
        link = escape(link),
    );
    OutgoingMail {
        to: to.to_owned(),
        subject,
        text,
        html,
        attachments: Vec::new(),
        secret: true,
    }
}

/// A place freed up and was booked for a person on the waitlist.
pub fn place_freed(
    to: &str,
    language: Language,
    site: &str,
    resource: &str,
    when: &str,
    link: &str,
) -> OutgoingMail {
    let (subject, body) = match language {
        Language::Fr => (
            format!("Une place s'est libérée : {site}"),
            format!(
                "Bonjour,\n\nUne place s'est libérée et elle est réservée pour vous :\n\n    {site}, {resource}\n    {when}\n\n\
                 Si vous n'en avez plus besoin, annulez-la ici pour la laisser à quelqu'un d'autre :\n{link}\n\nRelais\n"
            ),
        ),
        Language::En => (
            format!("A place freed up: {site}"),
            format!(
                "Hello,\n\nA place freed up and is now booked for you:\n\n    {site}, {resource}\n    {when}\n\n\
                 If you no longer need it, cancel it here so someone else can have it:\n{link}\n\nRelais\n"
            ),
        ),
    };
    let html = format!(
        "<!doctype html><html lang=\"{}\"><body style=\"font-family:sans-serif;font-size:17px;line-height:1.5\"><pre style=\"font-family:inherit;white-space:pre-wrap\">{}</pre></body></html>",
        language.code(),
        escape(&body)
    );
    OutgoingMail {
        to: to.to_owned(),
        subject,
        text: body,
        html,
        attachments: Vec::new(),
        secret: false,
    }
}

/// A host gave this address to a person they created at the desk: the mail
/// asks its owner to confirm it by signing in (the code and link of a
/// sign-in). The subject holds no code.
pub fn address_to_confirm(
    to: &str,
    language: Language,
    site: &str,
    name: &str,
    code: &str,
    link: &str,
    minutes: i64,
) -> OutgoingMail {
    let body = match language {
        Language::Fr => format!(
            "Bonjour,\n\nL'accueil de {site} a enregistré cette adresse pour {name}, afin que vous puissiez réserver vous-même sur Relais.\n\n\
             Pour la confirmer, connectez-vous avec ce code :\n\n    {code}\n\nou ouvrez ce lien :\n{link}\n\n\
             Le code et le lien sont valables {minutes} minutes ; l'accueil peut vous en renvoyer un.\n\
             Si ce n'est pas vous, ignorez ce message : l'adresse ne sera pas utilisée.\n\nRelais\n"
        ),
        Language::En => format!(
            "Hello,\n\nThe desk of {site} registered this address for {name}, so that you can book on Relais yourself.\n\n\
             To confirm it, sign in with this code:\n\n    {code}\n\nor open this link:\n{link}\n\n\
             The code and the link are valid for {minutes} minutes; the desk can send you another.\n\
             If this is not you, ignore this message: the address will not be used.\n\nRelais\n"
        ),
    };
    let subject = match language {
        Language::Fr => format!("Confirmez votre adresse pour {site}"),
        Language::En => format!("Confirm your address for {site}"),
    };
    let mut mail = booking_mail(to, language, subject, body, None);
    mail.secret = true;
    mail
}

/// Someone at a site's desk typed an address that already has an account:
/// nothing changes, and its owner is told.
pub fn address_in_use(to: &str, language: Language, site: &str) -> OutgoingMail {
    let (subject, body) = match language {
        Language::Fr => (
            "Votre adresse a été proposée pour un autre compte".to_owned(),
            format!(
                "Bonjour,\n\nL'accueil de {site} a saisi votre adresse pour une autre personne. Votre compte n'a pas changé et cette adresse reste la vôtre.\n\n\
                 Si vous étiez à l'accueil, dites-le simplement à l'hôte : vous avez déjà un compte.\n\nRelais\n"
            ),
        ),
        Language::En => (
            "Your address was given for another account".to_owned(),
            format!(
                "Hello,\n\nThe desk of {site} typed your address for someone else. Your account has not changed and this address stays yours.\n\n\
                 If you were at the desk, just tell the host: you already have an account.\n\nRelais\n"
            ),
        ),
    };
    booking_mail(to, language, subject, body, None)
}

/// What a booking mail says about the booking.
pub struct BookingFacts<'a> {
    pub site: &'a str,
    pub resource: &'a str,
    /// « lundi 30 novembre 2026, 8 h 30 – 12 h 30 », in the site's time.
    pub when: &'a str,
    pub address: &'a str,
    pub link: &'a str,
}

/// What a mail says of the booking's pass.
pub struct PassFacts<'a> {
    pub pin: &'a str,
    /// The pass's page (QR code, PIN, how to get in; printable).
    pub link: &'a str,
    /// What the QR code holds (the pass's signed token), drawn when sent.
    pub qr_text: &'a str,
    /// What the site's hosts say about getting in.
    pub how_to_get_in: &'a str,
}

/// "482 913": a PIN read aloud or typed in two halves.
fn spaced(pin: &str) -> String {
    if pin.len() == 6 {
        format!("{} {}", &pin[..3], &pin[3..])
    } else {
        pin.to_owned()
    }
}

/// The paragraph on getting in, in the mail's language.
fn getting_in(language: Language, pass: &PassFacts<'_>) -> String {
    let pin = spaced(pass.pin);
    let how = pass.how_to_get_in.trim();
    if pin.is_empty() {
        // A series: each day has its own pass, sent with the day's reminder.
        return match language {
            Language::Fr => format!(
                "Pour entrer : le pass de chaque jour (code et QR code) vous arrive la veille avec le rappel ; il est aussi dans vos réservations.\n{}",
                if how.is_empty() {
                    String::new()
                } else {
                    format!("{how}\n")
                }
            ),
            Language::En => format!(
                "Getting in: each day's pass (code and QR code) comes the day before with the reminder; it is also in your bookings.\n{}",
                if how.is_empty() {
                    String::new()
                } else {
                    format!("{how}\n")
                }
            ),
        };
    }
    match language {
        Language::Fr => format!(
            "Pour entrer : votre code d'accès est {pin} (clavier de la porte), ou présentez le QR code joint. \
             Votre pass, à montrer ou à imprimer :\n{}\n{}",
            pass.link,
            if how.is_empty() {
                String::new()
            } else {
                format!("{how}\n")
            }
        ),
        Language::En => format!(
            "Getting in: your access code is {pin} (the door's keypad), or show the attached QR code. \
             Your pass, to show or to print:\n{}\n{}",
            pass.link,
            if how.is_empty() {
                String::new()
            } else {
                format!("{how}\n")
            }
        ),
    }
}

/// Joins the pass's QR code to a mail, as an image file.
fn with_qr(mut mail: OutgoingMail, pass: &PassFacts<'_>) -> OutgoingMail {
    if pass.qr_text.is_empty() {
        return mail;
    }
    mail.attachments.push(super::Attachment {
        file_name: "pass-qr.svg".to_owned(),
        content_type: "image/svg+xml".to_owned(),
        content: pass.qr_text.to_owned(),
        drawn_as: Some(super::Drawing::QrCode),
    });
    mail
}

fn booking_mail(
    to: &str,
    language: Language,
    subject: String,
    body: String,
    ics: Option<(String, &str)>,
) -> OutgoingMail {
    let html = format!(
        "<!doctype html><html lang=\"{}\"><body style=\"font-family:sans-serif;font-size:17px;line-height:1.5\"><pre style=\"font-family:inherit;white-space:pre-wrap\">{}</pre></body></html>",
        language.code(),
        escape(&body)
    );
    OutgoingMail {
        to: to.to_owned(),
        subject,
        text: body,
        html,
        attachments: ics
            .map(|(content, method)| super::Attachment {
                file_name: "reservation.ics".to_owned(),
                content_type: format!("text/calendar; charset=utf-8; method={method}"),
                content,
                drawn_as: None,
            })
            .into_iter()
            .collect(),
        secret: false,
    }
}

/// The confirmation, with the invitation (`METHOD:REQUEST`) and the pass attached.
pub fn booking_confirmed(
    to: &str,
    language: Language,
    b: &BookingFacts<'_>,
    pass: &PassFacts<'_>,
    ics: String,
) -> OutgoingMail {
    let BookingFacts {
        site,
        resource,
        when,
        address,
        link,
    } = b;
    let entry = getting_in(language, pass);
    let (subject, body) = match language {
        Language::Fr => (
            format!("Réservation confirmée : {site}, {when}"),
            format!(
                "Bonjour,\n\nVotre place est réservée :\n\n    {site}, {resource}\n    {when}\n    {address}\n\n\
                 {entry}\n\
                 Le fichier reservation.ics l'ajoute à votre agenda. Pour annuler :\n{link}\n\nRelais\n"
            ),
        ),
        Language::En => (
            format!("Booking confirmed: {site}, {when}"),
            format!(
                "Hello,\n\nYour place is booked:\n\n    {site}, {resource}\n    {when}\n    {address}\n\n\
                 {entry}\n\
                 The file reservation.ics adds it to your calendar. To cancel:\n{link}\n\nRelais\n"
            ),
        ),
    };
    with_qr(
        booking_mail(to, language, subject, body, Some((ics, "REQUEST"))),
        pass,
    )
}

/// The cancellation, with `METHOD:CANCEL` for the same event.
pub fn booking_cancelled(
    to: &str,
    language: Language,
    b: &BookingFacts<'_>,
    reason: Option<&str>,
    ics: String,
) -> OutgoingMail {
    let BookingFacts {
        site,
        resource,
        when,
        link,
        ..
    } = b;
    let (subject, body) = match language {
        Language::Fr => (
            format!("Réservation annulée : {site}, {when}"),
            format!(
                "Bonjour,\n\nCette réservation est annulée :\n\n    {site}, {resource}\n    {when}\n{}\n\
                 Le fichier joint la retire de votre agenda. Vos réservations :\n{link}\n\nRelais\n",
                reason
                    .map(|r| format!("    Motif : {r}\n"))
                    .unwrap_or_default()
            ),
        ),
        Language::En => (
            format!("Booking cancelled: {site}, {when}"),
            format!(
                "Hello,\n\nThis booking is cancelled:\n\n    {site}, {resource}\n    {when}\n{}\n\
                 The attached file removes it from your calendar. Your bookings:\n{link}\n\nRelais\n",
                reason
                    .map(|r| format!("    Reason: {r}\n"))
                    .unwrap_or_default()
            ),
        ),
    };
    booking_mail(to, language, subject, body, Some((ics, "CANCEL")))
}

/// Nobody checked in: the place went back to others.
pub fn booking_released(
    to: &str,
    language: Language,
    b: &BookingFacts<'_>,
    minutes: i32,
    ics: String,
) -> OutgoingMail {
    let BookingFacts {
        site,
        resource,
        when,
        link,
        ..
    } = b;
    let (subject, body) = match language {
        Language::Fr => (
            format!("Place libérée : {site}, {when}"),
            format!(
                "Bonjour,\n\nPersonne n'a signalé son arrivée {minutes} minutes après le début de cette réservation. \
                 La place a donc été rendue aux autres :\n\n    {site}, {resource}\n    {when}\n\n\
                 Si vous êtes sur place, voyez l'hôte ou réservez à nouveau une place libre. Vos réservations :\n{link}\n\nRelais\n"
            ),
        ),
        Language::En => (
            format!("Place released: {site}, {when}"),
            format!(
                "Hello,\n\nNobody checked in {minutes} minutes after this booking began, \
                 so the place went back to others:\n\n    {site}, {resource}\n    {when}\n\n\
                 If you are there, see the host or book a free place again. Your bookings:\n{link}\n\nRelais\n"
            ),
        ),
    };
    booking_mail(to, language, subject, body, Some((ics, "CANCEL")))
}

/// The day before: where, when, and how to get in (the pass attached).
pub fn booking_reminder(
    to: &str,
    language: Language,
    b: &BookingFacts<'_>,
    pass: &PassFacts<'_>,
    access: &str,
) -> OutgoingMail {
    let BookingFacts {
        site,
        resource,
        when,
        address,
        link,
    } = b;
    let entry = getting_in(language, pass);
    let (subject, body) = match language {
        Language::Fr => (
            format!("Demain : {site}, {when}"),
            format!(
                "Bonjour,\n\nPetit rappel de votre réservation :\n\n    {site}, {resource}\n    {when}\n    {address}\n\n\
                 {entry}{access}\n\n\
                 Un empêchement ? Annulez pour laisser la place :\n{link}\n\nRelais\n"
            ),
        ),
        Language::En => (
            format!("Tomorrow: {site}, {when}"),
            format!(
                "Hello,\n\nA reminder of your booking:\n\n    {site}, {resource}\n    {when}\n    {address}\n\n\
                 {entry}{access}\n\n\
                 Can't come? Cancel to free the place:\n{link}\n\nRelais\n"
            ),
        ),
    };
    with_qr(booking_mail(to, language, subject, body, None), pass)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_mail_carries_code_and_link_in_both_languages() {
        for language in [Language::Fr, Language::En] {
            let mail = sign_in(
                "a@b.fr",
                language,
                "012345",
                "https://r.example/connexion/lien#t=abc",
                10,
            );
            assert!(!mail.subject.contains("012345"), "{}", mail.subject);
            assert!(mail.text.contains("012345") && mail.html.contains("012345"));
            assert!(mail.text.contains("https://r.example/connexion/lien#t=abc"));
            assert!(mail.text.contains("10"));
        }
    }
}
