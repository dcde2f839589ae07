//! `cargo xtask bench [sqlite|postgres]`: the booking benchmark of
//! docs/PERFORMANCE.md. A generated network of 50 sites × 10 resources with
//! 1,000,000 bookings by 20,000 people in the year from 2025-06-01; then the
//! usage report of that year, availability for one day (p50, p99, over
//! HTTP), the same for a busy day and its week, booking creation at 32
//! concurrent clients (throughput, p99), the same for one person, and a
//! site's calendar feed. Phases: `stats`, `availability`, `busy`,
//! `bookings`, `bookings-one`, `feeds` after the backend, all by default.

use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use server::clock::Clock;
use server::config::Config;
use server::startup::Application;
use shared::ids::PersonId;

const SITES: i64 = 50;
const RESOURCES_PER_SITE: i64 = 10;
const PAST_BOOKINGS: i64 = 1_000_000;
/// The people who made them (ids from PEOPLE_FROM), from COMMUNES communes.
const PEOPLE: i64 = 20_000;
const PEOPLE_FROM: i64 = 100_000;
const COMMUNES: i64 = 100;
const STATS_RUNS: usize = 5;
const AVAILABILITY_REQUESTS: usize = 500;
const WEEK_REQUESTS: usize = 100;
/// The busy week's bookings per resource and weekday (1h30 each).
const BUSY_SLOTS: [(u32, u32); 4] = [(8, 0), (10, 0), (13, 0), (15, 0)];
const CLIENTS: usize = 32;
const BOOKINGS_PER_CLIENT: usize = 125;
const FEED_REQUESTS: usize = 200;
const NOT_MODIFIED_REQUESTS: usize = 1000;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let backend = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "sqlite".to_owned());
    // Optional phases to run (stats, availability, busy, bookings, bookings-one, feeds); all by default.
    let phases: Vec<String> = std::env::args().skip(2).collect();
    let runs = |phase: &str| phases.is_empty() || phases.iter().any(|p| p == phase);
    let dir = tempfile::tempdir()?;
    let (url, admin) = match backend.as_str() {
        "sqlite" => (format!("sqlite://{}/bench.db", dir.path().display()), None),
        "postgres" => {
            let admin_url = std::env::var("RELAIS_TEST_POSTGRES_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
            let admin = Database::connect(&admin_url).await?;
            admin
                .execute_unprepared("DROP DATABASE IF EXISTS relais_bench WITH (FORCE)")
                .await?;
            admin
                .execute_unprepared("CREATE DATABASE relais_bench")
                .await?;
            let base = admin_url
                .rsplit_once('/')
                .map_or(admin_url.as_str(), |(b, _)| b)
                .to_owned();
            (format!("{base}/relais_bench"), Some(admin))
        }
        other => anyhow::bail!("unknown backend {other}: sqlite or postgres"),
    };
    let db = server::db::connect(&url).await?;
    server::db::migrate(&db).await?;
    let began = Instant::now();
    generate(&db, &backend).await?;
    println!(
        "[{backend}] generated {SITES} sites, {} resources, {PAST_BOOKINGS} past bookings in {:.1} s",
        SITES * RESOURCES_PER_SITE,
        began.elapsed().as_secs_f64()
    );

    // The server sums up the changed days at start, in one long write; done
    // here first, so the phases' own writes do not find SQLite locked.
    let gate = server::db::WriteGate::for_connection(&db);
    server::app::stats::sum_up_changed_days(&db, &gate).await?;

    #[allow(clippy::disallowed_methods)] // a benchmark runs on the real clock
    let clock = Clock::fixed(Utc::now());
    let config = Config::on_loopback(url.clone(), dir.path().join("mail"));
    let app = Application::build_with_clock(config, db.clone(), clock.clone()).await?;
    let base = format!("http://{}", app.local_addr());
    let keys = app.state().keys.clone();
    tokio::spawn(app.run_until_stopped(std::future::pending()));
    let client = reqwest::Client::new();

    // A weekday two weeks ahead, with some bookings on it.
    let mut day = clock.now().date_naive() + chrono::Duration::days(14);
    while day.weekday().number_from_monday() > 5 {
        day += chrono::Duration::days(1);
    }
    if runs("stats") {
        stats(&db, &backend).await?;
    }
    if runs("availability") {
        availability(&client, &base, &backend, day).await?;
    }
    if runs("busy") {
        // Eight weeks on, clear of the booking phases' days.
        let mut monday = weekday_after(day, 40);
        while monday.weekday().number_from_monday() != 1 {
            monday += chrono::Duration::days(1);
        }
        busy_week(&db, &backend, monday, clock.now()).await?;
        // The week's figures summed up now, as the server would within the
        // minute: the measure then finds the machine quiet.
        server::app::stats::sum_up_changed_days(&db, &gate).await?;
        println!("[{backend}] busy week written and summed up; measuring");
        busy(&client, &base, &backend, monday).await?;
    }
    if runs("bookings") {
        let by = Bookers::People;
        bookings(&db, &client, &base, &backend, &keys, clock.now(), day, by).await?;
    }
    if runs("bookings-one") {
        // The same load, all for one person (a host booking for walk-ins, a
        // script): each booking waits for that person's turn at the quota.
        // Four weeks later, so both phases can run on one database.
        let later = weekday_after(day, 20);
        let by = Bookers::OnePerson;
        bookings(&db, &client, &base, &backend, &keys, clock.now(), later, by).await?;
    }
    if runs("feeds") {
        // The confirmations of the bookings phase go out first, so the mail
        // worker does not share the machine with the feed's measure.
        wait_for_outbox(&db).await?;
        feeds(&db, &client, &base, &backend, clock.now()).await?;
    }
    if let Some(admin) = admin {
        drop(db);
        let _ = admin
            .execute_unprepared("DROP DATABASE IF EXISTS relais_bench WITH (FORCE)")
            .await;
    }
    Ok(())
}

async fn availability(
    client: &reqwest::Client,
    base: &str,
    backend: &str,
    day: NaiveDate,
) -> anyhow::Result<()> {
    let url_for = format!("{base}/api/v1/availability?date={day}");
    let mut timings = Vec::with_capacity(AVAILABILITY_REQUESTS);
    for _ in 0..20 {
        client.get(&url_for).send().await?.bytes().await?;
    }
    for _ in 0..AVAILABILITY_REQUESTS {
        let started = Instant::now();
        let response = client.get(&url_for).send().await?;
        anyhow::ensure!(
            response.status() == 200,
            "availability answered {}",
            response.status()
        );
        response.bytes().await?;
        timings.push(started.elapsed());
    }
    let (p50, p99) = percentiles(&mut timings);
    println!(
        "[{backend}] availability, one day, {} resources: p50 {:.2} ms, p99 {:.2} ms ({AVAILABILITY_REQUESTS} requests)",
        SITES * RESOURCES_PER_SITE,
        ms(p50),
        ms(p99)
    );
    Ok(())
}

/// Four bookings on every resource, each weekday of the week from `monday`
/// (10,000 bookings for 500 resources).
async fn busy_week(
    db: &DatabaseConnection,
    backend: &str,
    monday: NaiveDate,
    now: chrono::DateTime<Utc>,
) -> anyhow::Result<()> {
    let instant = |at: chrono::DateTime<Utc>| match backend {
        "postgres" => format!("timestamptz '{}'", at.to_rfc3339()),
        _ => format!("'{}'", at.format("%Y-%m-%dT%H:%M:%S+00:00")),
    };
    let stamp = instant(now);
    for weekday in 0..5 {
        let date = monday + chrono::Duration::days(weekday);
        for (hour, minute) in BUSY_SLOTS {
            let start = paris(date, hour, minute);
            let end = start + chrono::Duration::minutes(90);
            db.execute_unprepared(&format!(
                "INSERT INTO booking (resource_id, site_id, person_id, resident_categories, \
                   start_at, end_at, status, beyond_quota, sequence, created_at, updated_at) \
                 SELECT r.id, r.site_id, {PEOPLE_FROM} + r.id, '[]', {}, {}, 'confirmed', false, 0, {stamp}, {stamp} \
                 FROM resource AS r",
                instant(start),
                instant(end),
            ))
            .await?;
        }
    }
    db.execute_unprepared("ANALYZE").await?;
    Ok(())
}

/// Availability of a busy day (every resource booked four times) and of its
/// week, as the booking page asks them: p50, p99 and the answer's size.
async fn busy(
    client: &reqwest::Client,
    base: &str,
    backend: &str,
    monday: NaiveDate,
) -> anyhow::Result<()> {
    let wednesday = monday + chrono::Duration::days(2);
    for (what, url, requests) in [
        (
            "busy day",
            format!("{base}/api/v1/availability?date={wednesday}"),
            AVAILABILITY_REQUESTS,
        ),
        (
            "busy week",
            format!("{base}/api/v1/availability/week?date={monday}"),
            WEEK_REQUESTS,
        ),
    ] {
        let mut size = 0;
        for _ in 0..20 {
            size = client.get(&url).send().await?.bytes().await?.len();
        }
        // Timed as a browser asks: compressed (the server's compression is part of the cost).
        let browser = |url: &str| {
            client
                .get(url)
                .header("accept-encoding", "gzip, deflate, br, zstd")
        };
        let compressed = browser(&url).send().await?;
        let encoding = compressed
            .headers()
            .get("content-encoding")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("none")
            .to_owned();
        let compressed_size = compressed.bytes().await?.len();
        let mut timings = Vec::with_capacity(requests);
        for _ in 0..requests {
            let started = Instant::now();
            let response = browser(&url).send().await?;
            anyhow::ensure!(
                response.status() == 200,
                "availability answered {}",
                response.status()
            );
            response.bytes().await?;
            timings.push(started.elapsed());
        }
        let (p50, p99) = percentiles(&mut timings);
        println!(
            "[{backend}] availability, {what}, {} resources: p50 {:.2} ms, p99 {:.2} ms ({requests} requests); \
             {size} B ({compressed_size} B with {encoding})",
            SITES * RESOURCES_PER_SITE,
            ms(p50),
            ms(p99)
        );
    }
    Ok(())
}

/// Whom the concurrent clients of the booking phase book for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Bookers {
    /// Each client its own person.
    People,
    /// Every client the same person.
    OnePerson,
}

#[allow(clippy::too_many_arguments)]
async fn bookings(
    db: &DatabaseConnection,
    client: &reqwest::Client,
    base: &str,
    backend: &str,
    keys: &server::auth::secrets::Keys,
    now: chrono::DateTime<Utc>,
    day: NaiveDate,
    by: Bookers,
) -> anyhow::Result<()> {
    // 32 clients, each booking distinct resources and days.
    let mut tokens = Vec::new();
    let one = match by {
        Bookers::People => None,
        Bookers::OnePerson => Some(insert_person(db, "bench-one@example.org", "Bench", now).await?),
    };
    for client_index in 0..CLIENTS {
        let id = match one {
            Some(id) => id,
            None => {
                let email = format!("bench{client_index}@example.org");
                insert_person(db, &email, "Bench", now).await?
            }
        };
        tokens.push(server::auth::session::issue(keys, PersonId(id), 0, now).0);
    }
    let first_day = day;
    let started = Instant::now();
    let mut handles = Vec::new();
    for (client_index, token) in tokens.into_iter().enumerate() {
        let client = client.clone();
        let base = base.to_owned();
        handles.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut created = 0usize;
            for n in 0..BOOKINGS_PER_CLIENT {
                // Each client owns resources client, client+32, …; one morning each.
                let resource = 1 + (client_index + CLIENTS * (n % 15)) as i64;
                let date = weekday_after(first_day, (n / 15) as i64);
                let start = paris(date, 8, 0);
                let end = paris(date, 12, 0);
                let body = serde_json::json!({"resource_id": resource, "start": start.to_rfc3339(), "end": end.to_rfc3339()});
                let began = Instant::now();
                let response = client.post(format!("{base}/api/v1/bookings")).bearer_auth(&token).json(&body).send().await;
                latencies.push(began.elapsed());
                if let Ok(response) = response {
                    if response.status() == 201 {
                        created += 1;
                    } else {
                        eprintln!("booking answered {}: {}", response.status(), response.text().await.unwrap_or_default());
                    }
                }
            }
            (created, latencies)
        }));
    }
    let mut all = Vec::new();
    let mut created = 0;
    for handle in handles {
        let (n, latencies) = handle.await?;
        created += n;
        all.extend(latencies);
    }
    let elapsed = started.elapsed();
    let (p50, p99) = percentiles(&mut all);
    println!(
        "[{backend}] booking creation, {CLIENTS} concurrent clients{}: {created} created in {:.2} s = {:.0} bookings/s, p50 {:.2} ms, p99 {:.2} ms",
        if by == Bookers::OnePerson {
            " for one person"
        } else {
            ""
        },
        elapsed.as_secs_f64(),
        created as f64 / elapsed.as_secs_f64(),
        ms(p50),
        ms(p99)
    );
    Ok(())
}

/// The one number a query answers, in column `n`.
/// A person who signed up with this address; their id.
async fn insert_person(
    db: &DatabaseConnection,
    email: &str,
    name: &str,
    now: chrono::DateTime<Utc>,
) -> anyhow::Result<i64> {
    db.execute_unprepared(&format!(
        "INSERT INTO person (email, display_name, language, created_at, categories, session_epoch) \
         VALUES ('{email}', '{name}', 'fr', '{}', '[]', 0)",
        now.to_rfc3339()
    ))
    .await?;
    number(
        db,
        &format!("SELECT id AS n FROM person WHERE email = '{email}'"),
    )
    .await
}

async fn number(db: &DatabaseConnection, sql: &str) -> anyhow::Result<i64> {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?
        .ok_or_else(|| anyhow::anyhow!("no answer to {sql}"))?;
    Ok(row.try_get("", "n")?)
}

async fn wait_for_outbox(db: &DatabaseConnection) -> anyhow::Result<()> {
    loop {
        let left = number(
            db,
            "SELECT COUNT(*) AS n FROM outbox_mail WHERE sent_at IS NULL",
        )
        .await?;
        if left == 0 {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn weekday_after(from: NaiveDate, weekdays: i64) -> NaiveDate {
    let mut day = from;
    let mut left = weekdays;
    while left > 0 {
        day += chrono::Duration::days(1);
        if day.weekday().number_from_monday() <= 5 {
            left -= 1;
        }
    }
    day
}

fn paris(date: NaiveDate, h: u32, m: u32) -> chrono::DateTime<Utc> {
    chrono_tz::Europe::Paris
        .from_local_datetime(&date.and_hms_opt(h, m, 0).unwrap_or_default())
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

fn percentiles(timings: &mut [Duration]) -> (Duration, Duration) {
    timings.sort();
    let at = |q: f64| timings[((timings.len() as f64 - 1.0) * q).round() as usize];
    (at(0.50), at(0.99))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Sites, resources, opening hours (Monday to Saturday, 08:00–19:00), 20,000
/// people and a million bookings in the year from 2025-06-01, generated
/// inside the database.
async fn generate(db: &DatabaseConnection, backend: &str) -> anyhow::Result<()> {
    let now = "2026-01-01T00:00:00+00:00";
    for site in 1..=SITES {
        db.execute_unprepared(&format!(
            "INSERT INTO site (id, name, address, postcode, commune_insee, latitude, longitude, time_zone, amenities, \
             accessibility, created_at, slot_minutes, max_days_ahead, max_booking_minutes, cancel_deadline_minutes) \
             VALUES ({site}, 'Site {site}', 'Rue {site}', '48000', '48095', {lat}, {lon}, 'Europe/Paris', '[\"wifi\"]', '', '{now}', 30, 365, 720, 0)",
            lat = 44.0 + site as f64 / 100.0,
            lon = 3.0 + site as f64 / 100.0,
        ))
        .await?;
        for weekday in 1..=6 {
            db.execute_unprepared(&format!(
                "INSERT INTO opening_hour (site_id, weekday, opens_minute, closes_minute) VALUES ({site}, {weekday}, 480, 1140)"
            ))
            .await?;
        }
        for r in 0..RESOURCES_PER_SITE {
            let id = (site - 1) * RESOURCES_PER_SITE + r + 1;
            db.execute_unprepared(&format!(
                "INSERT INTO resource (id, site_id, name, kind, capacity, created_at) VALUES ({id}, {site}, 'Poste {r}', 'desk', 1, '{now}')"
            ))
            .await?;
        }
    }
    let resources = SITES * RESOURCES_PER_SITE;
    // The people who came: no address (they cannot sign in), each living in
    // one of the first COMMUNES communes of Lozère, a third job seekers.
    let (series, stamp) = match backend {
        "postgres" => (
            "generate_series(0, {last}) AS n(i)",
            format!("timestamptz '{now}'"),
        ),
        _ => (
            "(WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {last}) SELECT i FROM n) AS n",
            format!("'{now}'"),
        ),
    };
    let numbers = |last: i64| series.replace("{last}", &last.to_string());
    db.execute_unprepared(
        "CREATE TABLE bench_commune AS SELECT insee, \
           (SELECT COUNT(*) FROM commune AS o WHERE o.insee < c.insee) AS n FROM commune AS c",
    )
    .await?;
    db.execute_unprepared(&format!(
        "INSERT INTO person (id, display_name, language, created_at, categories, session_epoch, commune_insee) \
         SELECT {PEOPLE_FROM} + i, 'Personne ' || i, 'fr', {stamp}, \
           CASE WHEN i % 3 = 0 THEN '[\"job_seeker\"]' ELSE '[]' END, 0, c.insee \
         FROM {} JOIN bench_commune AS c ON c.n = i % {COMMUNES}",
        numbers(PEOPLE - 1)
    ))
    .await?;
    if backend == "postgres" {
        db.execute_unprepared(&format!(
            "SELECT setval(pg_get_serial_sequence('site', 'id'), 1000); \
             SELECT setval(pg_get_serial_sequence('resource', 'id'), 10000); \
             SELECT setval(pg_get_serial_sequence('person', 'id'), {});",
            PEOPLE_FROM + PEOPLE
        ))
        .await?;
    }
    // Booking i: resource i % 500, the (i / 500)th of that desk's 2,000 in
    // the year from 2025-06-01 (about five a day, 90 minutes apart, one hour
    // long), by one of the people; one in 20 cancelled the day before, one
    // in 25 a no-show, one in 10 beyond the free quota.
    let start = match backend {
        "postgres" => "timestamptz '2025-06-01 07:00+00' + ((i / {resources}) * 365 / 2000) * interval '1 day' \
                       + ((i / {resources}) % 6) * interval '90 minutes'",
        _ => "strftime('%Y-%m-%dT%H:%M:%S+00:00', '2025-06-01 07:00:00', \
                 '+' || ((i / {resources}) * 365 / 2000) || ' days', \
                 '+' || (((i / {resources}) % 6) * 90) || ' minutes')",
    }
    .replace("{resources}", &resources.to_string());
    let plus = |what: &str| match backend {
        "postgres" => format!("({start}) + interval '{what}'"),
        _ => format!("strftime('%Y-%m-%dT%H:%M:%S+00:00', {start}, '{what}')"),
    };
    let sql = format!(
        "INSERT INTO booking (resource_id, site_id, person_id, resident_commune_insee, resident_categories, \
           start_at, end_at, status, cancelled_at, beyond_quota, sequence, created_at, updated_at) \
         SELECT i % {resources} + 1, (i % {resources}) / {RESOURCES_PER_SITE} + 1, p.id, p.commune_insee, p.categories, \
           {start}, {end}, \
           CASE WHEN i % 20 = 0 THEN 'cancelled' WHEN i % 25 = 1 THEN 'no_show' ELSE 'completed' END, \
           CASE WHEN i % 20 = 0 THEN {day_before} END, i % 10 = 3, 0, {stamp}, {stamp} \
         FROM {} JOIN person AS p ON p.id = {PEOPLE_FROM} + (CAST(i AS BIGINT) * 7919) % {PEOPLE}",
        numbers(PAST_BOOKINGS - 1),
        end = plus("+1 hour"),
        day_before = plus("-1 day"),
    );
    db.execute_unprepared(&sql).await?;
    db.execute_unprepared("DROP TABLE bench_commune").await?;
    db.execute_unprepared("ANALYZE").await?;
    Ok(())
}

/// The usage report of the whole network over the generated year, as a
/// statistics API key reads it: computed STATS_RUNS times (min, median).
async fn stats(db: &DatabaseConnection, backend: &str) -> anyhow::Result<()> {
    let ask = server::app::stats::Ask::new(
        "2025-06-01",
        "2026-05-31",
        None,
        shared::api::UsageGrouping::Month,
    )
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let gate = server::db::WriteGate::for_connection(db);
    // The first report sums up every day of the million new bookings.
    let started = Instant::now();
    server::app::stats::usage(db, &gate, None, &ask, 11)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    println!(
        "[{backend}] first usage report, every site-day summed up: {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let (report, timings) = timed_reports(db, &gate, &ask).await?;
    let bookings: u64 = report.rows.iter().filter_map(|r| r.bookings).sum();
    println!(
        "[{backend}] usage report, {SITES} sites × 12 months, {bookings} bookings counted, {:?} people: min {:.0} ms, median {:.0} ms ({STATS_RUNS} runs)",
        report.people,
        ms(timings[0]),
        ms(timings[STATS_RUNS / 2])
    );

    // The same year for job seekers only (a third of the people): the
    // days split by kind, commune and situation, and the rest kept aside.
    let mut filtered = ask;
    filtered.only =
        server::app::stats::Only::new(None, None, None, Some(shared::api::Category::JobSeeker))
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let (report, timings) = timed_reports(db, &gate, &filtered).await?;
    let bookings: u64 = report.rows.iter().filter_map(|r| r.bookings).sum();
    println!(
        "[{backend}] the same, job seekers only, {bookings} bookings counted, {:?} people: min {:.0} ms, median {:.0} ms ({STATS_RUNS} runs)",
        report.people,
        ms(timings[0]),
        ms(timings[STATS_RUNS / 2])
    );
    Ok(())
}

/// The report computed STATS_RUNS times: the last one, and the times sorted.
async fn timed_reports(
    db: &DatabaseConnection,
    gate: &server::db::WriteGate,
    ask: &server::app::stats::Ask,
) -> anyhow::Result<(shared::api::UsageReport, Vec<std::time::Duration>)> {
    let mut timings = Vec::new();
    let mut report = None;
    for _ in 0..STATS_RUNS {
        let started = Instant::now();
        report = Some(
            server::app::stats::usage(db, gate, None, ask, 11)
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?,
        );
        timings.push(started.elapsed());
    }
    timings.sort();
    let report = report.ok_or_else(|| anyhow::anyhow!("no report"))?;
    Ok((report, timings))
}

/// A site's calendar feed with 10,000 bookings in its window: generated and
/// served (p50, p99), and the 304 a polling calendar app gets.
async fn feeds(
    db: &DatabaseConnection,
    client: &reqwest::Client,
    base: &str,
    backend: &str,
    now: chrono::DateTime<Utc>,
) -> anyhow::Result<()> {
    // A network administrator owns the feed (and is the person booked).
    let owner = insert_person(db, "feeds@example.org", "Camille Feed", now).await?;
    // Site 1's ten desks, one hour a day for 1,000 days from two months ahead.
    let first = (now + chrono::Duration::days(60)).date_naive();
    let sql = match backend {
        "postgres" => format!(
            "INSERT INTO booking (resource_id, site_id, person_id, start_at, end_at, status, sequence, created_at, updated_at) \
             SELECT i % 10 + 1, 1, {owner}, timestamptz '{first} 07:00+00' + (i / 10) * interval '1 day', \
               timestamptz '{first} 08:00+00' + (i / 10) * interval '1 day', 'confirmed', 0, now(), now() \
             FROM generate_series(0, 9999) AS i"
        ),
        _ => format!(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9999) \
             INSERT INTO booking (resource_id, site_id, person_id, start_at, end_at, status, sequence, created_at, updated_at) \
             SELECT i % 10 + 1, 1, {owner}, strftime('%Y-%m-%dT07:00:00+00:00', '{first}', '+' || (i / 10) || ' days'), \
               strftime('%Y-%m-%dT08:00:00+00:00', '{first}', '+' || (i / 10) || ' days'), 'confirmed', 0, \
               '{stamp}', '{stamp}' FROM n",
            stamp = now.to_rfc3339()
        ),
    };
    db.execute_unprepared(&sql).await?;
    db.execute_unprepared(&format!(
        "INSERT INTO role_grant (person_id, role) VALUES ({owner}, 'network_admin')"
    ))
    .await?;
    let token =
        server::app::calendars::token_for(db, owner, server::app::calendars::Scope::Site(1), now)
            .await?;
    let url = format!("{base}/api/v1/feeds/{token}.ics");
    let first_answer = client.get(&url).send().await?;
    anyhow::ensure!(
        first_answer.status() == 200,
        "feed answered {}",
        first_answer.status()
    );
    let etag = first_answer.headers()["etag"].to_str()?.to_owned();
    let body = first_answer.text().await?;
    let events = body.matches("BEGIN:VEVENT").count();
    let mut timings = Vec::new();
    for _ in 0..FEED_REQUESTS {
        let started = Instant::now();
        let response = client.get(&url).send().await?;
        response.bytes().await?;
        timings.push(started.elapsed());
    }
    let (p50, p99) = percentiles(&mut timings);
    println!(
        "[{backend}] site feed, {events} events, {} bytes: p50 {:.2} ms, p99 {:.2} ms ({FEED_REQUESTS} requests)",
        body.len(),
        ms(p50),
        ms(p99)
    );
    let mut timings = Vec::new();
    for _ in 0..NOT_MODIFIED_REQUESTS {
        let started = Instant::now();
        let response = client
            .get(&url)
            .header("if-none-match", &etag)
            .send()
            .await?;
        anyhow::ensure!(
            response.status() == 304,
            "expected 304, got {}",
            response.status()
        );
        timings.push(started.elapsed());
    }
    let (p50, p99) = percentiles(&mut timings);
    println!(
        "[{backend}] site feed unchanged (304): p50 {:.3} ms, p99 {:.3} ms ({NOT_MODIFIED_REQUESTS} requests)",
        ms(p50),
        ms(p99)
    );
    Ok(())
}
