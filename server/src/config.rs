//! Settings, from flags or `RELAIS_*` environment variables (flags win).

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::{Args, ValueEnum};
use ipnet::IpNet;

use crate::clock::Clock;

/// Everything the server needs to know about its surroundings.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Database: `sqlite://path/to/relais.db` (created if missing) or `postgres://user@host/db`.
    #[arg(
        long,
        env = "RELAIS_DATABASE_URL",
        default_value = "sqlite://relais.db",
        global = true,
        hide_env_values = true
    )]
    pub database_url: String,

    /// Address to listen on, host:port.
    #[arg(
        long,
        env = "RELAIS_ADDR",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub addr: String,

    /// Address people reach Relais at, used in mails and calendar links
    /// (default: http://<addr>).
    #[arg(long, env = "RELAIS_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,

    /// Folder where mails are written, one RFC 5322 file each, when no SMTP server is set.
    #[arg(long, env = "RELAIS_MAIL_DIR", default_value = "mail", global = true)]
    pub mail_dir: PathBuf,

    /// SMTP server for mail, e.g. `smtp://user:password@host:587`; wins over the mail folder.
    #[arg(long, env = "RELAIS_SMTP_URL", global = true, hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// Sender of the mails Relais writes (default: `NETWORK NAME <no-reply@HOST>` from the public URL).
    #[arg(long, env = "RELAIS_MAIL_FROM", global = true)]
    pub mail_from: Option<String>,

    /// The network's name, as people know it: the sender's name on mails and
    /// the organiser's name in calendar invitations (unless RELAIS_MAIL_FROM names one).
    #[arg(
        long,
        env = "RELAIS_NETWORK_NAME",
        default_value = "Relais",
        global = true
    )]
    pub network_name: String,

    /// Secret that signs sessions (at least 32 characters). Default: one generated
    /// once and kept in the database, shared by every process on it.
    #[arg(
        long,
        env = "RELAIS_SESSION_SECRET",
        global = true,
        hide_env_values = true
    )]
    pub session_secret: Option<String>,

    /// Local time (HH:MM, in each site's zone) at which reminders go out the day before a booking.
    #[arg(long, env = "RELAIS_REMINDER_TIME", default_value = "18:00", value_parser = parse_clock_time, global = true)]
    pub reminder_time: shared::ClockTime,

    /// Let hosts import closure calendars from loopback and private-network
    /// addresses (a calendar server on the commune's own network). Off by
    /// default, so the server cannot be made to read its own neighbours.
    #[arg(long, env = "RELAIS_ALLOW_PRIVATE_CALENDAR_URLS", global = true)]
    pub allow_private_calendar_urls: bool,

    /// Reverse proxies in front of Relais (addresses or CIDR ranges, comma
    /// separated): only requests from them have their `Forwarded` or
    /// `X-Forwarded-For` header read for the client's address. Empty by default.
    #[arg(long, env = "RELAIS_TRUSTED_PROXIES", value_delimiter = ',', value_parser = parse_network, global = true)]
    pub trusted_proxies: Vec<IpNet>,

    /// For browser tests and rehearsals only: the server's clock reads this
    /// instant (RFC 3339) at start and runs on from there. Never in production.
    #[arg(long, env = "RELAIS_CLOCK_START", value_parser = parse_instant, global = true)]
    pub clock_start: Option<DateTime<Utc>>,

    /// Statistical secrecy: the smallest count of people the statistics
    /// publish (11 by default, as INSEE does for data on individuals; a
    /// network may choose more, never under 5).
    #[arg(long, env = "RELAIS_STATS_THRESHOLD", default_value_t = 11,
        value_parser = clap::value_parser!(u32).range(5..=1000), global = true)]
    pub stats_threshold: u32,

    /// Log lines as human text or as JSON for a log collector.
    #[arg(long, env = "RELAIS_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// The environment variables Relais reads; any other `RELAIS_*` is likely a typo.
pub const KNOWN_ENV: &[&str] = &[
    "RELAIS_DATABASE_URL",
    "RELAIS_ADDR",
    "RELAIS_PUBLIC_URL",
    "RELAIS_MAIL_DIR",
    "RELAIS_NETWORK_NAME",
    "RELAIS_SMTP_URL",
    "RELAIS_LOG_FORMAT",
    "RELAIS_MAIL_FROM",
    "RELAIS_SESSION_SECRET",
    "RELAIS_REMINDER_TIME",
    "RELAIS_ALLOW_PRIVATE_CALENDAR_URLS",
    "RELAIS_CLOCK_START",
    "RELAIS_TRUSTED_PROXIES",
    "RELAIS_STATS_THRESHOLD",
];

fn parse_clock_time(text: &str) -> Result<shared::ClockTime, String> {
    text.parse()
        .map_err(|_| format!("'{text}' is not a time written HH:MM"))
}

/// `10.0.0.0/8`, `2001:db8::/32`, or one address.
fn parse_network(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<std::net::IpAddr>().map(IpNet::from))
        .map_err(|_| format!("'{text}' is neither an address nor a range like 10.0.0.0/8"))
}

fn parse_instant(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|_| format!("'{text}' is not an instant written like 2027-01-13T09:00:00Z"))
}

impl Config {
    /// A server on a free loopback port, with the defaults of the command
    /// line otherwise (mail written as files in `mail_dir`): what the API
    /// tests and the benchmark start.
    pub fn on_loopback(database_url: String, mail_dir: std::path::PathBuf) -> Config {
        Config {
            database_url,
            addr: "127.0.0.1:0".to_owned(),
            public_url: None,
            mail_dir,
            smtp_url: None,
            mail_from: None,
            network_name: "Relais".to_owned(),
            session_secret: None,
            log_format: LogFormat::Text,
            reminder_time: shared::ClockTime::from_hm(18, 0).unwrap_or(shared::ClockTime::MIDNIGHT),
            clock_start: None,
            trusted_proxies: Vec::new(),
            allow_private_calendar_urls: false,
            stats_threshold: crate::domain::stats::DEFAULT_THRESHOLD,
        }
    }

    /// The clock the server runs on: the system's, or one that starts at
    /// `clock_start`.
    pub fn clock(&self) -> Clock {
        match self.clock_start {
            Some(start) => Clock::starting_at(start),
            None => Clock::System,
        }
    }

    /// The public base URL without a trailing slash.
    pub fn public_url(&self) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://{}", self.addr),
        }
    }

    /// Whether people reach Relais over HTTPS (cookies are then `Secure`).
    pub fn is_https(&self) -> bool {
        self.public_url().starts_with("https://")
    }

    /// The sender's address when RELAIS_MAIL_FROM sets none:
    /// `no-reply@` the public URL's host name (or `localhost`).
    pub fn default_sender_address(&self) -> String {
        let public = self.public_url();
        let host = public
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split(['/', ':']).next())
            .filter(|h| h.contains('.') && !h.chars().all(|c| c.is_ascii_digit() || c == '.'))
            .unwrap_or("localhost");
        format!("no-reply@{host}")
    }

    /// Names of `RELAIS_*` variables in the environment that Relais does not know.
    pub fn unknown_env_vars() -> Vec<String> {
        std::env::vars_os()
            .filter_map(|(name, _)| name.into_string().ok())
            .filter(|name| name.starts_with("RELAIS_") && !KNOWN_ENV.contains(&name.as_str()))
            .collect()
    }
}
