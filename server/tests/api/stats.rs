//! Usage statistics: figures of a small hand-made site computed by hand,
//! who sees which sites, statistical secrecy, the files, and figures that do
//! not move when someone deletes their account.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, TimeZone, Utc};
use reqwest::Method;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::{Value, json};
use server::db::entities::{booking, closure, opening_hour, person, resource, site};

use crate::helpers::{TestApp, on_both_databases};

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// A site in Florac (48061) open Monday to Friday 09:00–17:00 with twelve
/// desks since December, closed on 1 January; its id and its desks.
pub(crate) async fn hand_made_site(app: &TestApp) -> (i64, Vec<i64>) {
    let since = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
    let site = site::ActiveModel {
        name: Set("Site des statistiques".into()),
        address: Set("1 place du Test".into()),
        postcode: Set("48400".into()),
        commune_insee: Set("48061".into()),
        latitude: Set(44.32),
        longitude: Set(3.59),
        time_zone: Set("Europe/Paris".into()),
        amenities: Set("[]".into()),
        accessibility: Set(String::new()),
        created_at: Set(since),
        retired_at: Set(None),
        slot_minutes: Set(30),
        max_days_ahead: Set(60),
        max_booking_minutes: Set(600),
        cancel_deadline_minutes: Set(24 * 60),
        feed_version: Set(0),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    for weekday in 1..=5 {
        opening_hour::ActiveModel {
            site_id: Set(site.id),
            weekday: Set(weekday),
            opens_minute: Set(9 * 60),
            closes_minute: Set(17 * 60),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    closure::ActiveModel {
        site_id: Set(site.id),
        first_day: Set("2027-01-01".parse().unwrap()),
        last_day: Set("2027-01-01".parse().unwrap()),
        reason: Set("Jour de l'an".into()),
        source: Set("manual".into()),
        created_at: Set(since),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let mut desks = Vec::new();
    for n in 0..12 {
        let desk = resource::ActiveModel {
            site_id: Set(site.id),
            name: Set(format!("Poste {n}")),
            kind: Set("desk".into()),
            capacity: Set(1),
            created_at: Set(since),
            retired_at: Set(None),
            feed_version: Set(0),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        desks.push(desk.id);
    }
    (site.id, desks)
}

pub(crate) async fn person(app: &TestApp, n: usize) -> i64 {
    person::ActiveModel {
        email: Set(Some(format!("p{n}@stats.test"))),
        display_name: Set(format!("Personne {n}")),
        commune_insee: Set(Some("48061".into())),
        language: Set("fr".into()),
        created_at: Set(Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap()),
        categories: Set("[]".into()),
        session_epoch: Set(0),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

pub(crate) struct Made<'a> {
    pub(crate) site: i64,
    pub(crate) desk: i64,
    pub(crate) person: i64,
    pub(crate) start: &'a str,
    pub(crate) end: &'a str,
    pub(crate) status: &'a str,
    pub(crate) cancelled_at: Option<&'a str>,
}

async fn book(app: &TestApp, made: Made<'_>) {
    book_from(app, made, "48061", "[]").await;
}

/// A booking of someone living in `commune`, in these situations (JSON).
pub(crate) async fn book_from(app: &TestApp, made: Made<'_>, commune: &str, categories: &str) {
    booking::ActiveModel {
        resource_id: Set(made.desk),
        site_id: Set(made.site),
        person_id: Set(Some(made.person)),
        booked_by_id: Set(Some(made.person)),
        resident_commune_insee: Set(Some(commune.into())),
        resident_categories: Set(categories.into()),
        start_at: Set(utc(made.start)),
        end_at: Set(utc(made.end)),
        status: Set(made.status.into()),
        series_id: Set(None),
        sequence: Set(0),
        created_at: Set(utc("2026-12-20T10:00:00Z")),
        updated_at: Set(utc("2026-12-20T10:00:00Z")),
        cancelled_at: Set(made.cancelled_at.map(utc)),
        cancel_reason: Set(None),
        beyond_quota: Set(false),
        reminded_at: Set(None),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
}

/// Twelve people on Monday 4 January (09:00–12:00 Paris), one of them back on
/// Tuesday and absent, two cancellations (one early, one late), and one
/// booking in February.
async fn january(app: &TestApp) -> (i64, Vec<i64>) {
    let (site, desks) = hand_made_site(app).await;
    let mut people = Vec::new();
    for (n, desk) in desks.iter().enumerate() {
        let p = person(app, n).await;
        people.push(p);
        let made = Made {
            site,
            desk: *desk,
            person: p,
            start: "2027-01-04T08:00:00Z",
            end: "2027-01-04T11:00:00Z",
            status: "completed",
            cancelled_at: None,
        };
        book(app, made).await;
    }
    let on = |person, start, end, status, cancelled_at| Made {
        site,
        desk: desks[0],
        person,
        start,
        end,
        status,
        cancelled_at,
    };
    let p = &people;
    let tuesday = on(
        p[0],
        "2027-01-05T08:00:00Z",
        "2027-01-05T16:00:00Z",
        "no_show",
        None,
    );
    book(app, tuesday).await;
    let early = on(
        p[1],
        "2027-01-06T08:00:00Z",
        "2027-01-06T11:00:00Z",
        "cancelled",
        Some("2027-01-04T10:00:00Z"),
    );
    book(app, early).await;
    let late = on(
        p[2],
        "2027-01-07T08:00:00Z",
        "2027-01-07T11:00:00Z",
        "cancelled",
        Some("2027-01-07T07:00:00Z"),
    );
    book(app, late).await;
    let february = on(
        p[3],
        "2027-02-01T08:00:00Z",
        "2027-02-01T11:00:00Z",
        "completed",
        None,
    );
    book(app, february).await;
    (site, people)
}

on_both_databases!(
    the_figures_follow_every_change_even_one_made_straight_in_the_database,
    |app: TestApp| async move {
        // Reports read summaries of site-days, not bookings: triggers mark
        // the days a change touches, whoever makes it, and the next report
        // sums them up again.
        use sea_orm::ConnectionTrait;
        let (site, people) = january(&app).await;
        let admin = app.token_for("admin@demo.relais").await;
        let query = format!("from=2027-01-01&to=2027-01-31&site_id={site}");
        let january = |body: &Value| body["rows"][0].clone();
        let (_, before) = report(&app, &admin, &query).await;
        let row = january(&before);
        assert_eq!(
            (row["bookings"].clone(), row["cancellations"].clone()),
            (json!(15), json!(2))
        );
        assert_eq!(row["people"], 12);

        // One Monday booking cancelled behind the application's back (its
        // cancellation time is then its last change, long before: early).
        let sql = format!(
            "UPDATE booking SET status = 'cancelled' WHERE person_id = {} AND site_id = {site}",
            people[5]
        );
        app.db.execute_unprepared(&sql).await.unwrap();
        let (_, after) = report(&app, &admin, &query).await;
        let row = january(&after);
        assert_eq!(row["cancellations"], 3, "{row}");
        assert_eq!(row["late_cancellations"], 1);
        assert_eq!(row["booked_hours"], 41.0);
        assert_eq!(row["people"], 11);

        // The site's deadline moves to a week: the cancellation two days
        // ahead becomes late (the one from December stays early).
        let sql = format!("UPDATE site SET cancel_deadline_minutes = 10080 WHERE id = {site}");
        app.db.execute_unprepared(&sql).await.unwrap();
        let (_, after) = report(&app, &admin, &query).await;
        assert_eq!(january(&after)["late_cancellations"], 2);

        // A booking deleted outright is gone from the figures; the person
        // under the threshold with it.
        let sql = format!("DELETE FROM booking WHERE person_id = {}", people[6]);
        app.db.execute_unprepared(&sql).await.unwrap();
        let (_, after) = report(&app, &admin, &query).await;
        let row = january(&after);
        assert_eq!(row["bookings"], 14, "{row}");
        assert_eq!(row["people"], Value::Null);
        assert_eq!(row["people_suppressed"], true);
    }
);

on_both_databases!(
    figures_stay_exact_while_bookings_arrive_during_reports,
    |app: TestApp| async move {
        // Reports sum up stale days while bookings keep coming: a booking
        // written during a rebuild leaves its mark for the next report, so
        // the last report counts every booking, whatever the interleaving.
        let (site, desks) = hand_made_site(&app).await;
        let mut people = Vec::new();
        for n in 0..12 {
            people.push(person(&app, n).await);
        }
        let admin = app.token_for("admin@demo.relais").await;
        let query = format!("from=2027-01-01&to=2027-01-31&site_id={site}");
        let starts: Vec<(String, String)> = (0..48)
            .map(|k| {
                let day = 4 + k / 12;
                (
                    format!("2027-01-{day:02}T08:00:00Z"),
                    format!("2027-01-{day:02}T11:00:00Z"),
                )
            })
            .collect();
        let writer = async {
            for (k, (start, end)) in starts.iter().enumerate() {
                let made = Made {
                    site,
                    desk: desks[k % 12],
                    person: people[k % 12],
                    start,
                    end,
                    status: "completed",
                    cancelled_at: None,
                };
                book(&app, made).await;
            }
        };
        let reader = async {
            for _ in 0..12 {
                let (status, body) = report(&app, &admin, &query).await;
                assert_eq!(status, 200, "{body}");
            }
        };
        tokio::join!(writer, reader);
        let (_, body) = report(&app, &admin, &query).await;
        let row = &body["rows"][0];
        assert_eq!(row["bookings"], 48, "{row}");
        assert_eq!(row["booked_hours"], 144.0);
        assert_eq!(row["people"], 12);
    }
);

pub(crate) async fn report(app: &TestApp, token: &str, query: &str) -> (u16, Value) {
    let path = format!("{}?{query}", shared::routes::STATS_USAGE);
    let (status, body) = app.call(Method::GET, &path, Some(token), None).await;
    (status.as_u16(), body)
}

on_both_databases!(
    a_month_of_a_hand_made_site_computed_by_hand,
    |app: TestApp| async move {
        let (site, _) = january(&app).await;
        let admin = app.token_for("admin@demo.relais").await;
        let (status, body) = report(
            &app,
            &admin,
            &format!("from=2027-01-01&to=2027-01-31&site_id={site}"),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["k"], 11);
        let rows = body["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 1, "{body}");
        let january = &rows[0];
        assert_eq!(january["month"], "2027-01");
        // 21 weekdays, 1 January closed: 20 days × 8 hours × 12 desks.
        assert_eq!(january["open_hours"], 1920.0);
        // Twelve mornings of 3 hours and the absent Tuesday's 8 hours.
        assert_eq!(january["booked_hours"], 44.0);
        assert_eq!(january["occupancy"], 0.023);
        assert_eq!(january["bookings"], 15);
        assert_eq!(january["cancellations"], 2);
        assert_eq!(january["late_cancellations"], 1);
        assert_eq!(january["no_shows"], 1);
        assert_eq!(january["people"], 12);
        assert_eq!(january["people_suppressed"], false);
        // By kind: the site has desks only.
        assert_eq!(
            body["kinds"],
            json!([{"kind": "desk", "open_hours": 1920.0, "booked_hours": 44.0,
                "occupancy": 0.023, "bookings": 15}])
        );
        // The heat map: twelve people on Monday 9:00–12:00; one person's
        // Tuesday (9:00–17:00) is theirs and not published.
        let heat: Vec<(u64, u64, Value)> = body["heat"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let n = |f: &str| c[f].as_u64().unwrap();
                (n("weekday"), n("hour"), c["bookings"].clone())
            })
            .collect();
        let mut expected: Vec<(u64, u64, Value)> =
            (9..12).map(|h| (1, h, Value::from(12))).collect();
        expected.extend((9..17).map(|h| (2, h, Value::Null)));
        assert_eq!(heat, expected);

        // By week: the first days of January (closed, then the weekend) and the first week.
        let (_, weeks) = report(
            &app,
            &admin,
            &format!("from=2027-01-01&to=2027-01-10&site_id={site}&group=week"),
        )
        .await;
        let weeks = weeks["rows"].as_array().unwrap().clone();
        assert_eq!(weeks.len(), 2);
        assert_eq!(weeks[0]["week"], "2026-W53");
        assert_eq!(weeks[0]["month"], "2027-01");
        assert_eq!(weeks[0]["open_hours"], 0.0);
        assert_eq!(weeks[0]["occupancy"], Value::Null);
        assert_eq!(weeks[1]["week"], "2027-W01");
        assert_eq!(weeks[1]["open_hours"], 480.0);
        assert_eq!(weeks[1]["people"], 12);

        // February: one person is not published.
        let (_, february) = report(
            &app,
            &admin,
            &format!("from=2027-02-01&to=2027-02-28&site_id={site}"),
        )
        .await;
        let row = &february["rows"][0];
        assert_eq!(row["people"], Value::Null);
        assert_eq!(row["people_suppressed"], true);
        // …and one person's bookings are theirs: not published either, nor
        // the totals that would give them back.
        assert_eq!(row["bookings"], Value::Null);
        assert_eq!(row["booked_hours"], Value::Null);
        assert_eq!(row["occupancy"], Value::Null);
        assert_eq!(row["activity_suppressed"], true);
        // 20 weekdays × 8 hours × 12 desks: what was open is no one's.
        assert_eq!(row["open_hours"], 1920.0);
        let totals = february["totals"].as_array().unwrap();
        assert!(
            totals
                .iter()
                .all(|t| t["activity_suppressed"] == true && t["bookings"].is_null()),
            "{totals:?}"
        );
        // January and February together: the kinds and the heat map add
        // up to the report's total, which gives February back once January
        // is known: their activity is hidden too, the open hours stay.
        let (_, both) = report(
            &app,
            &admin,
            &format!("from=2027-01-01&to=2027-02-28&site_id={site}"),
        )
        .await;
        let whole = both["totals"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(whole["bookings"], Value::Null, "{whole}");
        let kinds = both["kinds"].as_array().unwrap();
        assert!(!kinds.is_empty());
        assert!(
            kinds.iter().all(|k| k["booked_hours"].is_null()
                && k["bookings"].is_null()
                && k["open_hours"].as_f64() > Some(0.0)),
            "{kinds:?}"
        );
        let heat = both["heat"].as_array().unwrap();
        assert!(
            !heat.is_empty() && heat.iter().all(|c| c["bookings"].is_null()),
            "{heat:?}"
        );
        // January alone has no such line: its kinds and heat are published.
        assert!(
            body["kinds"]
                .as_array()
                .unwrap()
                .iter()
                .all(|k| k["bookings"].is_u64())
        );

        // January's totals: the month, then the whole report.
        assert_eq!(body["totals"][0]["period"], "2027-01");
        assert_eq!(body["totals"][0]["bookings"], 15);
        assert_eq!(body["totals"][1]["period"], Value::Null);
        assert_eq!(body["totals"][1]["booked_hours"], 44.0);
    }
);

on_both_databases!(
    hours_one_person_kept_stay_secret_when_another_only_cancelled,
    |app: TestApp| async move {
        // February holds one person's booking. Someone else books and
        // cancels there too: the line has two makers, but its hours, its
        // no-shows and its cancellations are each one person's.
        let (site, people) = january(&app).await;
        let desk = resource::Entity::find()
            .filter(resource::Column::SiteId.eq(site))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let cancelled = Made {
            site,
            desk,
            person: people[4],
            start: "2027-02-02T08:00:00Z",
            end: "2027-02-02T11:00:00Z",
            status: "cancelled",
            cancelled_at: Some("2027-01-20T10:00:00Z"),
        };
        book(&app, cancelled).await;
        let admin = app.token_for("admin@demo.relais").await;
        let query = format!("from=2027-02-01&to=2027-02-28&site_id={site}");
        let (_, february) = report(&app, &admin, &query).await;
        let row = &february["rows"][0];
        assert_eq!(row["activity_suppressed"], true, "{row}");
        assert_eq!(row["booked_hours"], Value::Null);
        assert_eq!(row["bookings"], Value::Null);
        assert_eq!(row["cancellations"], Value::Null);
    }
);

on_both_databases!(
    figures_stay_the_same_after_an_account_is_deleted,
    |app: TestApp| async move {
        let (site, _) = january(&app).await;
        let admin = app.token_for("admin@demo.relais").await;
        let query = format!("from=2027-01-01&to=2027-01-31&site_id={site}");
        let weekly = format!("{query}&group=week");
        let (_, before) = report(&app, &admin, &query).await;
        let (_, weeks_before) = report(&app, &admin, &weekly).await;
        for n in [0, 5] {
            let token = app.token_for(&format!("p{n}@stats.test")).await;
            let (status, _) = app
                .call(Method::DELETE, "/api/v1/me", Some(&token), None)
                .await;
            assert_eq!(status, 204);
        }
        let gone = person::Entity::find()
            .filter(person::Column::Email.eq("p0@stats.test"))
            .one(&app.db)
            .await
            .unwrap();
        assert!(gone.is_none(), "the person is deleted");
        let (_, after) = report(&app, &admin, &query).await;
        let (_, weeks_after) = report(&app, &admin, &weekly).await;
        assert_eq!(after, before);
        assert_eq!(weeks_after, weeks_before);
        assert_eq!(after["rows"][0]["people"], 12);
    }
);

on_both_databases!(
    each_role_sees_its_own_sites_and_nobody_else_sees_any,
    |app: TestApp| async move {
        let sites = site::Entity::find().all(&app.db).await.unwrap();
        let all: BTreeSet<i64> = sites.iter().map(|s| s.id).collect();
        let mende: BTreeSet<i64> = sites
            .iter()
            .filter(|s| s.commune_insee == "48095")
            .map(|s| s.id)
            .collect();
        let outside = *all.difference(&mende).next().unwrap();
        let seen = |body: &Value| -> BTreeSet<i64> {
            body["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["site_id"].as_i64().unwrap())
                .collect()
        };
        let month = "from=2027-01-01&to=2027-01-31";

        let admin = app.token_for("admin@demo.relais").await;
        let (status, body) = report(&app, &admin, month).await;
        assert_eq!(status, 200);
        assert_eq!(seen(&body), all);

        let town_hall = app.token_for("mairie.mende@demo.relais").await;
        let (status, body) = report(&app, &town_hall, month).await;
        assert_eq!(status, 200);
        assert!(!mende.is_empty());
        assert_eq!(seen(&body), mende);
        let (status, _) = report(&app, &town_hall, &format!("{month}&site_id={outside}")).await;
        assert_eq!(status, 403);

        let host = app.token_for("host.mende@demo.relais").await;
        let (_, me) = app.call(Method::GET, "/api/v1/me", Some(&host), None).await;
        let own = me["roles"][0]["site_id"].as_i64().unwrap();
        let (status, body) = report(&app, &host, month).await;
        assert_eq!(status, 200);
        assert_eq!(seen(&body), BTreeSet::from([own]));

        let alice = app.token_for("alice@demo.relais").await;
        let (status, body) = report(&app, &alice, month).await;
        assert_eq!(status, 403, "{body}");
        let path = format!("{}?{month}", shared::routes::STATS_USAGE);
        let (status, _) = app.call(Method::GET, &path, None, None).await;
        assert_eq!(status, 401);

        // Wrong days are explained.
        let (status, body) = report(&app, &admin, "from=2027-02-01&to=2027-01-01").await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (400, Some("invalid_interval"))
        );
        let (status, body) = report(&app, &admin, "from=2027-13-01&to=2027-12-31").await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (400, Some("invalid_date"))
        );
    }
);

on_both_databases!(the_same_figures_as_csv_files, |app: TestApp| async move {
    let (site, _) = january(&app).await;
    let admin = app.token_for("admin@demo.relais").await;
    let query = format!("from=2027-01-01&to=2027-01-31&site_id={site}");
    let file = |format: &'static str| {
        let url = app.url(&format!(
            "{}?{query}&format={format}",
            shared::routes::STATS_USAGE
        ));
        let request = app.client.get(url).bearer_auth(&admin);
        async move {
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), 200);
            let header = |name| response.headers()[name].to_str().unwrap().to_owned();
            let (kind, disposition) = (header("content-type"), header("content-disposition"));
            (kind, disposition, response.text().await.unwrap())
        }
    };
    let (kind, disposition, csv) = file("csv").await;
    assert!(kind.starts_with("text/csv"), "{kind}");
    assert!(
        disposition.starts_with("attachment; filename=\"relais-usage-2027-01-01-2027-01-31"),
        "{disposition}"
    );
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert!(lines[0].starts_with("site_id,site_name,month,"));
    assert_eq!(
        lines[1],
        format!("{site},Site des statistiques,2027-01,,1920,44,0.023,15,2,1,1,12,false,0,false")
    );
    let (_, _, excel) = file("csv-excel").await;
    assert!(excel.starts_with('\u{feff}'));
    let lines: Vec<&str> = excel.split("\r\n").collect();
    assert_eq!(
        lines[1],
        format!("{site};Site des statistiques;01/2027;;1920;44;0,023;15;2;1;1;12;non;0;non")
    );
});

/// Reads one sheet (by its place, from 0) of an XLSX or ODS file with Python's openpyxl or
/// odfpy (software that is not Relais's) and prints its rows as JSON.
const READ_BACK: &str = r#"
import json, sys
path, kind, sheet = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = []
if kind == "xlsx":
    import openpyxl
    sheet = openpyxl.load_workbook(path).worksheets[sheet]
    for row in sheet.iter_rows(values_only=True):
        rows.append([c.strftime("%Y-%m-%d") if hasattr(c, "strftime") else c for c in row])
    names = openpyxl.load_workbook(path).sheetnames
else:
    from odf.opendocument import load
    from odf.table import Table, TableRow, TableCell
    from odf import teletype
    doc = load(path)
    tables = doc.spreadsheet.getElementsByType(Table)
    names = [t.getAttribute("name") for t in tables]
    for tr in tables[sheet].getElementsByType(TableRow):
        row = []
        for cell in tr.getElementsByType(TableCell):
            kind_ = cell.getAttribute("valuetype")
            if kind_ == "float":
                row.append(float(cell.getAttribute("value")))
            elif kind_ == "date":
                row.append(cell.getAttribute("datevalue"))
            elif kind_ == "string":
                row.append(teletype.extractText(cell))
            else:
                row.append(None)
        rows.append(row)
print(json.dumps({"sheets": names, "rows": rows}))
"#;

on_both_databases!(
    the_same_figures_in_xlsx_and_ods_read_back_by_other_software,
    |app: TestApp| async move {
        let Ok(python) = std::env::var("SPREADSHEET_PYTHON") else {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI=true but SPREADSHEET_PYTHON is not set: the spreadsheets must be read back"
            );
            eprintln!(
                "SPREADSHEET_PYTHON not set: spreadsheets not read back (cargo xtask test sets it)"
            );
            return;
        };
        let (site, _) = january(&app).await;
        let admin = app.token_for("admin@demo.relais").await;
        let query = format!("from=2027-01-01&to=2027-01-31&site_id={site}");
        let dir = tempfile::tempdir().unwrap();
        for (format, kind) in [
            (
                "xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
        ] {
            let url = app.url(&format!(
                "{}?{query}&format={format}",
                shared::routes::STATS_USAGE
            ));
            let response = app
                .client
                .get(url)
                .bearer_auth(&admin)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200);
            assert_eq!(response.headers()["content-type"], kind);
            let path = dir.path().join(format!("usage.{format}"));
            std::fs::write(&path, response.bytes().await.unwrap()).unwrap();
            let read_sheet = |sheet: &str| {
                let out = std::process::Command::new(&python)
                    .args(["-c", READ_BACK])
                    .arg(&path)
                    .arg(format)
                    .arg(sheet)
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                serde_json::from_slice::<Value>(&out.stdout).unwrap()
            };
            let read = read_sheet("0");
            assert_eq!(
                read["sheets"],
                json!(["Fréquentation", "Personnes", "Accès gratuit", "À lire"])
            );
            // Free access per policy: its headings (the hand-made month has
            // no quota ledger; the figures are checked in the JSON test).
            let quotas = read_sheet("2");
            assert_eq!(
                quotas["rows"][0],
                json!(["Règle d'accès gratuit", "Utilisé", "Unité", "Réservations"]),
                "{format}"
            );
            // The people sheet: the same counts as the JSON.
            let people = read_sheet("1");
            let line = |name: &str| {
                people["rows"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|r| r[0] == name || r[2] == name)
                    .unwrap_or_else(|| panic!("{format}: no line {name}: {people}"))[3]
                    .clone()
            };
            assert_eq!(line("Ensemble").as_f64(), Some(12.0), "{format}");
            assert_eq!(line("Nouvelles").as_f64(), Some(12.0), "{format}");
            assert_eq!(
                line("Florac Trois Rivières").as_f64(),
                Some(12.0),
                "{format}"
            );
            assert_eq!(line("CC Gorges Causses Cévennes").as_f64(), Some(12.0));
            let heading = &read["rows"][0];
            assert_eq!(heading[0], "Numéro du lieu", "{format}");
            let row = &read["rows"][1];
            assert_eq!(row[0].as_f64(), Some(site as f64), "{format}: {row}");
            assert_eq!(row[1], "Site des statistiques");
            assert_eq!(row[2], "2027-01-01", "{format}: a month is a date");
            assert_eq!(row[4].as_f64(), Some(1920.0));
            assert_eq!(row[5].as_f64(), Some(44.0));
            assert_eq!(row[6].as_f64(), Some(0.023));
            assert_eq!(row[7].as_f64(), Some(15.0));
            assert_eq!(row[11].as_f64(), Some(12.0));
            assert_eq!(row[12], "non");
        }
    }
);

/// June 2027 at the hand-made site: 21 people from Florac Trois Rivières
/// (12 students among them, one of whom first came in May), 4 from Les
/// Bondons (the same EPCI, Gorges Causses Cévennes) and 16 from Mende (Cœur
/// de Lozère), 3 of them job seekers.
async fn june(app: &TestApp) -> i64 {
    let (site, desks) = hand_made_site(app).await;
    let mut lives = Vec::new();
    lives.extend((0..12).map(|_| ("48061", r#"["student"]"#)));
    lives.extend((0..8).map(|_| ("48061", "[]")));
    lives.extend((0..4).map(|_| ("48028", "[]")));
    lives.extend((0..3).map(|_| ("48095", r#"["job_seeker"]"#)));
    lives.extend((0..13).map(|_| ("48095", "[]")));
    lives.push(("48061", r#"["student"]"#));
    for (n, (commune, categories)) in lives.iter().enumerate() {
        let p = person(app, 100 + n).await;
        // Monday 7 June 2027 onwards, twelve people a day, 09:00–12:00.
        let day = 7 + n / 12;
        let (start, end) = (
            format!("2027-06-{day:02}T07:00:00Z"),
            format!("2027-06-{day:02}T10:00:00Z"),
        );
        let made = Made {
            site,
            desk: desks[n % 12],
            person: p,
            start: &start,
            end: &end,
            status: "completed",
            cancelled_at: None,
        };
        book_from(app, made, commune, categories).await;
        if n == lives.len() - 1 {
            let may = Made {
                site,
                desk: desks[0],
                person: p,
                start: "2027-05-03T07:00:00Z",
                end: "2027-05-03T10:00:00Z",
                status: "completed",
                cancelled_at: None,
            };
            book_from(app, may, commune, categories).await;
        }
    }
    site
}

/// (name, people) of each line of a breakdown.
fn lines(report: &Value, part: &str, name: &str) -> Vec<(String, Value)> {
    report[part]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l[name].as_str().unwrap_or("").to_owned(),
                l["people"].clone(),
            )
        })
        .collect()
}

on_both_databases!(
    people_by_residence_and_situation_with_secondary_suppression,
    |app: TestApp| async move {
        let site = june(&app).await;
        let admin = app.token_for("admin@demo.relais").await;
        let query = format!("from=2027-06-01&to=2027-06-30&site_id={site}");
        let (status, body) = report(&app, &admin, &query).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["people"], 41);
        // One of the 41 first came in May.
        assert_eq!(body["new_people"], 40);
        // Les Bondons (4) is secret, so Florac is too: 25 − 21 would give 4.
        // Neither is named: they are the EPCI's « other communes », 25
        // together (what the EPCI minus its named communes gives anyway).
        assert_eq!(
            lines(&body, "residence", "name"),
            [
                ("CC Coeur de Lozère".to_owned(), Value::from(16)),
                ("Mende".to_owned(), Value::from(16)),
                ("CC Gorges Causses Cévennes".to_owned(), Value::from(25)),
                ("Autres communes".to_owned(), Value::from(25)),
            ]
        );
        assert!(!body["residence"].to_string().contains("Bondons"), "{body}");
        let levels: Vec<&str> = body["residence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["level"].as_str().unwrap())
            .collect();
        assert_eq!(levels, ["epci", "commune", "epci", "other_communes"]);
        assert_eq!(
            body["residence"][3]["epci_code"],
            body["residence"][2]["code"]
        );
        // Job seekers (3) are secret, so students (13) are too: none
        // declared (25) stays, as 41 − 25 = 16 hides who is which.
        assert_eq!(
            lines(&body, "categories", "category"),
            [
                (String::new(), Value::from(25)),
                ("job_seeker".to_owned(), Value::Null),
                ("student".to_owned(), Value::Null),
            ]
        );

        // The same table as a CSV file: secret counts empty and flagged for
        // pipelines, "< 11" for French Excel.
        let csv = |format: &str| {
            let url = app.url(&format!(
                "{}?{query}&format={format}&table=people",
                shared::routes::STATS_USAGE
            ));
            let request = app.client.get(url).bearer_auth(&admin);
            async move {
                let response = request.send().await.unwrap();
                assert_eq!(response.status(), 200);
                let disposition = response.headers()["content-disposition"].to_str().unwrap();
                assert!(disposition.contains(".people.csv"), "{disposition}");
                response.text().await.unwrap()
            }
        };
        let plain = csv("csv").await;
        let plain: Vec<&str> = plain.split("\r\n").collect();
        assert_eq!(plain[0], "line,code,name,people,people_suppressed");
        assert_eq!(
            plain[1],
            "total,,Personnes distinctes sur la période,41,false"
        );
        assert_eq!(
            plain[2],
            "new,,Première réservation dans le réseau,40,false"
        );
        assert!(
            plain.contains(&"other_communes,,Autres communes,25,false"),
            "{plain:?}"
        );
        assert!(
            plain.contains(&"situation,job_seeker,Demandeur ou demandeuse d'emploi,,true"),
            "{plain:?}"
        );
        let excel = csv("csv-excel").await;
        assert!(excel.starts_with('\u{feff}'));
        assert!(
            excel.contains("Situation;job_seeker;Demandeur ou demandeuse d'emploi;< 11\r\n"),
            "{excel}"
        );

        // Deleting accounts changes none of it.
        for n in [100, 120, 124] {
            let token = app.token_for(&format!("p{n}@stats.test")).await;
            let (status, _) = app
                .call(Method::DELETE, "/api/v1/me", Some(&token), None)
                .await;
            assert_eq!(status, 204);
        }
        let (_, after) = report(&app, &admin, &query).await;
        assert_eq!(after, body);

        // The town hall of Mende: its 16 residents who came to Florac.
        let mende = app.token_for("mairie.mende@demo.relais").await;
        let (status, body) = report(&app, &mende, "from=2027-06-01&to=2027-06-30").await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["residents_anywhere"][0]["territory"], "Mende");
        assert_eq!(body["residents_anywhere"][0]["people"], 16);
        // Only its own sites in the rows.
        assert!(
            body["rows"]
                .as_array()
                .unwrap()
                .iter()
                .all(|r| r["site_id"] != site)
        );
    }
);

/// A network that chooses a higher threshold: 12 people are no longer shown.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_network_chooses_its_threshold_never_under_five() {
    let app = crate::helpers::spawn_app_with(crate::helpers::Backend::Sqlite, |config| {
        config.stats_threshold = 13;
    })
    .await
    .unwrap();
    let (site, _) = january(&app).await;
    let admin = app.token_for("admin@demo.relais").await;
    let (status, body) = report(
        &app,
        &admin,
        &format!("from=2027-01-01&to=2027-01-31&site_id={site}"),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["k"], 13);
    assert_eq!(body["rows"][0]["people"], Value::Null);
    assert_eq!(body["rows"][0]["people_suppressed"], true);
    // Twelve people made January: their activity is published all the same.
    assert_eq!(body["rows"][0]["bookings"], 15);

    // Under five is refused when Relais starts.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_relais"))
        .args(["--stats-threshold", "4", "--help"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{said}");
    assert!(said.contains("stats-threshold"), "{said}");
}

/// The quota line of a report for a policy name.
fn quota_line(report: &Value, name: &str) -> Value {
    report["quotas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["name"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("no line for {name}: {report}"))
}

on_both_databases!(
    free_access_used_per_policy_one_person_alone_kept_secret,
    |app: TestApp| async move {
        use crate::bookings::{booking, paris};
        let monday = crate::quotas::first_monday_of_next_month(&app);
        let desks = crate::quotas::desks(&app, "48095").await;
        let alice = app.token_for("alice@demo.relais").await;
        let bea = app.sign_in("bea@stats.test").await;
        let book = |token: &str, desk: i64, day: chrono::NaiveDate, (from, to): (u32, u32)| {
            let body = booking(desk, paris(day, from, 0), paris(day, to, 0));
            let token = token.to_owned();
            let app = &app;
            async move {
                let (status, made) = app.post("/api/v1/bookings", Some(&token), body).await;
                assert_eq!(status, 201, "{made}");
                made["id"].as_i64().unwrap()
            }
        };
        // Monday: Alice a morning, Béa a whole day. Tuesday: Alice alone, a
        // morning she then cancels in time (refunded), and an afternoon.
        let tuesday = monday + chrono::Duration::days(1);
        book(&alice, desks[0], monday, (9, 12)).await;
        book(&bea, desks[1], monday, (9, 17)).await;
        let cancelled = book(&alice, desks[0], tuesday, (9, 12)).await;
        book(&alice, desks[0], tuesday, (14, 17)).await;
        let (status, _) = app
            .call(
                Method::DELETE,
                &format!("/api/v1/bookings/{cancelled}"),
                Some(&alice),
                None,
            )
            .await;
        assert_eq!(status, 200);

        let admin = app.token_for("admin@demo.relais").await;
        let site = crate::bookings::site_id(&app, "48095").await;
        let query = |from: chrono::NaiveDate, to: chrono::NaiveDate| {
            format!("from={from}&to={to}&site_id={site}")
        };
        let (status, body) = report(&app, &admin, &query(monday, tuesday)).await;
        assert_eq!(status, 200, "{body}");
        let line = quota_line(&body, "Accès libre");
        // Half a day + a day + half a day (the refunded morning costs nothing).
        assert_eq!(line["used"], 2.0, "{line}");
        assert_eq!(line["bookings"], 3);
        assert_eq!(line["measure"], "days");
        assert_eq!(line["activity_suppressed"], false);

        // With the next month, where Alice comes alone once: her line is
        // hidden, and so are the policy's figures (a sum that would give it
        // back).
        let mut later = (monday.with_day(1).unwrap() + chrono::Duration::days(40))
            .with_day(1)
            .unwrap();
        while later.weekday() != chrono::Weekday::Mon {
            later += chrono::Duration::days(1);
        }
        book(&alice, desks[0], later, (9, 12)).await;
        let last =
            (later + chrono::Duration::days(40)).with_day(1).unwrap() - chrono::Duration::days(1);
        let (_, two_months) = report(&app, &admin, &query(monday.with_day(1).unwrap(), last)).await;
        let line = quota_line(&two_months, "Accès libre");
        assert_eq!(line["used"], Value::Null, "{two_months}");
        assert_eq!(line["activity_suppressed"], true);

        // Tuesday alone is Alice's: nothing of it is published.
        let (_, body) = report(&app, &admin, &query(tuesday, tuesday)).await;
        let line = quota_line(&body, "Accès libre");
        assert_eq!(line["used"], Value::Null, "{line}");
        assert_eq!(line["bookings"], Value::Null);
        assert_eq!(line["activity_suppressed"], true);
    }
);
