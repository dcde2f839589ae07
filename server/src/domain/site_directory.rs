//! The sites of the network as a plain web page, for people whose browser
//! runs no JavaScript (or an old phone on a slow link): where each site is
//! and when it is open, so they can book there with the host. French first,
//! a line of English; no script, no style sheet, nothing to download but
//! the page.

use shared::api::Site;

use super::markup::escape;

const WEEKDAYS: [&str; 7] = [
    "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche",
];

/// The page, whole.
pub fn page(sites: &[Site]) -> String {
    let mut html = String::from(
        "<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Les tiers-lieux du réseau – Relais</title>\n</head>\n<body>\n<main>\n\
         <h1>Les tiers-lieux du réseau</h1>\n\
         <p>Pour réserver un poste sans l'application, venez aux heures d'ouverture ou appelez : \
         l'hôte du lieu vous réserve une place, même sans adresse e-mail ni téléphone portable.</p>\n\
         <p lang=\"en\">To book a desk without the app, come during opening hours or call: \
         the host books a place for you, even without an e-mail address or a mobile phone.</p>\n",
    );
    if sites.is_empty() {
        html.push_str("<p>Aucun lieu n'est ouvert pour le moment.</p>\n");
    }
    for site in sites {
        html.push_str(&format!(
            "<section>\n<h2>{}</h2>\n<p>{}<br>{} {}<br><a href=\"{}\">Voir sur une carte (OpenStreetMap)</a></p>\n<h3>Horaires</h3>\n<ul>\n",
            escape(&site.name),
            escape(&site.address),
            escape(&site.postcode),
            escape(&site.commune_name),
            escape(&shared::directions::map_url(site.latitude, site.longitude)),
        ));
        for (weekday, name) in (1..=7u8).zip(WEEKDAYS) {
            let periods: Vec<String> = site
                .opening_hours
                .iter()
                .filter(|p| p.weekday == weekday)
                .map(|p| format!("{} – {}", p.opens, p.closes))
                .collect();
            let hours = match periods.is_empty() {
                true => "fermé".to_owned(),
                false => periods.join(", "),
            };
            html.push_str(&format!("<li>{name} : {hours}</li>\n"));
        }
        html.push_str("</ul>\n");
        let phone = site.phone.trim();
        if !phone.is_empty() {
            html.push_str(&format!(
                "<p>Téléphone : <a href=\"{}\">{}</a></p>\n",
                shared::phone::tel_uri(phone),
                escape(phone)
            ));
        }
        if !site.accessibility.trim().is_empty() {
            html.push_str(&format!(
                "<p>Accessibilité : {}</p>\n",
                escape(&site.accessibility)
            ));
        }
        html.push_str("</section>\n");
    }
    html.push_str("</main>\n</body>\n</html>\n");
    html
}
