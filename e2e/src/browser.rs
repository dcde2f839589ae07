//! Headless Chromium through ChromeDriver, with the checks every page gets.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use tempfile::TempDir;
use tokio::process::{Child, Command};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub const PHONE: (u32, u32) = (360, 780);
pub const DESKTOP: (u32, u32) = (1280, 900);

pub struct Browser {
    pub client: Client,
    driver: Arc<Driver>,
}

/// ChromeDriver's log of the page's console since the last reading
/// (`goog:loggingPrefs`; WebDriver's standard has no console).
#[derive(Debug)]
struct ConsoleLog;

impl fantoccini::wd::WebDriverCompatibleCommand for ConsoleLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": "browser" }).to_string()),
        )
    }
}

/// ChromeDriver and the browser profile: alive while a `Browser` or a
/// `Browser::keep_alive` handle holds them, so a failed test can still take
/// its screenshot after the test has dropped its browser.
pub struct Driver {
    process: Mutex<Child>,
    _profile: TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Ok(process) = self.process.get_mut() {
            let _ = process.start_kill();
        }
    }
}

/// A Chrome DevTools Protocol command, sent through ChromeDriver's
/// `goog/cdp/execute` (WebDriver has no way to move the page's clock).
#[derive(Debug)]
struct DevTools {
    command: &'static str,
    params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for DevTools {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.command, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

fn find(program: &str, fallback_name: &str) -> Option<PathBuf> {
    if Path::new(program).is_file() {
        return Some(PathBuf::from(program));
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(fallback_name))
            .find(|candidate| candidate.is_file())
    })
}

impl Browser {
    /// `Ok(None)` when Chromium is not installed, outside CI (where it is required).
    pub async fn start() -> Result<Option<Browser>> {
        let (Some(chromium), Some(chromedriver)) = (
            find(CHROMIUM, "chromium"),
            find(CHROMEDRIVER, "chromedriver"),
        ) else {
            if crate::in_ci() {
                bail!(
                    "CI=true but Chromium or ChromeDriver is missing: the browser tests must run"
                );
            }
            eprintln!(
                "Chromium or ChromeDriver missing: browser test skipped (cargo xtask test installs them)"
            );
            return Ok(None);
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .context("cannot start chromedriver")?;
        let profile = tempfile::tempdir()?;
        // The network is closed here: every background connection Chromium tries is switched off.
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--lang=fr-FR",
            "--hide-scrollbars",
            &format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".to_owned(),
            json!({ "binary": chromium, "args": args }),
        );
        capabilities.insert("goog:loggingPrefs".to_owned(), json!({ "browser": "ALL" }));
        let webdriver = format!("http://127.0.0.1:{port}");
        let mut last_error = None;
        for _ in 0..50 {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(capabilities.clone())
                .connect(&webdriver)
                .await
            {
                Ok(client) => {
                    let browser = Browser {
                        client,
                        driver: Arc::new(Driver {
                            process: Mutex::new(driver),
                            _profile: profile,
                        }),
                    };
                    browser.resize(DESKTOP).await?;
                    return Ok(Some(browser));
                }
                Err(error) => {
                    last_error = Some(error);
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
        bail!("cannot open a Chromium session: {last_error:?}")
    }

    pub fn clone_client(&self) -> Client {
        self.client.clone()
    }

    /// Keeps ChromeDriver running after this `Browser` is dropped.
    pub fn keep_alive(&self) -> Arc<Driver> {
        Arc::clone(&self.driver)
    }

    /// Moves the clock of every page opened from now on by `millis`
    /// (`Date.now()` and `new Date()`), to match a server started with
    /// `RELAIS_CLOCK_START`. Time still runs.
    pub async fn shift_clock(&self, millis: i64) -> Result<()> {
        let script = format!(
            "(() => {{
               const shift = {millis};
               const RealDate = Date;
               class ShiftedDate extends RealDate {{
                 constructor(...args) {{
                   if (args.length === 0) super(RealDate.now() + shift); else super(...args);
                 }}
                 static now() {{ return RealDate.now() + shift; }}
               }}
               globalThis.Date = ShiftedDate;
             }})();"
        );
        self.client
            .issue_cmd(DevTools {
                command: "Page.addScriptToEvaluateOnNewDocument",
                params: json!({ "source": script }),
            })
            .await
            .context("cannot move the page's clock through ChromeDriver")?;
        Ok(())
    }

    /// The errors the page's console received since the last call (failed
    /// requests included: Chromium logs a 401 as "Failed to load resource").
    pub async fn console_errors(&self) -> Result<Vec<String>> {
        let log = self
            .client
            .issue_cmd(ConsoleLog)
            .await
            .context("cannot read the console through ChromeDriver")?;
        Ok(log
            .as_array()
            .into_iter()
            .flatten()
            .filter(|entry| entry["level"] == "SEVERE")
            .filter_map(|entry| entry["message"].as_str().map(str::to_owned))
            .collect())
    }

    /// Slows the network of the page down to a rural link: `latency` added
    /// to each round trip, `bytes_per_second` both ways (DevTools'
    /// `Network.emulateNetworkConditions`).
    pub async fn throttle(&self, latency: Duration, bytes_per_second: u32) -> Result<()> {
        self.devtools("Network.enable", json!({})).await?;
        self.devtools(
            "Network.emulateNetworkConditions",
            json!({
                "offline": false,
                "latency": latency.as_millis() as u64,
                "downloadThroughput": bytes_per_second,
                "uploadThroughput": bytes_per_second,
            }),
        )
        .await
    }

    /// Forgets every cached file, for a first visit again.
    pub async fn clear_cache(&self) -> Result<()> {
        self.devtools("Network.clearBrowserCache", json!({})).await
    }

    /// Turns the page's JavaScript off (`true`) or on again.
    pub async fn disable_scripts(&self, disabled: bool) -> Result<()> {
        self.devtools(
            "Emulation.setScriptExecutionDisabled",
            json!({ "value": disabled }),
        )
        .await
    }

    /// Records, in every page opened from now on, when each CSS selector
    /// of `marks` (name, selector) first matches, in milliseconds since the
    /// page's navigation began; `shown_at` reads them.
    pub async fn record_when_shown(&self, marks: &[(&str, &str)]) -> Result<()> {
        let marks: serde_json::Map<String, Value> = marks
            .iter()
            .map(|(name, css)| ((*name).to_owned(), json!(css)))
            .collect();
        let script = format!(
            "(() => {{
               const marks = {};
               const seen = {{}};
               window.__relaisShown = seen;
               const look = () => {{
                 for (const [name, css] of Object.entries(marks)) {{
                   if (!(name in seen) && document.querySelector(css)) seen[name] = performance.now();
                 }}
                 if (Object.keys(seen).length < Object.keys(marks).length) setTimeout(look, 10);
               }};
               look();
             }})();",
            Value::Object(marks)
        );
        self.devtools(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": script }),
        )
        .await
    }

    /// What `record_when_shown` recorded on the page on screen.
    pub async fn shown_at(&self) -> Result<Value> {
        self.eval("return window.__relaisShown || {}").await
    }

    async fn devtools(&self, command: &'static str, params: Value) -> Result<()> {
        self.client
            .issue_cmd(DevTools { command, params })
            .await
            .with_context(|| format!("DevTools' {command} through ChromeDriver"))?;
        Ok(())
    }

    /// Shows the page as printed (`"print"`), or on a screen again (`""`).
    pub async fn emulate_media(&self, media: &str) -> Result<()> {
        self.client
            .issue_cmd(DevTools {
                command: "Emulation.setEmulatedMedia",
                params: json!({ "media": media }),
            })
            .await
            .with_context(|| format!("cannot emulate the {media:?} media through ChromeDriver"))?;
        Ok(())
    }

    /// Puts `value` ("2027-01-18") in the date field `css` the way a
    /// person's typing ends: the value, then `input` and `change` events.
    /// Typing keys would depend on the order the browser's locale gives the
    /// day, month and year, which is not `navigator.language`'s on every
    /// machine.
    pub async fn set_date(&self, css: &str, value: &str) -> Result<()> {
        self.wait_for(css).await?;
        let held = self
            .client
            .execute(
                "const [css, value] = arguments;
                 const field = document.querySelector(css);
                 field.focus();
                 field.value = value;
                 field.dispatchEvent(new Event('input', { bubbles: true }));
                 field.dispatchEvent(new Event('change', { bubbles: true }));
                 return field.value;",
                vec![json!(css), json!(value)],
            )
            .await?;
        if held != value {
            bail!("put {value:?} in {css}, it holds {held}");
        }
        Ok(())
    }

    /// Sets the viewport (not the outer window) to `width × height` CSS pixels.
    pub async fn resize(&self, (width, height): (u32, u32)) -> Result<()> {
        self.client.set_window_size(width, height).await?;
        let inner = self
            .client
            .execute("return [window.innerWidth, window.innerHeight]", vec![])
            .await?;
        let dw = width.saturating_sub(inner[0].as_u64().unwrap_or(u64::from(width)) as u32);
        let dh = height.saturating_sub(inner[1].as_u64().unwrap_or(u64::from(height)) as u32);
        if dw > 0 || dh > 0 {
            self.client.set_window_size(width + dw, height + dh).await?;
        }
        Ok(())
    }

    pub async fn goto(&self, url: &str) -> Result<()> {
        self.client.goto(url).await?;
        Ok(())
    }

    /// Waits for a CSS selector to appear (the app renders after its WASM loads).
    pub async fn wait_for(&self, css: &str) -> Result<fantoccini::elements::Element> {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("{css} never appeared"))
    }

    /// Waits until the text of `css` contains `expected`.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> Result<String> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(element) => element.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(expected) {
                return Ok(text);
            }
            if tokio::time::Instant::now() > deadline {
                bail!("{css} shows {text:?}, never {expected:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the focus is on the element with this id: the app moves
    /// the focus on the next animation frame, which a loaded machine delays.
    pub async fn wait_for_focus(&self, id: &str) -> Result<()> {
        self.wait_for_focus_where(|focused| focused == id, id).await
    }

    /// The same for an id that starts with `prefix` (ids of list items).
    pub async fn wait_for_focus_starting(&self, prefix: &str) -> Result<()> {
        self.wait_for_focus_where(|focused| focused.starts_with(prefix), prefix)
            .await
    }

    async fn wait_for_focus_where(&self, wanted: impl Fn(&str) -> bool, what: &str) -> Result<()> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            let focused = self
                .eval("return document.activeElement ? document.activeElement.id : ''")
                .await?;
            let focused = focused.as_str().unwrap_or_default();
            if wanted(focused) {
                return Ok(());
            }
            if tokio::time::Instant::now() > deadline {
                bail!("the focus is on {focused:?}, never on {what:?}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until nothing matches `css` any more.
    pub async fn wait_until_gone(&self, css: &str) -> Result<()> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        while self.count(css).await? > 0 {
            if tokio::time::Instant::now() > deadline {
                bail!("{css} is still there");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(())
    }

    pub async fn count(&self, css: &str) -> Result<usize> {
        Ok(self.client.find_all(Locator::Css(css)).await?.len())
    }

    pub async fn eval(&self, script: &str) -> Result<Value> {
        Ok(self.client.execute(script, vec![]).await?)
    }

    /// Fails when nothing scrolls sideways is false: content wider than the screen.
    pub async fn assert_no_horizontal_scroll(&self) -> Result<()> {
        let widths = self
            .eval("return [document.documentElement.scrollWidth, window.innerWidth]")
            .await?;
        let (content, viewport) = (
            widths[0].as_u64().unwrap_or(0),
            widths[1].as_u64().unwrap_or(0),
        );
        if content > viewport {
            bail!("the page is {content}px wide on a {viewport}px screen");
        }
        Ok(())
    }

    /// Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page and
    /// fails on any serious or critical violation.
    pub async fn assert_accessible(&self) -> Result<()> {
        let path = std::env::var_os("AXE_CORE_JS")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                crate::project_root().join("target/npm/node_modules/axe-core/axe.min.js")
            });
        let source = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "axe-core not found at {} (cargo xtask test installs it)",
                path.display()
            )
        })?;
        // WebDriver scripts are not subject to the page's Content-Security-Policy.
        self.client
            .execute(&format!("{source}\nwindow.axe = axe; return true;"), vec![])
            .await
            .context("cannot load axe-core into the page")?;
        let report = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   window.axe.run(document, { runOnly: { type: 'tag',
                       values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
                     .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact,
                         help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))))
                     .catch(e => done({ error: String(e) }));"#,
                vec![],
            )
            .await?;
        if let Some(error) = report.get("error") {
            bail!("axe-core failed: {error}");
        }
        let violations = report.as_array().cloned().unwrap_or_default();
        let blocking: Vec<&Value> = violations
            .iter()
            .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
            .collect();
        for v in &violations {
            eprintln!(
                "axe: {} ({}): {} at {}",
                v["id"], v["impact"], v["help"], v["nodes"]
            );
        }
        if !blocking.is_empty() {
            bail!(
                "{} serious or critical accessibility violations: {blocking:?}",
                blocking.len()
            );
        }
        Ok(())
    }

    pub async fn screenshot(&self, path: &Path) -> Result<()> {
        let png = self.client.screenshot().await?;
        std::fs::write(path, png)?;
        Ok(())
    }

    /// A screenshot of the whole page, not only the visible part.
    pub async fn full_page_screenshot(&self, path: &Path, width: u32) -> Result<()> {
        let height = self
            .eval("return document.documentElement.scrollHeight")
            .await?;
        let height = height.as_u64().unwrap_or(900).min(4000) as u32;
        self.resize((width, height)).await?;
        self.screenshot(path).await
    }

    pub async fn close(self) {
        let _ = self.client.clone().close().await;
        if let Ok(mut process) = self.driver.process.lock() {
            let _ = process.start_kill();
        }
    }
}
