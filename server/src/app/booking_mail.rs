//! The mails a booking sends its person: the confirmation with an invitation
//! (`METHOD:REQUEST`), the cancellation (`METHOD:CANCEL`, same UID), a
//! series' dates in one mail, and the reminder the day before. Each is queued
//! in the transaction that made the change.

use chrono::{DateTime, Utc};
use shared::api::Language;

use super::access::{keys, passes};
use super::calendars;
use super::failure::Failure;
use crate::db::entities::{booking, person, resource, site};
use crate::db::{self, ConnectionTrait, DbErr, TransactionTrait};
use crate::domain::{dates_in_words, local_time};
use crate::mail::{self, Letterhead, templates};

/// « lundi 30 novembre 2026, 8 h 30 – 12 h 30 », in the site's time and the person's language.
pub fn when(site: &site::Model, b: &booking::Model, language: Language) -> String {
    let zone = local_time::parse_zone(&site.time_zone);
    let (day, from) = local_time::local(zone, b.start_at);
    let (_, to) = local_time::local(zone, b.end_at);
    dates_in_words::span(language, day, from, to)
}

async fn commune_name(
    db: &impl ConnectionTrait,
    site: &site::Model,
) -> Result<Option<String>, DbErr> {
    db::booking_mail::commune_name(db, &site.commune_insee).await
}

fn address(site: &site::Model, commune: Option<&String>) -> String {
    format!(
        "{}, {} {}",
        site.address,
        site.postcode,
        commune.map_or("", String::as_str)
    )
}

async fn person_of(
    db: &impl ConnectionTrait,
    b: &booking::Model,
) -> Result<Option<person::Model>, DbErr> {
    match b.person_id {
        Some(id) => db::people::person_by_id(db, id).await,
        None => Ok(None),
    }
}

/// Who a mail about booking `b` goes to, and what it names; `None` when
/// the person has no address (or the booking's rows are gone).
struct Recipient {
    person: person::Model,
    email: String,
    site: site::Model,
    resource: resource::Model,
    commune: Option<String>,
}

impl Recipient {
    async fn of(db: &impl ConnectionTrait, b: &booking::Model) -> Result<Option<Self>, DbErr> {
        let Some(person) = person_of(db, b).await? else {
            return Ok(None);
        };
        let Some(email) = person.email.clone() else {
            return Ok(None);
        };
        let (Some(site), Some(resource)) = (
            db::sites::site_by_id(db, b.site_id).await?,
            db::bookings::resource_by_id(db, b.resource_id).await?,
        ) else {
            return Ok(None);
        };
        let commune = commune_name(db, &site).await?;
        Ok(Some(Recipient {
            person,
            email,
            site,
            resource,
            commune,
        }))
    }
}

/// The lines every booking mail lists besides the site and the desk.
struct Lines {
    when: String,
    address: String,
    link: String,
}

impl Lines {
    fn new(when: String, site: &site::Model, commune: Option<&String>, public_url: &str) -> Lines {
        Lines {
            when,
            address: address(site, commune),
            link: format!("{public_url}{}", shared::routes::pages::MY_BOOKINGS),
        }
    }

    fn facts<'a>(
        &'a self,
        site: &'a site::Model,
        resource: &'a resource::Model,
    ) -> templates::BookingFacts<'a> {
        templates::BookingFacts {
            site: &site.name,
            resource: &resource.name,
            when: &self.when,
            address: &self.address,
            link: &self.link,
        }
    }
}

fn language(person: &person::Model) -> Language {
    Language::parse(&person.language).unwrap_or_default()
}

/// The confirmation of a booking about to be made, with what can be read
/// before its transaction (the site's commune, the person's address).
pub struct Invite {
    letterhead: Letterhead,
    /// The key the pass is signed with, read before the transaction.
    signer: keys::Signer,
    email: Option<String>,
    name: String,
    language: Language,
    site: site::Model,
    resource: resource::Model,
    commune: Option<String>,
}

impl Invite {
    pub(crate) async fn prepare(
        db: &impl ConnectionTrait,
        letterhead: &Letterhead,
        person: &person::Model,
        site: &site::Model,
        resource: &resource::Model,
        now: DateTime<Utc>,
    ) -> Result<Invite, Failure> {
        Ok(Invite {
            letterhead: letterhead.clone(),
            signer: keys::signer(db, now).await?,
            email: person.email.clone(),
            name: person.display_name.clone(),
            language: language(person),
            commune: commune_name(db, site).await?,
            site: site.clone(),
            resource: resource.clone(),
        })
    }

    /// Queues the confirmation and its invitation, in the booking's transaction.
    pub async fn confirmed(
        &self,
        db: &(impl ConnectionTrait + TransactionTrait),
        b: &booking::Model,
        now: DateTime<Utc>,
    ) -> Result<(), DbErr> {
        let Some(email) = &self.email else {
            return Ok(());
        };
        let (site, public_url) = (&self.site, self.letterhead.public_url.as_str());
        let ics = calendars::invitation(
            b,
            site,
            self.commune.as_ref(),
            &self.resource.name,
            &self.letterhead,
            Some((&self.name, email)),
        );
        let lines = Lines::new(
            when(site, b, self.language),
            site,
            self.commune.as_ref(),
            public_url,
        );
        let facts = lines.facts(site, &self.resource);
        let pass = passes::for_mail(db, &self.signer, public_url, b, site).await?;
        let mail = templates::booking_confirmed(
            email,
            self.language,
            &facts,
            &pass_facts(&pass, site),
            ics,
        );
        mail::enqueue(db, mail, now).await
    }
}

/// After a booking is cancelled (`b` as it is now): the cancellation and its CANCEL.
pub async fn cancelled(
    db: &impl ConnectionTrait,
    letterhead: &Letterhead,
    b: &booking::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    withdrawn(db, letterhead, b, now, |to, language, facts, ics| {
        templates::booking_cancelled(to, language, facts, b.cancel_reason.as_deref(), ics)
    })
    .await
}

/// After a booking nobody checked in was released (`b` as it is now).
pub async fn released(
    db: &impl ConnectionTrait,
    letterhead: &Letterhead,
    b: &booking::Model,
    minutes: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    withdrawn(db, letterhead, b, now, |to, language, facts, ics| {
        templates::booking_released(to, language, facts, minutes, ics)
    })
    .await
}

/// A mail about a booking that no longer holds its place, with the
/// calendar's CANCEL of the same event, composed by `compose`.
async fn withdrawn(
    db: &impl ConnectionTrait,
    letterhead: &Letterhead,
    b: &booking::Model,
    now: DateTime<Utc>,
    compose: impl FnOnce(&str, Language, &templates::BookingFacts<'_>, String) -> mail::OutgoingMail,
) -> Result<(), DbErr> {
    let Some(r) = Recipient::of(db, b).await? else {
        return Ok(());
    };
    let attendee = Some((r.person.display_name.as_str(), r.email.as_str()));
    let ics = calendars::invitation(
        b,
        &r.site,
        r.commune.as_ref(),
        &r.resource.name,
        letterhead,
        attendee,
    );
    let language = language(&r.person);
    let lines = Lines::new(
        when(&r.site, b, language),
        &r.site,
        r.commune.as_ref(),
        &letterhead.public_url,
    );
    let mail = compose(&r.email, language, &lines.facts(&r.site, &r.resource), ics);
    mail::enqueue(db, mail, now).await
}

fn pass_facts<'a>(pass: &'a passes::MailPass, site: &'a site::Model) -> templates::PassFacts<'a> {
    templates::PassFacts {
        pin: &pass.pin,
        link: &pass.link,
        qr_text: &pass.token,
        how_to_get_in: &site.how_to_get_in,
    }
}

/// The reminder, the day before.
pub async fn reminder(
    db: &(impl ConnectionTrait + TransactionTrait),
    letterhead: &Letterhead,
    b: &booking::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let Some(r) = Recipient::of(db, b).await? else {
        return Ok(());
    };
    let (language, public_url) = (language(&r.person), letterhead.public_url.as_str());
    let lines = Lines::new(
        when(&r.site, b, language),
        &r.site,
        r.commune.as_ref(),
        public_url,
    );
    let facts = lines.facts(&r.site, &r.resource);
    let signer = keys::signer(db, now)
        .await
        .map_err(|failure| DbErr::Custom(failure.to_string()))?;
    let pass = passes::for_mail(db, &signer, public_url, b, &r.site).await?;
    mail::enqueue(
        db,
        templates::booking_reminder(
            &r.email,
            language,
            &facts,
            &pass_facts(&pass, &r.site),
            &r.site.accessibility,
        ),
        now,
    )
    .await
}

/// After a weekly series: one mail with every date, and one calendar file
/// (`METHOD:PUBLISH`) holding them all.
pub async fn series_booked(
    db: &impl ConnectionTrait,
    letterhead: &Letterhead,
    rows: &[booking::Model],
    site: &site::Model,
    resource: &resource::Model,
    person: &person::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let (Some(email), Some(first)) = (&person.email, rows.first()) else {
        return Ok(());
    };
    let commune = commune_name(db, site).await?;
    let ics = calendars::series_calendar(rows, site, commune.as_ref(), &resource.name, letterhead);
    let language = language(person);
    let dates: Vec<String> = rows.iter().map(|b| when(site, b, language)).collect();
    let lines = Lines::new(
        dates.join("\n    "),
        site,
        commune.as_ref(),
        &letterhead.public_url,
    );
    let facts = lines.facts(site, resource);
    let no_pass = templates::PassFacts {
        pin: "",
        link: "",
        qr_text: "",
        how_to_get_in: &site.how_to_get_in,
    };
    let mut mail = templates::booking_confirmed(email, language, &facts, &no_pass, ics);
    mail.subject = mail.subject.replace(
        &lines.when,
        &format!("{} (+{})", when(site, first, language), rows.len() - 1),
    );
    for attachment in &mut mail.attachments {
        attachment.content_type = "text/calendar; charset=utf-8; method=PUBLISH".to_owned();
    }
    mail::enqueue(db, mail, now).await
}
