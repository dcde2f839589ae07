//! A crash in the middle of a rush: 32 clients book, `relais` is killed with
//! SIGKILL while they do, then started again on the same database. Every
//! booking that was answered 201 must be there, and its confirmation mail
//! must still go out: an answer is only given once the booking and its mail
//! are committed together.

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use server::db::entities::{booking, outbox_mail};
use shared::api::Language;
use tokio::sync::Notify;

use crate::helpers::{Backend, BareDatabase, bare_database, test_start};

const CLIENTS: usize = 32;
const EACH: usize = 6;
/// The kill comes after this many answers, so that many requests are in flight.
const KILL_AFTER: usize = 60;

/// `relais serve` on the database, answering at `address`; killed when dropped.
struct Process {
    child: Child,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `relais serve` on the database, its clock starting at `clock_start`.
async fn serve(
    base: &BareDatabase,
    port: u16,
    clock_start: chrono::DateTime<chrono::Utc>,
) -> Process {
    let process = Process {
        child: Command::new(env!("CARGO_BIN_EXE_relais"))
            .args(["serve", "--database-url", &base.url])
            .args(["--addr", &format!("127.0.0.1:{port}")])
            .arg("--mail-dir")
            .arg(base.dir.path().join("mail"))
            .args(["--clock-start", &clock_start.to_rfc3339()])
            .env_remove("RELAIS_SESSION_SECRET")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("relais starts"),
    };
    let client = reqwest::Client::new();
    for _ in 0..400 {
        let healthy = client
            .get(format!("http://127.0.0.1:{port}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success());
        if healthy {
            return process;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("relais did not answer /healthz within 20 s");
}

/// One-hour slots on next Monday, from the availability the server shows.
async fn slots(address: &str, count: usize) -> Vec<(i64, String, String)> {
    let monday = crate::helpers::test_start().date_naive() + chrono::Duration::days(5);
    let day: Value = reqwest::get(format!("{address}/api/v1/availability?date={monday}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut found = Vec::new();
    for site in day["sites"].as_array().unwrap() {
        for resource in site["resources"].as_array().unwrap() {
            for free in resource["free"].as_array().unwrap() {
                let parse =
                    |v: &Value| chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap();
                let (mut start, end) = (parse(&free["start"]), parse(&free["end"]));
                while start + chrono::Duration::hours(1) <= end && found.len() < count {
                    let next = start + chrono::Duration::hours(1);
                    found.push((
                        resource["resource_id"].as_i64().unwrap(),
                        start.to_rfc3339(),
                        next.to_rfc3339(),
                    ));
                    start = next;
                }
            }
        }
    }
    assert_eq!(found.len(), count, "enough free hours on {monday}");
    found
}

async fn bookings_answered_201_survive_a_kill(backend: Backend) {
    let Some(base) = bare_database(backend).await else {
        return;
    };
    let keys = server::auth::secrets::load(&base.db, None).await.unwrap();
    let mut people = Vec::new();
    for n in 0..CLIENTS {
        let email = format!("rush{n}@example.org");
        let person =
            server::app::people::find_or_create(&base.db, &email, Language::Fr, test_start())
                .await
                .unwrap();
        let token = server::auth::session::issue(
            &keys,
            shared::ids::PersonId(person.id),
            person.session_epoch,
            test_start(),
        )
        .0;
        people.push((email, token));
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let address = format!("http://127.0.0.1:{port}");
    let first = serve(&base, port, test_start()).await;
    let slots = slots(&address, CLIENTS * EACH).await;

    let answers = Arc::new(AtomicUsize::new(0));
    let enough = Arc::new(Notify::new());
    let mut tasks = Vec::new();
    for (n, (email, token)) in people.iter().cloned().enumerate() {
        let mine: Vec<_> = slots.iter().skip(n).step_by(CLIENTS).cloned().collect();
        let (address, answers, enough) = (address.clone(), answers.clone(), enough.clone());
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut booked = Vec::new();
            for (resource, start, end) in mine {
                let sent = client
                    .post(format!("{address}/api/v1/bookings"))
                    .bearer_auth(&token)
                    .json(&json!({"resource_id": resource, "start": start, "end": end}))
                    .send()
                    .await;
                let Ok(response) = sent else { break };
                let status = response.status().as_u16();
                let Ok(body) = response.json::<Value>().await else {
                    break;
                };
                if answers.fetch_add(1, Ordering::SeqCst) + 1 == KILL_AFTER {
                    enough.notify_one();
                }
                if status == 201 {
                    booked.push(body["id"].as_i64().unwrap());
                }
            }
            (email, booked)
        }));
    }
    enough.notified().await;
    drop(first); // SIGKILL, with requests in flight
    let mut answered: HashMap<String, Vec<i64>> = HashMap::new();
    for task in tasks {
        let (email, booked) = task.await.unwrap();
        answered.insert(email, booked);
    }
    let confirmed: usize = answered.values().map(Vec::len).sum();
    eprintln!(
        "killed after {} answers ({confirmed} bookings answered 201) of {} requests",
        answers.load(Ordering::SeqCst),
        CLIENTS * EACH
    );
    assert!(
        confirmed >= KILL_AFTER / 2,
        "{confirmed} bookings answered 201"
    );
    assert!(
        answers.load(Ordering::SeqCst) < CLIENTS * EACH,
        "the kill came before every request was answered"
    );

    // Started again, two minutes later: every booking answered 201 is there…
    // (A worker's claim on the mails it was sending lasts a minute: what the
    // killed process held goes out once the claim lapses.)
    let _second = serve(&base, port, test_start() + chrono::Duration::minutes(2)).await;
    for id in answered.values().flatten() {
        let row = booking::Entity::find_by_id(*id)
            .one(&base.db)
            .await
            .unwrap();
        assert_eq!(
            row.map(|b| b.status),
            Some("confirmed".to_owned()),
            "booking {id}"
        );
    }
    // …and each one's confirmation goes out.
    let mut unsent = u64::MAX;
    for _ in 0..600 {
        unsent = outbox_mail::Entity::find()
            .filter(outbox_mail::Column::SentAt.is_null())
            .count(&base.db)
            .await
            .unwrap();
        if unsent == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(unsent, 0, "every queued mail is sent after the restart");
    for (email, booked) in &answered {
        let sent = outbox_mail::Entity::find()
            .filter(outbox_mail::Column::ToAddress.eq(email.clone()))
            .filter(outbox_mail::Column::SentAt.is_not_null())
            .count(&base.db)
            .await
            .unwrap();
        assert!(
            sent >= booked.len() as u64,
            "{email}: {sent} mails for {} bookings",
            booked.len()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bookings_answered_201_survive_a_kill_on_sqlite() {
    bookings_answered_201_survive_a_kill(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bookings_answered_201_survive_a_kill_on_postgres() {
    bookings_answered_201_survive_a_kill(Backend::Postgres).await;
}
