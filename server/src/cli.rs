//! The `relais` command line: `serve` (the default), `migrate`, `seed-demo`.

use anyhow::Context;
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use crate::config::{Config, LogFormat};
use crate::{app, db, startup::Application};

#[derive(Debug, Parser)]
#[command(
    name = "relais",
    version,
    about = "Relais: desk booking and door access for networks of rural third places"
)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, Subcommand)]
pub enum Command {
    /// Migrate the database if needed, then serve the app and the API (the default).
    Serve,
    /// Bring the database schema up to date, then stop.
    Migrate,
    /// Create the demo network on real Lozère communes; running it again changes nothing.
    SeedDemo,
}

/// Parses the command line, then runs the chosen command.
pub async fn run() -> anyhow::Result<()> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) if !error.use_stderr() => {
            // --help and --version are not errors.
            error.print().ok();
            return Ok(());
        }
        Err(error) => {
            let rendered = error.to_string();
            let first_line = rendered.lines().next().unwrap_or("invalid arguments");
            let reason = first_line.trim_start_matches("error: ");
            anyhow::bail!("{reason} (see `relais --help`)");
        }
    };
    init_logs(cli.config.log_format);
    for name in Config::unknown_env_vars() {
        tracing::warn!(variable = %name, "unknown RELAIS_* environment variable ignored; is it a typo?");
    }

    let connection = db::connect(&cli.config.database_url).await?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Migrate => {
            db::migrate(&connection).await?;
            tracing::info!("database is up to date");
        }
        Command::SeedDemo => {
            db::migrate(&connection).await?;
            let summary = app::seed_demo::seed(&connection, cli.config.clock().now())
                .await
                .context("cannot create the demo network")?;
            tracing::info!(%summary, "demo network ready");
            let history = app::demo_history::seed_history(&connection, cli.config.clock().now())
                .await
                .context("cannot write the demo network's past year")?;
            tracing::info!(bookings = history, "demo network's past year written");
        }
        Command::Serve => {
            db::migrate(&connection).await?;
            if let Some(start) = cli.config.clock_start {
                tracing::warn!(%start, "the clock is moved (RELAIS_CLOCK_START): for tests only");
            }
            let app = Application::build(cli.config, connection).await?;
            // Printed on stdout so that scripts and tests can find the port.
            println!("relais listening on http://{}", app.local_addr());
            app.run_until_stopped(shutdown_signal()).await?;
        }
    }
    Ok(())
}

fn init_logs(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A second initialisation (tests) is harmless: keep the first.
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}

/// Resolves on Ctrl-C or SIGTERM, so that requests in flight can finish.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
