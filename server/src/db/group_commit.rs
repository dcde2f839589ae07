//! Group commit for bookings on SQLite. SQLite has one writer, and through
//! sqlx every statement is a round trip to the connection's thread: a booking
//! alone costs BEGIN, its inserts and COMMIT, and the commit writes every page
//! it touched. Bookings asked for at the same moment are therefore written by
//! one task, in one transaction: each still has its own checks (the quota
//! decision reads the ledger as the earlier ones left it, the overlap trigger
//! refuses a taken slot), but they share the BEGIN, the COMMIT and the pages.
//!
//! SQLite's `RAISE(ABORT)` undoes only the refused statement, so a taken slot
//! does not spoil the others. Any other error rolls the whole group back and
//! each booking is then written alone, so one bad booking cannot cost another
//! its place.
//!
//! What a booking writes is the use case's business (`app::bookings`): the
//! queue takes any `GroupWrite` and keeps only the transactions.

use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use sea_orm::{DatabaseConnection, DbErr};
use tokio::sync::{Mutex, mpsc, oneshot};

use super::Txn;
use super::bookings::is_overlap;

/// How many bookings one transaction takes at most: enough to absorb a
/// crowd, few enough that the first of them is not kept waiting long.
const MAX_GROUP: usize = 64;

/// The future of a write, boxed so that the queue can hold writes of any kind.
pub(crate) type WriteFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, DbErr>> + Send + 'a>>;

/// What the queue writes for its caller: first inside its group's
/// transaction, and, if the group fails, again alone.
pub(crate) trait GroupWrite: Send + Sync + 'static {
    /// What the caller gets back.
    type Output: Send + 'static;

    /// Writes inside the group's transaction. An overlap (`is_overlap`) must
    /// fail the statement that raised it and nothing else: it is this write's
    /// answer and the group goes on; any other error undoes the group.
    fn write<'a>(&'a self, txn: &'a Txn) -> WriteFuture<'a, Self::Output>;

    /// Writes in a transaction of its own.
    fn write_alone<'a>(&'a self, db: &'a DatabaseConnection) -> WriteFuture<'a, Self::Output>;
}

/// A write's output, its type forgotten while it crosses the queue.
type Answer = Box<dyn Any + Send>;

/// A write whose output is an `Answer`: the queue's writes are all of this
/// one type, whatever each of them writes.
struct Erased<W>(W);

impl<W: GroupWrite> GroupWrite for Erased<W> {
    type Output = Answer;

    fn write<'a>(&'a self, txn: &'a Txn) -> WriteFuture<'a, Answer> {
        Box::pin(async move { Ok(Box::new(self.0.write(txn).await?) as Answer) })
    }

    fn write_alone<'a>(&'a self, db: &'a DatabaseConnection) -> WriteFuture<'a, Answer> {
        Box::pin(async move { Ok(Box::new(self.0.write_alone(db).await?) as Answer) })
    }
}

struct Job {
    write: Box<dyn GroupWrite<Output = Answer>>,
    answer: oneshot::Sender<Result<Answer, DbErr>>,
}

/// Where bookings queue for the writer task.
#[derive(Debug, Clone)]
pub(crate) struct Queue(mpsc::Sender<Job>);

impl Queue {
    /// Starts the writer task; it takes `lock` (the write gate) for each group
    /// and stops when the last `Queue` is dropped.
    pub(super) fn start(db: DatabaseConnection, lock: Arc<Mutex<()>>) -> Queue {
        let (sender, receiver) = mpsc::channel(1024);
        tokio::spawn(write_groups(db, lock, receiver));
        Queue(sender)
    }

    /// Hands a write to the writer task and waits for its outcome. The
    /// task owns the transaction: a caller that goes away (a closed
    /// connection) cannot leave a group half written.
    pub(crate) async fn submit<W: GroupWrite>(&self, write: W) -> Result<W::Output, DbErr> {
        let (answer, outcome) = oneshot::channel();
        let stopped = || DbErr::Custom("the booking writer has stopped".to_owned());
        self.0
            .send(Job {
                write: Box::new(Erased(write)),
                answer,
            })
            .await
            .map_err(|_| stopped())?;
        let output = outcome.await.map_err(|_| stopped())??;
        // `Erased(write)` made it: it is a `W::Output`.
        Ok(*output
            .downcast::<W::Output>()
            .expect("a write's answer has the type of its output"))
    }
}

async fn write_groups(
    db: DatabaseConnection,
    lock: Arc<Mutex<()>>,
    mut queue: mpsc::Receiver<Job>,
) {
    let mut group = Vec::with_capacity(MAX_GROUP);
    while queue.recv_many(&mut group, MAX_GROUP).await > 0 {
        let _writer = lock.lock().await;
        let jobs = std::mem::take(&mut group);
        let writes: Vec<&dyn GroupWrite<Output = Answer>> =
            jobs.iter().map(|job| job.write.as_ref()).collect();
        let outcomes = write_group(&db, &writes).await;
        for (job, outcome) in jobs.into_iter().zip(outcomes) {
            // The caller may have gone; its booking stands all the same.
            let _ = job.answer.send(outcome);
        }
    }
}

/// One outcome per booking, in order: together if it goes well, else alone.
async fn write_group<W: GroupWrite + ?Sized>(
    db: &DatabaseConnection,
    group: &[&W],
) -> Vec<Result<W::Output, DbErr>> {
    match write_together(db, group).await {
        Ok(outcomes) => outcomes,
        Err(error) => {
            tracing::warn!(%error, size = group.len(), "a group of bookings failed; writing each alone");
            let mut outcomes = Vec::with_capacity(group.len());
            for write in group {
                outcomes.push(write.write_alone(db).await);
            }
            outcomes
        }
    }
}

/// Writes every booking of the group in one transaction; a taken slot is
/// that booking's answer, any other error undoes the group.
async fn write_together<W: GroupWrite + ?Sized>(
    db: &DatabaseConnection,
    group: &[&W],
) -> Result<Vec<Result<W::Output, DbErr>>, DbErr> {
    let txn = super::begin_write(db).await?;
    let mut outcomes = Vec::with_capacity(group.len());
    for write in group {
        match write.write(&txn).await {
            Ok(outcome) => outcomes.push(Ok(outcome)),
            Err(error) if is_overlap(&error) => outcomes.push(Err(error)),
            Err(error) => {
                txn.rollback().await?;
                return Err(error);
            }
        }
    }
    txn.commit().await?;
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeZone, Utc};
    use sea_orm::{ConnectionTrait, EntityTrait};

    use super::*;
    use crate::app::bookings::{Pending, Target};
    use crate::app::quotas;
    use crate::db::entities::{booking, person, resource, site};

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2031, 3, 3, hour, 0, 0).unwrap()
    }

    /// A site with two desks and one person, in a new SQLite file.
    async fn network(dir: &tempfile::TempDir) -> (DatabaseConnection, Target, resource::Model) {
        let db = crate::db::connect(&format!("sqlite://{}/t.db", dir.path().display()))
            .await
            .unwrap();
        crate::db::migrate(&db).await.unwrap();
        let now = "2031-01-01T00:00:00+00:00";
        for sql in [
            format!(
                "INSERT INTO site (id, name, address, postcode, commune_insee, latitude, longitude, time_zone, amenities, \
                 accessibility, created_at, slot_minutes, max_days_ahead, max_booking_minutes, cancel_deadline_minutes) \
                 VALUES (1, 'Mende', '1 rue', '48000', '48095', 44.5, 3.5, 'Europe/Paris', '[]', '', '{now}', 30, 365, 720, 0)"
            ),
            format!(
                "INSERT INTO resource (id, site_id, name, kind, capacity, created_at) VALUES (1, 1, 'Poste 1', 'desk', 1, '{now}')"
            ),
            format!(
                "INSERT INTO resource (id, site_id, name, kind, capacity, created_at) VALUES (2, 1, 'Poste 2', 'desk', 1, '{now}')"
            ),
            format!(
                "INSERT INTO person (id, email, display_name, language, created_at, categories, session_epoch) \
                 VALUES (1, 'a@example.org', 'A', 'fr', '{now}', '[]', 0)"
            ),
        ] {
            db.execute_unprepared(&sql).await.unwrap();
        }
        let target = Target {
            resource: resource::Entity::find_by_id(1)
                .one(&db)
                .await
                .unwrap()
                .unwrap(),
            site: site::Entity::find_by_id(1).one(&db).await.unwrap().unwrap(),
            person: person::Entity::find_by_id(1)
                .one(&db)
                .await
                .unwrap()
                .unwrap(),
        };
        let second = resource::Entity::find_by_id(2)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        (db, target, second)
    }

    async fn pending(db: &DatabaseConnection, target: &Target, from: u32, to: u32) -> Pending {
        let applicable = quotas::applicable(db, &target.person).await.unwrap();
        Pending::new(
            target,
            target.person.id,
            (at(from), at(to)),
            None,
            applicable,
            None,
            at(0),
        )
    }

    #[tokio::test]
    async fn a_taken_slot_or_a_failing_booking_costs_the_others_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (db, desk_one, desk_two) = network(&dir).await;
        let desk_two = Target {
            resource: desk_two,
            ..desk_one.clone()
        };
        // A site that does not exist: the insert breaks a foreign key, which
        // spoils the group's transaction; each booking is then written alone.
        // (A missing or retired desk is refused before its insert.)
        let mut missing = desk_two.clone();
        missing.site.id = 99;
        let group = [
            pending(&db, &desk_one, 8, 11).await,
            pending(&db, &desk_one, 9, 10).await,
            pending(&db, &missing, 13, 14).await,
            pending(&db, &desk_two, 8, 11).await,
        ];
        let refs: Vec<&Pending> = group.iter().collect();
        let outcomes = write_group(&db, &refs).await;
        assert!(matches!(outcomes[0], Ok(Ok(_))), "{:?}", outcomes[0]);
        assert!(
            matches!(&outcomes[1], Err(e) if is_overlap(e)),
            "{:?}",
            outcomes[1]
        );
        assert!(
            matches!(&outcomes[2], Err(e) if !is_overlap(e)),
            "{:?}",
            outcomes[2]
        );
        assert!(matches!(outcomes[3], Ok(Ok(_))), "{:?}", outcomes[3]);
        let rows = booking::Entity::find().all(&db).await.unwrap();
        let mut desks: Vec<i64> = rows.iter().map(|b| b.resource_id).collect();
        desks.sort_unstable();
        assert_eq!(desks, [1, 2], "the two good bookings, once each");
    }

    #[tokio::test]
    async fn a_group_with_only_taken_slots_refused_is_written_together() {
        let dir = tempfile::tempdir().unwrap();
        let (db, desk_one, _) = network(&dir).await;
        let group = [
            pending(&db, &desk_one, 8, 11).await,
            pending(&db, &desk_one, 10, 12).await,
            pending(&db, &desk_one, 11, 12).await,
        ];
        let refs: Vec<&Pending> = group.iter().collect();
        // Together, without falling back: the refused insert undid only itself.
        let outcomes = write_together(&db, &refs).await.unwrap();
        assert!(matches!(outcomes[0], Ok(Ok(_))));
        assert!(matches!(&outcomes[1], Err(e) if is_overlap(e)));
        assert!(
            matches!(outcomes[2], Ok(Ok(_))),
            "touching, not overlapping"
        );
        assert_eq!(booking::Entity::find().all(&db).await.unwrap().len(), 2);
    }

    #[tokio::test]
    async fn the_queue_answers_each_caller_with_its_own_outcome() {
        let dir = tempfile::tempdir().unwrap();
        let (db, desk_one, _) = network(&dir).await;
        let queue = Queue::start(db.clone(), Arc::new(Mutex::new(())));
        let (first, second) = (
            pending(&db, &desk_one, 8, 11).await,
            pending(&db, &desk_one, 9, 10).await,
        );
        let (first, second) = tokio::join!(queue.submit(first), queue.submit(second));
        assert!(
            matches!(&first, Ok(Ok(b)) if b.start_at == at(8)),
            "{first:?}"
        );
        assert!(matches!(&second, Err(e) if is_overlap(e)), "{second:?}");
        assert_eq!(booking::Entity::find().all(&db).await.unwrap().len(), 1);
    }
}
