//! The demo network: ten tiers-lieux in real Lozère towns, 52 resources and
//! the four demo accounts of DESIGN.md. Running it twice changes nothing:
//! sites are matched by name, people by e-mail address.

use std::fmt;

use crate::db::seed_demo::SiteFields;
use crate::db::{self, DatabaseConnection, DbErr, Txn};
use chrono::{DateTime, Utc};

/// A weekly schedule: (weekdays, periods) with times in minutes since midnight.
type Schedule = &'static [(&'static [i16], &'static [(i32, i32)])];

const H: i32 = 60;
const WEEKDAYS: &[i16] = &[1, 2, 3, 4, 5];
const LUNCH_BREAK: &[(i32, i32)] = &[(8 * H + 30, 12 * H + 30), (13 * H + 30, 18 * H)];
const STANDARD: Schedule = &[(WEEKDAYS, LUNCH_BREAK)];
const STANDARD_AND_SATURDAY: Schedule = &[(WEEKDAYS, LUNCH_BREAK), (&[6], &[(9 * H, 12 * H)])];
const SHORT_WEEK: Schedule = &[(&[2, 3, 4, 5], &[(9 * H, 12 * H), (14 * H, 17 * H + 30)])];
/// A site open every day, Sunday included (used for the time-change tests).
const EVERY_DAY: Schedule = &[(&[1, 2, 3, 4, 5, 6, 7], &[(8 * H, 20 * H)])];

struct DemoSite {
    name: &'static str,
    address: &'static str,
    postcode: &'static str,
    commune_insee: &'static str,
    latitude: f64,
    longitude: f64,
    amenities: &'static [&'static str],
    accessibility: &'static str,
    /// In the range ARCEP keeps for fiction (04 65 71 xx xx): nobody's line.
    phone: &'static str,
    schedule: Schedule,
    desks: u32,
    meeting_rooms: u32,
    phone_booths: u32,
}

/// What the demo sites say about getting in.
const DEMO_HOW_TO_GET_IN: &str = "Sonnez à l'accueil. Quand personne n'y est, tapez votre code sur le clavier à droite de la porte, ou présentez le QR code au lecteur.";

pub const MENDE_SITE: &str = "La Fabrique de Mende";

const SITES: &[DemoSite] = &[
    DemoSite {
        name: MENDE_SITE,
        address: "12 boulevard Henri Bourrillon",
        postcode: "48000",
        commune_insee: "48095",
        latitude: 44.5181,
        longitude: 3.5006,
        amenities: &["wifi", "printer", "kitchen", "parking", "screens"],
        accessibility: "Entrée de plain-pied, toilettes adaptées, boucle magnétique à l'accueil.",
        phone: "04 65 71 10 01",
        schedule: STANDARD_AND_SATURDAY,
        desks: 8,
        meeting_rooms: 2,
        phone_booths: 2,
    },
    DemoSite {
        name: "Le Relais de Florac",
        address: "3 place Boyer",
        postcode: "48400",
        commune_insee: "48061",
        latitude: 44.3240,
        longitude: 3.5930,
        amenities: &["wifi", "printer", "kitchen"],
        accessibility: "Rez-de-chaussée accessible en fauteuil roulant.",
        phone: "04 65 71 10 02",
        schedule: STANDARD,
        desks: 5,
        meeting_rooms: 1,
        phone_booths: 1,
    },
    DemoSite {
        name: "Espace Gévaudan Marvejols",
        address: "5 rue de la République",
        postcode: "48100",
        commune_insee: "48092",
        latitude: 44.5540,
        longitude: 3.2910,
        amenities: &["wifi", "printer", "parking"],
        accessibility: "Ascenseur jusqu'au premier étage.",
        phone: "04 65 71 10 03",
        schedule: STANDARD,
        desks: 5,
        meeting_rooms: 1,
        phone_booths: 1,
    },
    DemoSite {
        name: "Tiers-lieu de la Margeride",
        address: "18 avenue de la Gare",
        postcode: "48200",
        commune_insee: "48140",
        latitude: 44.8020,
        longitude: 3.2750,
        amenities: &["wifi", "kitchen", "parking"],
        accessibility: "Entrée de plain-pied.",
        phone: "04 65 71 10 04",
        schedule: STANDARD,
        desks: 4,
        meeting_rooms: 1,
        phone_booths: 0,
    },
    DemoSite {
        name: "La Passerelle de Langogne",
        address: "2 place de la Halle",
        postcode: "48300",
        commune_insee: "48080",
        latitude: 44.7270,
        longitude: 3.8550,
        amenities: &["wifi", "printer"],
        accessibility: "Une marche à l'entrée, rampe amovible sur demande.",
        phone: "04 65 71 10 05",
        schedule: SHORT_WEEK,
        desks: 4,
        meeting_rooms: 0,
        phone_booths: 1,
    },
    DemoSite {
        name: "Cowork du Causse, La Canourgue",
        address: "7 rue de l'Hôtel de Ville",
        postcode: "48500",
        commune_insee: "48034",
        latitude: 44.4310,
        longitude: 3.2160,
        amenities: &["wifi", "kitchen"],
        accessibility: "Entrée de plain-pied, toilettes adaptées.",
        phone: "04 65 71 10 06",
        schedule: SHORT_WEEK,
        desks: 3,
        meeting_rooms: 1,
        phone_booths: 0,
    },
    DemoSite {
        name: "Maison de l'Aubrac, Aumont-Aubrac",
        address: "1 route du Languedoc",
        postcode: "48130",
        commune_insee: "48009",
        latitude: 44.7220,
        longitude: 3.2850,
        amenities: &["wifi", "parking"],
        accessibility: "Accessible en fauteuil roulant.",
        phone: "04 65 71 10 07",
        schedule: EVERY_DAY,
        desks: 3,
        meeting_rooms: 0,
        phone_booths: 1,
    },
    DemoSite {
        name: "L'Atelier de Villefort",
        address: "4 rue de l'Église",
        postcode: "48800",
        commune_insee: "48198",
        latitude: 44.4400,
        longitude: 3.9320,
        amenities: &["wifi", "printer", "kitchen"],
        accessibility: "Étage sans ascenseur : contactez l'hôte pour un poste au rez-de-chaussée.",
        phone: "04 65 71 10 08",
        schedule: SHORT_WEEK,
        desks: 3,
        meeting_rooms: 0,
        phone_booths: 0,
    },
    DemoSite {
        name: "Le Fournil de Meyrueis",
        address: "9 quai de la Jonte",
        postcode: "48150",
        commune_insee: "48096",
        latitude: 44.1800,
        longitude: 3.4300,
        amenities: &["wifi", "kitchen"],
        accessibility: "Entrée de plain-pied.",
        phone: "04 65 71 10 09",
        schedule: SHORT_WEEK,
        desks: 2,
        meeting_rooms: 0,
        phone_booths: 1,
    },
    DemoSite {
        name: "Le Quai, Le Collet-de-Dèze",
        address: "6 Grand'Rue",
        postcode: "48160",
        commune_insee: "48051",
        latitude: 44.2500,
        longitude: 3.9200,
        amenities: &["wifi"],
        accessibility: "Accessible en fauteuil roulant.",
        phone: "",
        schedule: STANDARD,
        desks: 2,
        meeting_rooms: 0,
        phone_booths: 0,
    },
];

struct DemoPerson {
    email: &'static str,
    name: &'static str,
    commune_insee: &'static str,
    role: Option<DemoRole>,
}

enum DemoRole {
    NetworkAdmin,
    HostOf(&'static str),
    CommuneAdmin(&'static str),
}

const PEOPLE: &[DemoPerson] = &[
    DemoPerson {
        email: "admin@demo.relais",
        name: "Administration du réseau",
        commune_insee: "48095",
        role: Some(DemoRole::NetworkAdmin),
    },
    DemoPerson {
        email: "host.mende@demo.relais",
        name: "Camille Hôte",
        commune_insee: "48095",
        role: Some(DemoRole::HostOf(MENDE_SITE)),
    },
    DemoPerson {
        email: "mairie.mende@demo.relais",
        name: "Mairie de Mende",
        commune_insee: "48095",
        role: Some(DemoRole::CommuneAdmin("48095")),
    },
    DemoPerson {
        email: "alice@demo.relais",
        name: "Alice Martin",
        commune_insee: "48061",
        role: None,
    },
];

/// What a run created, for the log line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SeedSummary {
    pub sites_created: usize,
    pub resources_created: usize,
    pub people_created: usize,
}

impl fmt::Display for SeedSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} sites, {} resources, {} people created",
            self.sites_created, self.resources_created, self.people_created
        )
    }
}

/// Creates whatever part of the demo network is missing, in one transaction.
pub async fn seed(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<SeedSummary, DbErr> {
    let txn = db::begin_write(db).await?;
    let mut summary = SeedSummary::default();
    for demo in SITES {
        let existing = db::seed_demo::site_named(&txn, demo.name).await?;
        if existing.is_some() {
            continue;
        }
        let fields = SiteFields {
            name: demo.name.to_owned(),
            address: demo.address.to_owned(),
            postcode: demo.postcode.to_owned(),
            commune_insee: demo.commune_insee.to_owned(),
            latitude: demo.latitude,
            longitude: demo.longitude,
            time_zone: "Europe/Paris".to_owned(),
            amenities: serde_json::to_string(demo.amenities).unwrap_or_else(|_| "[]".into()),
            accessibility: demo.accessibility.to_owned(),
            phone: demo.phone.to_owned(),
            slot_minutes: 30,
            max_days_ahead: 90,
            max_booking_minutes: 720,
            cancel_deadline_minutes: 0,
            pass_margin_minutes: 15,
            // Off: the demo's hosts check people in themselves.
            release_after_minutes: None,
            how_to_get_in: DEMO_HOW_TO_GET_IN.to_owned(),
        };
        let created = db::seed_demo::insert_site(&txn, fields, now).await?;
        summary.sites_created += 1;
        for (weekdays, periods) in demo.schedule {
            for &weekday in *weekdays {
                for &(opens, closes) in *periods {
                    db::seed_demo::insert_opening_hour(&txn, created.id, weekday, opens, closes)
                        .await?;
                }
            }
        }
        let kinds = [
            ("desk", "Poste", demo.desks, 1),
            ("meeting_room", "Salle de réunion", demo.meeting_rooms, 8),
            ("phone_booth", "Cabine téléphonique", demo.phone_booths, 1),
        ];
        for (kind, label, count, capacity) in kinds {
            for number in 1..=count {
                db::seed_demo::insert_resource(
                    &txn,
                    created.id,
                    format!("{label} {number}"),
                    kind.to_owned(),
                    capacity,
                    now,
                )
                .await?;
                summary.resources_created += 1;
            }
        }
    }

    for demo in PEOPLE {
        let existing = db::people::person_by_email(&txn, demo.email).await?;
        if existing.is_some() {
            continue;
        }
        let person = db::people::NewPerson {
            email: Some(demo.email.to_owned()),
            display_name: demo.name.to_owned(),
            commune_insee: Some(demo.commune_insee.to_owned()),
            language: "fr".to_owned(),
            created_at: now,
            categories: "[]".to_owned(),
            assisted_by_site_id: None,
        };
        let created = db::people::insert_person(&txn, person).await?;
        super::eligibility::declare_commune(&txn, created.id, Some(demo.commune_insee), now)
            .await?;
        summary.people_created += 1;
        // (role, site, commune) of the grant.
        let grant = match demo.role {
            None => None,
            Some(DemoRole::NetworkAdmin) => Some(("network_admin", None, None)),
            Some(DemoRole::HostOf(site_name)) => {
                let site = db::seed_demo::site_named(&txn, site_name)
                    .await?
                    .ok_or_else(|| DbErr::RecordNotFound(site_name.to_owned()))?;
                Some(("host", Some(site.id), None))
            }
            Some(DemoRole::CommuneAdmin(insee)) => Some(("territory_admin", None, Some(insee))),
        };
        if let Some((role, site_id, commune_insee)) = grant {
            db::seed_demo::insert_role_grant(&txn, created.id, role, site_id, commune_insee)
                .await?;
        }
    }
    seed_acces_libre(&txn, now).await?;
    txn.commit().await?;
    Ok(summary)
}

/// The fixed-point policy "Accès libre", once.
async fn seed_acces_libre(txn: &Txn, now: DateTime<Utc>) -> Result<(), DbErr> {
    let policy = super::quotas::acces_libre();
    let exists = db::seed_demo::all_quota_policy_versions(txn)
        .await?
        .iter()
        .any(|v| {
            v.settings
                .contains(&format!("\"name\":\"{}\"", policy.name))
        });
    if exists {
        return Ok(());
    }
    let policy_id = db::quotas::insert_policy(txn, now).await?.id;
    db::quotas::insert_policy_version(
        txn,
        policy_id,
        1,
        serde_json::to_string(&policy).unwrap_or_default(),
        now,
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_network_is_big_enough() {
        assert!(SITES.len() >= 8);
        let resources: u32 = SITES
            .iter()
            .map(|s| s.desks + s.meeting_rooms + s.phone_booths)
            .sum();
        assert!(resources >= 40, "{resources} resources");
    }
}
