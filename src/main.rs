//! The `kash-pos` command: the till (on the embedded demo shop without configuration, or on a
//! Kash.click account with `--config`), the simulator alone (`sim`), and `login` to obtain a key.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use kash_pos::app::state::{App, Settings};
use kash_pos::config::Config;
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
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the Kash.click simulator with the demo shop (shop id `demo`, key `demo`).
    Sim(SimArgs),
    /// Check the configuration and the connection, then exit.
    Check,
}

fn init_logging() -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let dirs = directories::ProjectDirs::from("click", "kash", "kash-pos")?;
    let dir = dirs
        .state_dir()
        .unwrap_or_else(|| dirs.data_local_dir())
        .to_path_buf();
    std::fs::create_dir_all(&dir).ok()?;
    let appender = tracing_appender::rolling::daily(&dir, "kash-pos.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KASH_POS_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    Some(guard)
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
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
    if let Some(Command::Sim(args)) = cli.command {
        return match runtime.block_on(kash_pos::sim::run(args)) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("kash-pos sim: {e:#}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    let config = match Config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("kash-pos: configuration error in {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let _guard = init_logging();
    let check = matches!(cli.command, Some(Command::Check));
    match runtime.block_on(run_pos(config, check)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kash-pos: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run_pos(mut config: Config, check: bool) -> anyhow::Result<()> {
    for w in &config.warnings {
        eprintln!("kash-pos: warning: {w}");
        tracing::warn!("{w}");
    }
    // Without configuration: the demo shop, served by the simulator on a loopback port and
    // reached through the same HTTP client as Kash.click.
    let _sim = if config.is_demo() {
        let sim = Simulator::demo();
        let handle = sim
            .spawn(std::net::SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .context("cannot start the demo shop")?;
        config.base_url = handle.base_url();
        tracing::info!(base_url = %config.base_url, "demo shop started");
        Some(handle)
    } else {
        None
    };
    let client = KashClient::new(
        &config.base_url,
        &config.shop_id,
        config.api_key.clone(),
        config.timeout,
    )
    .map_err(|e| anyhow::anyhow!("{}", e.cashier_message()))?;
    if check {
        let modes = client
            .payment_modes()
            .await
            .map_err(|e| anyhow::anyhow!("{}", e.cashier_message()))?;
        let items = client
            .items()
            .await
            .map_err(|e| anyhow::anyhow!("{}", e.cashier_message()))?;
        println!(
            "OK: shop {} at {} answers: {} items, {} payment modes",
            config.shop_id,
            config.base_url,
            items.items.len(),
            modes.items.len()
        );
        return Ok(());
    }
    let settings = Settings {
        shop_id: config.shop_id.clone(),
        demo: config.is_demo(),
        user_id: config.pos.user_id,
        cashbox_id: config.pos.cashbox_id,
        money_style: config.money_style(),
    };
    let mut app = App::new(settings);
    app.orders.refresh_secs = config.sync.pending_refresh_secs;
    let mut terminal = ratatui::init();
    let result = kash_pos::app::runner::run(&mut terminal, app, client).await;
    ratatui::restore();
    result
}
