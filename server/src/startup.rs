//! Builds the application and binds its listener; `run_until_stopped` serves
//! until the shutdown future resolves. Tests start it on port 0.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;

use crate::config::Config;
use crate::routes;
use crate::state::AppState;

pub struct Application {
    listener: TcpListener,
    router: Router,
}

impl Application {
    /// Binds `config.addr` (port 0 picks a free port) and assembles the routes.
    pub async fn build(config: Config, db: DatabaseConnection) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(&config.addr)
            .await
            .with_context(|| format!("cannot listen on {}", config.addr))?;
        let state = AppState {
            db,
            config: Arc::new(config),
        };
        Ok(Application {
            listener,
            router: routes::app(state),
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound TCP listener has a local address")
    }

    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown)
            .await
            .context("the HTTP server stopped with an error")
    }
}
