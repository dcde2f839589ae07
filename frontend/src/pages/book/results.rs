//! One card per site: what is free for the chosen part of the day, with
//! "Réserver", or "Attendre une place" when it is full.

use leptos::prelude::*;
use shared::api::{ResourceKind, SiteAvailability};
use shared::dom_ids;
use shared::ids::SiteId;

use super::state::{Booking, Choice, PARTS, free_resources, part_span};
use crate::i18n::Texts;
use crate::local_time;

/// The answer to the latest search.
#[component]
pub fn Results(booking: Booking) -> impl IntoView {
    let Booking {
        lang,
        today,
        part,
        kind,
        near,
        found,
        ..
    } = booking;
    move || {
        let t = lang.get().texts();
        let part = part.with(|p| {
            PARTS
                .iter()
                .find(|(key, _)| key == p)
                .map(|(_, part)| *part)
        });
        let kind = kind
            .with(|k| ResourceKind::parse(k))
            .unwrap_or(ResourceKind::Desk);
        let near = near.with(|n| n.parse::<i64>().ok().map(SiteId));
        found.with(|found| {
            let (message, answer) = match found {
                None => (t.searching, None),
                Some(Err(e)) => (t.error_message(&e.code), None),
                Some(Ok(answer)) => ("", Some(answer)),
            };
            let day = answer
                .and_then(|a| local_time::parse_date(&a.date))
                .unwrap_or(today);
            let items = answer
                .map(|a| a.sites.as_slice())
                .unwrap_or_default()
                .iter()
                .map(|site| {
                    let id = dom_ids::item(dom_ids::BOOK_SITE, site.site_id);
                    let heading = format!("{id}-name");
                    let zone = booking.zone_of(site.site_id);
                    let span = part
                        .filter(|_| !site.closed)
                        .and_then(|p| part_span(site, &zone, day, p));
                    let free: Vec<_> = span
                        .map(|span| free_resources(site, kind, span).collect())
                        .unwrap_or_default();
                    let line = match (site.closed, span, free.len()) {
                        (true, _, _) => t.closed_that_day.to_owned(),
                        (_, None, _) => t.closed_that_part.to_owned(),
                        (_, _, 0) => t.full.to_owned(),
                        (_, _, n) => {
                            let adjective = if n < 2 { t.free.0 } else { t.free.1 };
                            format!("{} {adjective}", t.count(t.kind_forms(kind), n))
                        }
                    };
                    let place = place_line(t, site, near);
                    // Full for this part of the day: one may wait for a place.
                    let full = span.filter(|_| free.is_empty());
                    let site_name = site.site_name.clone();
                    // Ten "Réserver" buttons are told apart by their site.
                    let book_named = t.book_at_named.replace("{site}", &site_name);
                    let wait_named = t.wait_at_named.replace("{site}", &site_name);
                    let wait_button = full.map(|span| {
                        let site_id = site.site_id;
                        let heading = heading.clone();
                        let zone = zone.clone();
                        view! {
                            <button
                                id=dom_ids::item(dom_ids::BOOK_WAIT, site_id)
                                type="button"
                                class="button-secondary"
                                aria-label=wait_named
                                aria-describedby=heading
                                on:click=move |_| booking.wait(site_id, site_name.clone(), zone.clone(), span)
                            >
                                {t.wait_button}
                            </button>
                        }
                    });
                    let pick = span.zip(free.first()).map(|((start, end), r)| Choice {
                        site_id: site.site_id,
                        site_name: site.site_name.clone(),
                        resource_id: r.resource_id,
                        resource_name: r.name.clone(),
                        start,
                        end,
                        zone: zone.clone(),
                    });
                    view! {
                        <li id=id class="site-card">
                            <h2 id=heading.clone()>{site.site_name.clone()}</h2>
                            <p class="site-place">{place}</p>
                            <p class="site-resources">{line}</p>
                            {pick.map(|choice| view! {
                                <button
                                    id=dom_ids::item(dom_ids::BOOK_CHOOSE, choice.site_id)
                                    type="button"
                                    aria-label=book_named
                                    aria-describedby=heading
                                    on:click=move |_| booking.choose(choice.clone())
                                >
                                    {t.book_button}
                                </button>
                            })}
                            {wait_button}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <p class="status" role="status">{message}</p>
                <ul
                    id=dom_ids::BOOK_RESULTS
                    class="site-list"
                    data-date=answer.map(|a| a.date.clone())
                >
                    {items}
                </ul>
            }
        })
    }
}

/// "Florac · le lieu choisi", "Mende · à 22 km": the server sorts the sites
/// by straight-line distance from the chosen one, so the line says which
/// one that is (rather than "0 km") and how far the others are.
fn place_line(t: &Texts, site: &SiteAvailability, near: Option<SiteId>) -> String {
    let distance = match site.distance_km {
        _ if near == Some(site.site_id) => Some(t.near_chosen.to_owned()),
        Some(km) if km < 1.0 => Some(t.distance_under_one.to_owned()),
        Some(km) => Some(t.distance.replace("{km}", &(km.round() as i64).to_string())),
        None => None,
    };
    match distance {
        Some(distance) => format!("{} · {distance}", site.commune_name),
        None => site.commune_name.clone(),
    }
}
