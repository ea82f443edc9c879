//! The `kash-pos` command: the till (on the embedded demo shop without configuration, or on a
//! Kash.click account with `--config`), the simulator alone (`sim`), and `login` to obtain a key.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use kash_pos::app::state::{App, Settings};
use kash_pos::config::Config;
use kash_pos::i18n::{Lang, s};
use kash_pos::journal::Journal;
use kash_pos::kash::KashClient;
use kash_pos::sim::{SimArgs, Simulator};

#[derive(Parser)]
#[command(
    name = "kash-pos",
    version,
    about = "Keyboard-first terminal point of sale for Kash.click"
)]
struct Cli {
    /// Configuration file (default: the user's config directory; none there: the demo shop).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// The journal file (default: `[journal] path`, else one per shop in the user's data
    /// directory). A second till on the same machine and account needs its own.
    #[arg(long, global = true, value_name = "FILE")]
    journal: Option<PathBuf>,
    /// With no configuration: the service the till's sign-in goes to (default
    /// https://kash.click).
    #[allow(clippy::doc_markdown)] // the help shows this text as it is
    #[arg(long, value_name = "URL")]
    sign_in_url: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the Kash.click simulator with the demo shop (shop id `demo`, key `demo`).
    Sim(SimArgs),
    /// Check the configuration and the connection, then exit.
    ///
    /// Probes the account read-only: every endpoint the till uses, whether the look-up sees the
    /// last sale this till confirmed, the clock skew and the round trip. Exits non-zero when a
    /// capability the till relies on is missing.
    Check {
        /// Print the report as JSON, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Obtain the shop id and API key by email one-time password (the vendor's recommended way)
    /// or, with --password, by login and password, and write them to the configuration (the key
    /// to a file readable by you alone).
    Login {
        /// The account's email.
        #[arg(long)]
        email: String,
        /// The account's internal id, when one email has several accounts.
        #[arg(long)]
        account_id: Option<String>,
        /// Sign in by login (the email) and password instead, read from standard input; the code
        /// by email is recommended, above all on a shared or remote machine.
        #[arg(long)]
        password: bool,
        /// The service (default https://kash.click).
        #[allow(clippy::doc_markdown)] // the help shows this text as it is
        #[arg(long, default_value = "https://kash.click")]
        base_url: String,
    },
    /// A day's report: the server's (`getSales.php`, the bytes as sent) or this till's figures
    /// from its journal (`--till`). Read-only; runs beside an open till.
    Report {
        /// The day, YYYY-MM-DD (default: yesterday, as the server; with --till, today).
        #[arg(long)]
        day: Option<String>,
        /// std, pdf, xls, csv, frafec or saft.
        #[arg(long, default_value = "std")]
        format: String,
        /// Write to this file (whole or not at all) instead of standard output.
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// This till's figures from its journal: per payment mode, refunds, what is not confirmed.
        #[arg(long)]
        till: bool,
        /// With --till: the figures as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export the local journal of sales (every entry, confirmed or not) to standard output.
    Export {
        /// `csv` or `json`.
        #[arg(long, default_value = "csv")]
        format: String,
    },
}

/// The command line's help in `lang`: the doc comments above are the English (a test checks the
/// English messages are the same); other languages replace them.
fn localized_cli(lang: Lang) -> clap::Command {
    let cmd = Cli::command();
    if lang == Lang::En {
        return cmd;
    }
    let t = |id: &str| lang.t(id);
    cmd.about(t("cli-about"))
        .mut_arg("config", |a| a.help(t("cli-arg-config")))
        .mut_arg("sign_in_url", |a| a.help(t("cli-arg-sign-in-url")))
        .mut_subcommand("sim", |c| c.about(t("cli-sim")))
        .mut_subcommand("check", |c| {
            c.about(t("cli-check"))
                .mut_arg("json", |a| a.help(t("cli-check-json")))
        })
        .mut_subcommand("login", |c| {
            c.about(t("cli-login"))
                .mut_arg("email", |a| a.help(t("cli-arg-email")))
                .mut_arg("account_id", |a| a.help(t("cli-arg-account-id")))
                .mut_arg("password", |a| a.help(t("cli-arg-password")))
                .mut_arg("base_url", |a| a.help(t("cli-arg-base-url")))
        })
        .mut_subcommand("report", |c| {
            c.about(t("cli-report"))
                .mut_arg("day", |a| a.help(t("cli-arg-day")))
                .mut_arg("format", |a| a.help(t("cli-arg-report-format")))
                .mut_arg("output", |a| a.help(t("cli-arg-output")))
                .mut_arg("till", |a| a.help(t("cli-arg-till")))
                .mut_arg("json", |a| a.help(t("cli-arg-till-json")))
        })
        .mut_subcommand("export", |c| {
            c.about(t("cli-export"))
                .mut_arg("format", |a| a.help(t("cli-arg-format")))
        })
}

/// The log: daily owner-only files in the user's state directory, every line through the
/// redactor (the API key out, control and invisible characters escaped).
fn init_logging(config: &Config) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let dirs = directories::ProjectDirs::from("click", "kash", "kash-pos")?;
    let dir = dirs
        .state_dir()
        .unwrap_or_else(|| dirs.data_local_dir())
        .to_path_buf();
    let file = match kash_pos::logging::PrivateDailyFile::new(&dir, "kash-pos.log") {
        Ok(f) => f,
        Err(e) => {
            eprintln!("kash-pos: warning: no log file in {}: {e}", dir.display());
            return None;
        }
    };
    let (writer, guard) = tracing_appender::non_blocking(file);
    let redactor = kash_pos::logging::Redactor::new([config.api_key.expose()]);
    tracing_subscriber::fmt()
        .with_writer(kash_pos::logging::Redacting::new(writer, redactor))
        .with_ansi(false)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KASH_POS_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    Some(guard)
}

/// The environment, for the language and the theme.
fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// The language of the command line before (or without) a configuration: the locale's.
fn cli_lang() -> Lang {
    Lang::from_locale(env_var)
}

/// The local time zone, read while the process has one thread (the only time the platform's
/// answer is sound); UTC when it cannot be read.
static LOCAL_OFFSET: std::sync::OnceLock<time::UtcOffset> = std::sync::OnceLock::new();

fn main() -> std::process::ExitCode {
    kash_pos::app::runner::process_started();
    LOCAL_OFFSET
        .get_or_init(|| time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC));
    let cli = match Cli::from_arg_matches(&localized_cli(cli_lang()).get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("kash-pos: cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    if let Some(Command::Login {
        email,
        account_id,
        password,
        base_url,
    }) = &cli.command
    {
        let target = cli.config.clone().or_else(Config::default_path);
        let how = if *password {
            SignIn::Password
        } else {
            SignIn::Otp(account_id.as_deref())
        };
        return match runtime.block_on(login(email, how, base_url, target)) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("kash-pos login: {e:#}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    if let Some(Command::Sim(args)) = cli.command {
        return match runtime.block_on(kash_pos::sim::run(args)) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("kash-pos sim: {e:#}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    let mut config = match Config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            let text = cli_lang().ta("cli-config-error", &[("error", s(e.to_string()))]);
            eprintln!("kash-pos: {text}");
            return std::process::ExitCode::from(2);
        }
    };
    if let Some(path) = cli.journal.clone() {
        config.journal.path = Some(path);
    }
    // Server excerpts on screen and in errors never show the key either.
    kash_pos::logging::register_secret(config.api_key.expose());
    let _guard = init_logging(&config);
    if let Some(Command::Export { format }) = &cli.command {
        return export(&config, format);
    }
    if let Some(Command::Report {
        day,
        format,
        output,
        till,
        json,
    }) = &cli.command
    {
        let args = ReportArgs {
            day: day.clone(),
            format: format.clone(),
            output: output.clone(),
            json: *json,
        };
        return if *till {
            till_report(&config, &args)
        } else {
            match runtime.block_on(server_report(config, args)) {
                Ok(code) => code,
                Err(e) => {
                    eprintln!("kash-pos report: {e:#}");
                    std::process::ExitCode::FAILURE
                }
            }
        };
    }
    if let Some(Command::Check { json }) = &cli.command {
        return match runtime.block_on(check(config, *json)) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("kash-pos check: {e:#}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    let sign_in_url = cli
        .sign_in_url
        .clone()
        .unwrap_or_else(|| kash_pos::signin::DEFAULT_BASE_URL.to_string());
    loop {
        match runtime.block_on(run_pos(config, &sign_in_url)) {
            Ok(None) => return std::process::ExitCode::SUCCESS,
            // Signed in from the demo: the till starts again on the shop.
            // Its journal is the shop's own (the configuration's, else one per shop), never the
            // demo's: the demo's sales must not reach the shop.
            Ok(Some(path)) => match Config::load(Some(&path)) {
                Ok(c) => {
                    kash_pos::logging::register_secret(c.api_key.expose());
                    config = c;
                }
                Err(e) => {
                    let text = cli_lang().ta("cli-config-error", &[("error", s(e.to_string()))]);
                    eprintln!("kash-pos: {text}");
                    return std::process::ExitCode::from(2);
                }
            },
            Err(e) => {
                eprintln!("kash-pos: {e:#}");
                return std::process::ExitCode::FAILURE;
            }
        }
    }
}

/// How `login` obtains the key.
#[derive(Debug, Clone, Copy)]
enum SignIn<'a> {
    /// A one-time password sent by email (for this account id, when one email has several).
    Otp(Option<&'a str>),
    /// The login and password: `getAuthTokenWithPassword.php`, then `getAuthToken.php` for
    /// older accounts.
    Password,
}

/// Reads one line from standard input; on a terminal, without echoing it (a password).
fn read_secret_line() -> anyhow::Result<String> {
    use std::io::IsTerminal as _;
    if !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .context("cannot read the password")?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_string());
    }
    use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers, read};
    crossterm::terminal::enable_raw_mode().context("cannot read the password")?;
    let mut text = String::new();
    let result = loop {
        match read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => match k.code {
                KeyCode::Enter => break Ok(()),
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Err(anyhow::anyhow!("interrupted"));
                }
                KeyCode::Char(c) => text.push(c),
                KeyCode::Backspace => {
                    text.pop();
                }
                _ => {}
            },
            Ok(_) => {}
            Err(e) => break Err(anyhow::anyhow!("cannot read the password: {e}")),
        }
    };
    let _ = crossterm::terminal::disable_raw_mode();
    eprintln!();
    result.map(|()| text)
}

/// Log-in: by a one-time password emailed by Kash.click (recommended) or by password, read
/// from the terminal, traded for the key; then `config.toml` is written with `api_key_file`
/// pointing at a 0600 key file.
async fn login(
    email: &str,
    how: SignIn<'_>,
    base_url: &str,
    target: Option<PathBuf>,
) -> anyhow::Result<()> {
    let config_path = target.context("no configuration directory: pass --config FILE")?;
    if config_path.exists() {
        anyhow::bail!(
            "{} exists already: move it away first, or pass --config NEW_FILE",
            config_path.display()
        );
    }
    let client = KashClient::anonymous(base_url, std::time::Duration::from_secs(20))
        .map_err(|e| anyhow::anyhow!("{}", e.cashier_message()))?;
    let credentials = match how {
        SignIn::Otp(account_id) => {
            client
                .get_otp_for_account(email, account_id)
                .await
                .map_err(|e| anyhow::anyhow!("{}", e.cashier_message()))?;
            eprint!("{} ", cli_lang().ta("cli-otp-sent", &[("email", s(email))]));
            let mut otp = String::new();
            std::io::stdin()
                .read_line(&mut otp)
                .context("cannot read the one-time password")?;
            client
                .get_auth_token_with_otp(email, otp.trim())
                .await
                .map_err(|e| anyhow::anyhow!("{}", e.cashier_message()))?
        }
        SignIn::Password => {
            eprint!("{} ", cli_lang().ta("cli-password", &[("login", s(email))]));
            let password = read_secret_line()?;
            kash_pos::signin::password_credentials(&client, email, &password)
                .await
                .map_err(|e| anyhow::anyhow!("{}", e.cashier_message()))?
        }
    };
    let done = kash_pos::signin::write_account(&config_path, base_url, &credentials)?;
    println!(
        "{}",
        cli_lang().ta(
            "cli-logged-in",
            &[
                ("shop", s(done.shop_id)),
                ("key", s(done.key_masked)),
                ("key_file", s(done.key_file.display().to_string())),
                ("config", s(done.config.display().to_string())),
            ],
        )
    );
    Ok(())
}

/// The till's journal, owned by this process for its whole life. The errors that make the
/// journal unusable (another till owns it, damaged, foreign) carry what to do; they are said
/// before the terminal is taken, and the till does not start.
fn open_journal(config: &Config) -> anyhow::Result<Journal> {
    let path = config
        .journal_path()
        .context("no data directory for the journal: set [journal] path or pass --journal FILE")?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    Journal::open(&path).map_err(|e| {
        if e.is_unusable() {
            anyhow::anyhow!("{e}")
        } else {
            anyhow::anyhow!("cannot open the journal {}: {e}", path.display())
        }
    })
}

fn export(config: &Config, format: &str) -> std::process::ExitCode {
    // Read-only: a till may be sending from this journal right now; export changes nothing.
    let opened = config
        .journal_path()
        .context("no data directory for the journal: set [journal] path or pass --journal FILE")
        .and_then(|path| Journal::open_read_only(&path).map_err(|e| anyhow::anyhow!("{e}")));
    let result = opened.and_then(|journal| {
        let out = std::io::stdout().lock();
        match format {
            "csv" => journal.export_csv(out).map_err(Into::into),
            "json" => journal.export_json(out).map_err(Into::into),
            other => Err(anyhow::anyhow!(
                "{}",
                config
                    .language(env_var)
                    .ta("cli-unknown-format", &[("format", s(format!("{other:?}")))])
            )),
        }
    });
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kash-pos export: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Says the configuration's warnings on standard error (and in the log).
fn warn_config(config: &Config) {
    for w in &config.warnings {
        eprintln!(
            "kash-pos: {}",
            config
                .language(env_var)
                .ta("cli-warning", &[("warning", s(w.as_str()))])
        );
        tracing::warn!("{w}");
    }
}

/// Without configuration: the demo shop, served by the simulator on a loopback port and
/// reached through the same HTTP client as Kash.click.
async fn demo_shop(config: &mut Config) -> anyhow::Result<Option<kash_pos::sim::SimHandle>> {
    if !config.is_demo() {
        return Ok(None);
    }
    let sim = Simulator::demo();
    let handle = sim
        .spawn(std::net::SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .context("cannot start the demo shop")?;
    config.base_url = handle.base_url();
    tracing::info!(base_url = %config.base_url, "demo shop started");
    Ok(Some(handle))
}

fn client_for(config: &Config) -> anyhow::Result<KashClient> {
    KashClient::new(
        &config.base_url,
        &config.shop_id,
        config.api_key.clone(),
        config.timeout,
    )
    .map_err(|e| anyhow::anyhow!("{}", e.cashier_message()))
}

struct ReportArgs {
    day: Option<String>,
    format: String,
    output: Option<PathBuf>,
    json: bool,
}

fn local_today() -> time::Date {
    let offset = LOCAL_OFFSET.get().copied().unwrap_or(time::UtcOffset::UTC);
    time::OffsetDateTime::now_utc().to_offset(offset).date()
}

/// `kash-pos report --day D --format F [-o FILE]`: the server's report, the bytes as sent.
async fn server_report(
    mut config: Config,
    args: ReportArgs,
) -> anyhow::Result<std::process::ExitCode> {
    use kash_pos::kash::SalesFormat;
    use std::io::{IsTerminal as _, Write as _};
    let lang = config.language(env_var);
    let Some(format) = SalesFormat::ALL
        .into_iter()
        .find(|f| f.wire().eq_ignore_ascii_case(&args.format))
    else {
        anyhow::bail!(
            "{}",
            lang.ta("report-bad-format", &[("format", s(args.format.as_str()))])
        );
    };
    let day = match &args.day {
        Some(d) => Some(
            kash_pos::report::parse_day(d, local_today(), lang).map_err(|e| anyhow::anyhow!(e))?,
        ),
        None => None,
    };
    if args.output.is_none()
        && kash_pos::report::is_binary(format)
        && std::io::stdout().is_terminal()
    {
        anyhow::bail!(
            "{}",
            lang.ta("report-binary-to-terminal", &[("format", s(format.wire()))])
        );
    }
    warn_config(&config);
    let _sim = demo_shop(&mut config).await?;
    let client = client_for(&config)?;
    let report = client
        .sales(day.map(kash_pos::report::wire_day), format)
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.cashier_message_in(lang)))?;
    kash_pos::report::check_answer(format, &report, lang).map_err(|e| anyhow::anyhow!(e))?;
    if let Some(path) = &args.output {
        kash_pos::report::write_whole(path, &report.bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!(
            "{}",
            lang.ta(
                "report-written",
                &[
                    ("bytes", kash_pos::i18n::n(report.bytes.len())),
                    ("path", s(path.display().to_string())),
                ],
            )
        );
    } else {
        let mut out = std::io::stdout().lock();
        out.write_all(&report.bytes)?;
        out.flush()?;
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// `kash-pos report --till [--day D] [--json]`: this till's figures from its journal.
fn till_report(config: &Config, args: &ReportArgs) -> std::process::ExitCode {
    let lang = config.language(env_var);
    let today = local_today();
    let day = match &args.day {
        Some(d) => match kash_pos::report::parse_day(d, today, lang) {
            Ok(day) => day,
            Err(e) => {
                eprintln!("kash-pos report: {e}");
                return std::process::ExitCode::from(2);
            }
        },
        None => today,
    };
    let opened = config
        .journal_path()
        .context("no data directory for the journal: set [journal] path or pass --journal FILE")
        .and_then(|path| Journal::open_read_only(&path).map_err(|e| anyhow::anyhow!("{e}")));
    let journal = match opened {
        Ok(j) => j,
        Err(e) => {
            eprintln!("kash-pos report: {e:#}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let offset = LOCAL_OFFSET.get().copied().unwrap_or(time::UtcOffset::UTC);
    let figures = match kash_pos::report::till_day_of(&journal, day, offset) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("kash-pos report: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    // A journal written by an older version has no shift log yet: no events.
    let events = journal.shift_events().unwrap_or_default();
    let style = config.money_style(lang);
    if args.json {
        let mut json = figures.to_json(day);
        json["shift_events"] = kash_pos::shift::events_json(&events, day, offset);
        println!("{json:#}");
    } else {
        let text = figures.render(day, lang, style);
        print!("{text}");
        let lines = kash_pos::shift::day_events(&events, day, offset, lang, style);
        if lines.is_empty() {
            println!("{}", lang.t("report-no-shift-events"));
        } else {
            if !text.ends_with("\n\n") {
                println!();
            }
            println!("{}", lang.t("report-shifts"));
            for line in lines {
                println!("  {line}");
            }
        }
    }
    std::process::ExitCode::SUCCESS
}

/// `kash-pos check`: probes the account read-only and prints the report; the exit status is
/// non-zero when a capability the till relies on is missing.
async fn check(mut config: Config, json: bool) -> anyhow::Result<std::process::ExitCode> {
    warn_config(&config);
    let _sim = demo_shop(&mut config).await?;
    let client = client_for(&config)?;
    let report = if config.is_demo() {
        kash_pos::check::probe_demo(&client, &config.sender_config(), &config.base_url).await
    } else {
        kash_pos::check::probe(
            &client,
            config.journal_path().as_deref(),
            &config.sender_config(),
            &config.shop_id,
            &config.base_url,
        )
        .await
    };
    if json {
        println!("{:#}", report.to_json());
    } else {
        print!("{}", report.render(config.language(env_var)));
    }
    Ok(if report.passed() {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    })
}

/// Who is at the till: the till file beside the configuration (none for the demo shop, which
/// starts fresh each time). A file that cannot be read is left as it is and not written over.
fn till_state(config: &Config) -> kash_pos::app::state::TillState {
    use kash_pos::pos::cashiers::{TillFile, till_path};
    let path = if config.is_demo() {
        None
    } else {
        till_path(config.source.as_deref(), &config.shop_id)
    };
    let (file, path) = match path.as_deref().map(TillFile::load) {
        Some(Ok(file)) => (file, path),
        Some(Err(e)) => {
            eprintln!("kash-pos: warning: the till file is not read nor written: {e}");
            tracing::warn!(error = %e, "till file unreadable");
            (TillFile::default(), None)
        }
        None => (TillFile::default(), None),
    };
    kash_pos::app::state::TillState {
        file,
        path,
        cashbox_fixed: config.pos.cashbox_id.is_some(),
        ask_at_start: !config.is_demo(),
        ..Default::default()
    }
}

/// Signing in is offered on the demo shop: the configuration goes to the user's default place,
/// and the welcome shows at start until the demo is chosen once.
fn sign_in_offer(config: &Config, base_url: &str) -> Option<kash_pos::app::state::SignInOffer> {
    if !config.is_demo() {
        return None;
    }
    let demo_marker = Journal::default_path().map(|p| p.with_file_name("demo-chosen"));
    Some(kash_pos::app::state::SignInOffer {
        base_url: base_url.to_string(),
        config_path: Config::default_path(),
        at_start: !demo_marker.as_deref().is_some_and(std::path::Path::exists),
        demo_marker,
    })
}

/// The till, until it quits; `Some(config)` when it quits to start again on that
/// configuration (signed in from the demo).
async fn run_pos(mut config: Config, sign_in_url: &str) -> anyhow::Result<Option<PathBuf>> {
    warn_config(&config);
    let _sim = demo_shop(&mut config).await?;
    let client = client_for(&config)?;
    let lang = config.language(env_var);
    let settings = Settings {
        shop_id: config.shop_id.clone(),
        demo: config.is_demo(),
        user_id: config.pos.user_id,
        cashbox_id: config.pos.cashbox_id,
        money_style: config.money_style(lang),
        lang,
        theme: config.theme(env_var),
        utc_offset: LOCAL_OFFSET.get().copied().unwrap_or(time::UtcOffset::UTC),
        in_store: config.in_store_templates(),
    };
    // No sale goes on the wire before it is in the journal: without a journal, no till.
    let journal = open_journal(&config)?;
    if let Some(days) = config.journal.retention_days {
        let cutoff = time::OffsetDateTime::now_utc()
            - time::Duration::days(i64::try_from(days).unwrap_or(i64::MAX / 86_400));
        match journal.prune_confirmed(cutoff) {
            Ok(n) if n > 0 => tracing::info!(
                removed = n,
                days,
                "confirmed sales past the retention removed"
            ),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "retention not applied"),
        }
    }
    let mut app = App::new(settings);
    // The keys with the configuration's [keys]: one keymap for the life of the till.
    app.keymap = Box::leak(Box::new(config.keymap.clone()));
    app.warnings.clone_from(&config.warnings);
    app.limits = config.pos.limits();
    if let Some(printer) = &config.printer {
        app.printing.setup = Some(
            printer
                .setup(lang, app.settings.money_style)
                .map_err(|e| anyhow::anyhow!("{e}"))?,
        );
    }
    app.bell = config.pos.bell;
    app.till = till_state(&config);
    app.sign_in = sign_in_offer(&config, sign_in_url);
    if app.settings.cashbox_id.is_none() {
        app.settings.cashbox_id = app.till.file.cashbox_id;
    }
    if let Ok(Some(json)) = journal.load_basket() {
        match kash_pos::pos::sale::SavedSale::from_json(&json) {
            Ok(sale) if !sale.is_empty() => {
                // Kept whatever it holds (it is the cashier's); a line over the limits is said.
                if let Err((line, e)) = sale.basket.check(&app.limits) {
                    tracing::warn!(line, error = %e, "the restored basket has a line over the limits");
                }
                app.restore_sale(sale);
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "the saved basket could not be read"),
        }
    }
    match journal.counts() {
        Ok(c) => app.queue_waiting = c.waiting(),
        Err(e) => tracing::warn!(error = %e, "journal counts"),
    }
    app.orders.refresh_secs = config.sync.pending_refresh_secs;
    let mut terminal = ratatui::init();
    let result = kash_pos::app::runner::run(
        &mut terminal,
        app,
        client,
        journal,
        &config.scanner,
        config.sender_config(),
    )
    .await;
    ratatui::restore();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The English messages of the command line are its doc comments, so the French help
    /// translates what the English help says.
    #[test]
    fn the_help_messages_are_the_doc_comments() {
        let cmd = Cli::command();
        let about = |c: &clap::Command| c.get_about().map(ToString::to_string);
        let help = |c: &clap::Command, arg: &str| {
            c.get_arguments()
                .find(|a| a.get_id() == arg)
                .and_then(|a| a.get_help().map(ToString::to_string))
        };
        let sub = |name: &str| cmd.find_subcommand(name).unwrap().clone();
        let en = |id: &str| Some(Lang::En.t(id));
        assert_eq!(about(&cmd), en("cli-about"));
        assert_eq!(help(&cmd, "config"), en("cli-arg-config"));
        assert_eq!(help(&cmd, "sign_in_url"), en("cli-arg-sign-in-url"));
        for (name, id) in [
            ("sim", "cli-sim"),
            ("check", "cli-check"),
            ("login", "cli-login"),
            ("export", "cli-export"),
            ("report", "cli-report"),
        ] {
            assert_eq!(about(&sub(name)), en(id), "{name}");
        }
        assert_eq!(help(&sub("login"), "email"), en("cli-arg-email"));
        assert_eq!(help(&sub("login"), "account_id"), en("cli-arg-account-id"));
        assert_eq!(help(&sub("login"), "password"), en("cli-arg-password"));
        assert_eq!(help(&sub("login"), "base_url"), en("cli-arg-base-url"));
        assert_eq!(help(&sub("export"), "format"), en("cli-arg-format"));
        assert_eq!(help(&sub("check"), "json"), en("cli-check-json"));
        for (arg, id) in [
            ("day", "cli-arg-day"),
            ("format", "cli-arg-report-format"),
            ("output", "cli-arg-output"),
            ("till", "cli-arg-till"),
            ("json", "cli-arg-till-json"),
        ] {
            assert_eq!(help(&sub("report"), arg), en(id), "{arg}");
        }
        let fr = localized_cli(Lang::Fr);
        assert_eq!(about(&fr), Some(Lang::Fr.t("cli-about")));
        fr.debug_assert();
    }
}
