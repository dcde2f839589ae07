//! Booking at the desk for an assisted person who has just come in: a space
//! free from the next step of the grid, the person, until when. The choices
//! follow the board, so a space booked meanwhile leaves the list.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use shared::api::{AssistedPerson, Booking, BookingStatus, LiveBoard, NewBooking, Site};
use shared::dom_ids;
use shared::ids::{PersonId, ResourceId};
use shared::routes::{self, pages};
use shared::slots::periods_of;

use super::plan::{ends, first_start, free_at, taken_from};
use super::state::Live;
use crate::api;
use crate::components::forms::{FormError, focus_soon};
use crate::i18n::{MISSING_PERSON, tr};
use crate::local_time;

/// What can be booked at the desk now.
#[derive(Debug, Clone, PartialEq)]
struct Offer {
    zone: String,
    /// The site's local day, and the start in minutes of it.
    day: i64,
    start: u16,
    spaces: Vec<(ResourceId, String)>,
    /// The chosen space (the first one unless another is picked).
    chosen: ResourceId,
    ends: Vec<u16>,
}

/// A space, and the local minutes its bookings of the day still hold it.
type Held = (ResourceId, String, Vec<(u16, u16)>);

/// Why nothing can be booked at the desk now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Nothing {
    Loading,
    Closed,
    NoneFree,
}

/// The spaces free from the next step of the grid, and the ends the chosen one allows.
fn offer(site: &Site, board: &LiveBoard, chosen: &str, now: i64) -> Result<Offer, Nothing> {
    let zone = board.time_zone.clone();
    let (day, minute) = local_time::to_local(&zone, now);
    let periods = periods_of(&site.opening_hours, local_time::weekday(day));
    let slot = site.rules.slot_minutes;
    let start = first_start(&periods, slot, minute).ok_or(Nothing::Closed)?;
    let local = |text: &str| {
        let utc = local_time::parse_instant(text).unwrap_or_default();
        let (on, minute) = local_time::to_local(&zone, utc);
        if on > day { 24 * 60 } else { minute }
    };
    let free: Vec<Held> = board
        .resources
        .iter()
        .map(|r| {
            let held = r
                .bookings
                .iter()
                .filter(|b| {
                    matches!(
                        b.status,
                        BookingStatus::Confirmed | BookingStatus::CheckedIn
                    )
                })
                .filter(|b| b.checked_out_at.is_none())
                .map(|b| (local(&b.start), local(&b.end)))
                .collect::<Vec<_>>();
            (r.resource_id, r.name.clone(), held)
        })
        .filter(|(_, _, held)| free_at(held, start, slot))
        .collect();
    let picked = free
        .iter()
        .find(|(id, _, _)| id.to_string() == chosen)
        .or(free.first())
        .ok_or(Nothing::NoneFree)?;
    let longest = site.rules.max_booking_minutes;
    Ok(Offer {
        ends: ends(&periods, slot, start, longest, taken_from(&picked.2, start)),
        chosen: picked.0,
        spaces: free
            .iter()
            .map(|(id, name, _)| (*id, name.clone()))
            .collect(),
        zone,
        day,
        start,
    })
}

#[component]
pub fn WalkIn(live: Live) -> impl IntoView {
    let lang = live.lang;
    let site = RwSignal::new(None::<Site>);
    let people = RwSignal::new(Vec::<AssistedPerson>::new());
    let (resource, person, end) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let said = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let problem = FormError::new(dom_ids::WALK_IN_ERROR.to_owned());
    let (site_path, people_path) = (live.path(routes::SITE), live.path(routes::ASSISTED_PEOPLE));
    spawn_local(async move {
        site.set(api::get_json::<Site>(&site_path).await.ok());
        people.set(api::get_json(&people_path).await.unwrap_or_default());
    });
    let now = Memo::new(move |_| {
        site.with(|site| {
            live.board.with(|board| match (site, board) {
                (Some(site), Some(board)) => {
                    // The minute under way counts as past (the server refuses a start
                    // already gone by even a second): the next one.
                    resource.with(|chosen| offer(site, board, chosen, local_time::now() + 1))
                }
                _ => Err(Nothing::Loading),
            })
        })
    });
    let submit = {
        let problem = problem.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Ok(offer) = now.get_untracked() else {
                return;
            };
            if busy.get_untracked() {
                return;
            }
            let Some(who) = person
                .with_untracked(|p| p.parse::<i64>().ok())
                .map(PersonId)
            else {
                return problem.refuse(MISSING_PERSON);
            };
            let name = people.with_untracked(|all| {
                all.iter()
                    .find(|p| p.id == who)
                    .map(|p| p.display_name.clone())
            });
            let chosen = end.with_untracked(|e| e.parse::<u16>().ok());
            let Some(until) = chosen
                .filter(|e| offer.ends.contains(e))
                .or(offer.ends.first().copied())
            else {
                return;
            };
            let at = |minute| local_time::from_local(&offer.zone, offer.day, minute);
            let body = NewBooking {
                resource_id: offer.chosen,
                start: local_time::format_instant(at(offer.start)),
                end: local_time::format_instant(at(until)),
                for_person: Some(who),
            };
            busy.set(true);
            said.set(None);
            let problem = problem.clone();
            spawn_local(async move {
                let answer = api::post_json::<_, Booking>(routes::BOOKINGS, &body).await;
                busy.set(false);
                match answer {
                    Ok(b) => {
                        problem.clear();
                        let t = lang.get_untracked().texts();
                        let at = |text: &str| local_time::parse_instant(text).unwrap_or_default();
                        let what = format!(
                            "{} · {}",
                            local_time::hours(&b.time_zone, at(&b.start), at(&b.end)),
                            b.resource_name
                        );
                        let name = name.or(b.person_name).unwrap_or_default();
                        said.set(Some(
                            t.office
                                .walk_in_booked
                                .replace("{name}", &name)
                                .replace("{what}", &what),
                        ));
                        person.set(String::new());
                        live.refresh();
                        focus_soon(dom_ids::WALK_IN_STATUS);
                    }
                    Err(e) => problem.show(e),
                }
            });
        }
    };
    let form = WalkInForm {
        now,
        people,
        resource,
        person,
        end,
    };
    view! {
        <section id="walk-in" class="panel" aria-labelledby="walk-in-title">
            <h2 id="walk-in-title">{tr(|t| t.office.walk_in_title)}</h2>
            <p class="hint">{move || {
                let t = lang.get().texts();
                match now.get() {
                    Err(Nothing::Loading) => t.checking_session.to_owned(),
                    Err(Nothing::Closed) => t.office.walk_in_closed.to_owned(),
                    Err(Nothing::NoneFree) => t.office.walk_in_none_free.to_owned(),
                    Ok(o) => {
                        let start = local_time::from_local(&o.zone, o.day, o.start);
                        t.office.walk_in_intro.replace("{time}", &local_time::clock(&o.zone, start))
                    }
                }
            }}</p>
            <p class="hint" hidden=move || !people.with(Vec::is_empty)>
                {tr(|t| t.office.walk_in_no_people)}" "
                <A href=pages::of_site(pages::MY_SITE_PEOPLE, live.site_id)>{tr(|t| t.office.back_to_my_site)}</A>
            </p>
            <form class="form" novalidate on:submit=submit hidden=move || now.with(Result::is_err)>
                {fields(form)}
                {problem.alert()}
                <button
                    id=dom_ids::WALK_IN_BOOK
                    type="submit"
                    aria-disabled=move || busy.get().then_some("true")
                >
                    {tr(|t| t.office.walk_in_book)}
                </button>
            </form>
            <p id=dom_ids::WALK_IN_STATUS role="status" tabindex="-1" class="status status-ok">
                {move || said.get()}
            </p>
        </section>
    }
}

/// The form's signals, for its fields.
#[derive(Clone, Copy)]
struct WalkInForm {
    now: Memo<Result<Offer, Nothing>>,
    people: RwSignal<Vec<AssistedPerson>>,
    resource: RwSignal<String>,
    person: RwSignal<String>,
    end: RwSignal<String>,
}

/// The three lists: a free space, the person, until when. Each option knows
/// whether it is the chosen one, so a new board keeps the choices.
fn fields(form: WalkInForm) -> impl IntoView {
    let WalkInForm {
        now,
        people,
        resource,
        person,
        end,
    } = form;
    let spaces = move || {
        now.with(|o| {
            o.iter()
                .flat_map(|o| o.spaces.iter().map(move |(id, name)| (*id, name.clone(), *id == o.chosen)))
                .map(|(id, name, chosen)| view! { <option value=id.to_string() prop:selected=chosen>{name}</option> })
                .collect_view()
        })
    };
    let until = move || {
        now.with(|o| {
            let Ok(o) = o else { return Vec::new() };
            let picked = end.with_untracked(|e| e.parse::<u16>().ok());
            o.ends
                .iter()
                .map(|minute| {
                    let at = local_time::from_local(&o.zone, o.day, *minute);
                    let text = local_time::clock(&o.zone, at);
                    view! { <option value=minute.to_string() prop:selected=picked == Some(*minute)>{text}</option> }
                })
                .collect::<Vec<_>>()
        })
    };
    let who = move || {
        people.with(|all| {
            all.iter()
                .map(|p| {
                    let id = p.id.to_string();
                    let chosen = person.with(|v| *v == id);
                    view! { <option value=id prop:selected=chosen>{p.display_name.clone()}</option> }
                })
                .collect_view()
        })
    };
    view! {
        <div class="field">
            <label for=dom_ids::WALK_IN_RESOURCE>{tr(|t| t.office.walk_in_resource)}</label>
            <select id=dom_ids::WALK_IN_RESOURCE on:change=move |ev| resource.set(event_target_value(&ev))>
                {spaces}
            </select>
        </div>
        <div class="field">
            <label for=dom_ids::WALK_IN_PERSON>{tr(|t| t.office.walk_in_person)}</label>
            <select id=dom_ids::WALK_IN_PERSON on:change=move |ev| person.set(event_target_value(&ev))>
                <option value="" prop:selected=move || person.with(String::is_empty)>
                    {tr(|t| t.office.walk_in_choose)}
                </option>
                {who}
            </select>
        </div>
        <div class="field">
            <label for=dom_ids::WALK_IN_END>{tr(|t| t.office.walk_in_end)}</label>
            <select id=dom_ids::WALK_IN_END on:change=move |ev| end.set(event_target_value(&ev))>
                {until}
            </select>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use shared::ClockTime;
    use shared::api::{BookingRules, LiveBooking, LiveResource, OpeningPeriod, ResourceKind};
    use shared::ids::{BookingId, SiteId};

    use super::*;

    fn mende() -> Site {
        let at = |h, m| ClockTime::from_hm(h, m).unwrap();
        let period = |opens, closes| OpeningPeriod {
            weekday: 3,
            opens,
            closes,
        };
        Site {
            id: SiteId(1),
            name: "La Fabrique de Mende".into(),
            commune_insee: "48095".into(),
            commune_name: "Mende".into(),
            address: "12 boulevard Henri Bourrillon".into(),
            postcode: "48000".into(),
            latitude: 44.5181,
            longitude: 3.5006,
            time_zone: "Europe/Paris".into(),
            opening_hours: vec![period(at(8, 30), at(12, 30)), period(at(13, 30), at(18, 0))],
            amenities: Vec::new(),
            accessibility: String::new(),
            phone: String::new(),
            resources: Vec::new(),
            rules: BookingRules::default(),
            door: Default::default(),
        }
    }

    fn space(id: i64, bookings: Vec<LiveBooking>) -> LiveResource {
        LiveResource {
            resource_id: ResourceId(id),
            name: format!("Poste {id}"),
            kind: ResourceKind::Desk,
            free_now: true,
            bookings,
        }
    }

    fn booking(status: BookingStatus, start: &str, end: &str) -> LiveBooking {
        LiveBooking {
            booking_id: BookingId(7),
            person_id: None,
            person_name: "Alice Martin".into(),
            start: start.into(),
            end: end.into(),
            status,
            walk_in: false,
            checked_in_at: None,
            checked_out_at: None,
        }
    }

    fn board(resources: Vec<LiveResource>) -> LiveBoard {
        LiveBoard {
            site_id: SiteId(1),
            site_name: "La Fabrique de Mende".into(),
            time_zone: "Europe/Paris".into(),
            day: "2027-01-13".into(),
            generated_at: "2027-01-13T09:01:00Z".into(),
            resources,
            week: Vec::new(),
        }
    }

    #[test]
    fn a_walk_in_gets_a_space_free_from_the_next_step_of_the_grid() {
        // Wednesday 13 January 2027, 10:01 in Mende; alice has desk 1 from 10:30.
        let now = local_time::parse_instant("2027-01-13T09:01:00Z").unwrap();
        let alice = booking(
            BookingStatus::Confirmed,
            "2027-01-13T09:30:00Z",
            "2027-01-13T11:30:00Z",
        );
        let gone = booking(
            BookingStatus::Cancelled,
            "2027-01-13T09:30:00Z",
            "2027-01-13T10:30:00Z",
        );
        let board = board(vec![space(1, vec![alice]), space(2, vec![gone])]);
        let offer = offer(&mende(), &board, "1", now).unwrap();
        assert_eq!(offer.start, 10 * 60 + 30);
        assert_eq!(offer.spaces, vec![(ResourceId(2), "Poste 2".to_owned())]);
        assert_eq!(
            offer.chosen,
            ResourceId(2),
            "desk 1 is taken: the first free one"
        );
        assert_eq!(offer.ends.first(), Some(&(11 * 60)));
        assert_eq!(offer.ends.last(), Some(&(18 * 60)));
        assert_eq!(
            local_time::format_instant(local_time::from_local(&offer.zone, offer.day, offer.start)),
            "2027-01-13T09:30:00Z"
        );
        // Desk 1 is free again from 12:30: a booking there ends before alice's.
        let early = local_time::parse_instant("2027-01-13T07:00:00Z").unwrap();
        let offer = super::offer(&mende(), &board, "1", early).unwrap();
        assert_eq!(offer.chosen, ResourceId(1));
        assert_eq!(
            offer.ends.last(),
            Some(&(10 * 60 + 30)),
            "until alice comes"
        );
        let late = local_time::parse_instant("2027-01-13T16:45:00Z").unwrap();
        assert_eq!(
            super::offer(&mende(), &board, "", late),
            Err(Nothing::Closed)
        );
    }
}
