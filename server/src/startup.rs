//! Builds the application and binds its listener; `run_until_stopped` serves
//! until the shutdown future resolves. Tests start it on port 0.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use crate::db::DatabaseConnection;
use anyhow::Context;
use axum::Router;
use lettre::message::Mailbox;
use tokio::net::TcpListener;
use tokio::sync::Notify;

use crate::auth::rate_limit::RateLimits;
use crate::auth::secrets;
use crate::clock::Clock;
use crate::config::Config;
use crate::mail::Letterhead;
use crate::mail::transport::Transport;
use crate::mail::worker::MailWorker;
use crate::routes;
use crate::state::AppState;

pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
    transport: Transport,
    from: Mailbox,
}

impl Application {
    /// Binds `config.addr` (port 0 picks a free port) and assembles the routes.
    pub async fn build(config: Config, db: DatabaseConnection) -> anyhow::Result<Self> {
        let clock = config.clock();
        Self::build_with_clock(config, db, clock).await
    }

    pub async fn build_with_clock(
        config: Config,
        db: DatabaseConnection,
        clock: Clock,
    ) -> anyhow::Result<Self> {
        let transport = match &config.smtp_url {
            Some(url) => Transport::smtp(url)?,
            None => Transport::folder(&config.mail_dir)?,
        };
        let keys = secrets::load(&db, config.session_secret.as_deref()).await?;
        let listener = TcpListener::bind(&config.addr)
            .await
            .with_context(|| format!("cannot listen on {}", config.addr))?;
        // Links in mails and feeds name the port actually bound, not port 0.
        let mut config = config;
        if config.public_url.is_none() {
            config.public_url = Some(format!("http://{}", listener.local_addr()?));
        }
        let letterhead = Letterhead::new(
            config.public_url(),
            config.mail_from.as_deref(),
            &config.network_name,
            &config.default_sender_address(),
        )
        .map_err(anyhow::Error::msg)?;
        let from = letterhead.sender.clone();
        let state = AppState {
            write_gate: Arc::new(crate::db::WriteGate::for_connection(&db)),
            db,
            config: Arc::new(config),
            clock,
            keys: Arc::new(keys),
            limits: RateLimits::shared(),
            mail_wake: Arc::new(Notify::new()),
            live: crate::db::live::LiveHub::default(),
            letterhead: Arc::new(letterhead),
        };
        Ok(Application {
            listener,
            router: routes::app(state.clone()),
            state,
            transport,
            from,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound TCP listener has a local address")
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves, and sends queued mail in the background, until `shutdown` resolves.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let worker = MailWorker {
            db: self.state.db.clone(),
            transport: self.transport,
            from: self.from,
            clock: self.state.clock.clone(),
            wake: self.state.mail_wake.clone(),
            gate: self.state.write_gate.clone(),
        };
        let mail = tokio::spawn(worker.run());
        let live = tokio::spawn(self.state.live.clone().run(self.state.db.clone()));
        let limits = self.state.limits.clone();
        let state = self.state.clone();
        let housekeeping = tokio::spawn(async move {
            let mut every_minute = tokio::time::interval(Duration::from_secs(60));
            loop {
                every_minute.tick().await;
                limits.forget_idle();
                // Sums up the days bookings changed, so reports find little
                // to do (and the first one after an upgrade does not wait).
                if let Err(error) =
                    crate::app::stats::sum_up_changed_days(&state.db, &state.write_gate).await
                {
                    tracing::warn!(%error, "usage summaries not brought up to date this minute");
                }
                let now = state.clock.now();
                let letterhead = state.letterhead.clone();
                match crate::app::access::releases::release_due(
                    &state.db,
                    &state.write_gate,
                    &letterhead,
                    now,
                )
                .await
                {
                    Ok(0) => {}
                    Ok(_) => state.mail_wake.notify_one(),
                    Err(error) => {
                        tracing::warn!(%error, "places nobody took not released this minute; next minute retries")
                    }
                }
                if let Err(error) = crate::app::access::releases::tidy(&state.db, now).await {
                    tracing::warn!(%error, "check-outs and the access log not tidied this minute");
                }
                let at = state.config.reminder_time;
                match crate::app::reminders::send_due(&state.db, &letterhead, at, state.clock.now())
                    .await
                {
                    Ok(0) => {}
                    Ok(_) => state.mail_wake.notify_one(),
                    Err(error) => {
                        tracing::warn!(%error, "reminders not sent this minute; next minute retries")
                    }
                }
            }
        });
        let served = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
        .context("the HTTP server stopped with an error");
        mail.abort();
        live.abort();
        housekeeping.abort();
        served
    }
}
